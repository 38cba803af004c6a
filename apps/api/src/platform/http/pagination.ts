import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { requestUrlWith } from './links';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * The page parameters every list takes, declared once: controllers take them with tsoa's `@Queries()`,
 * so the contract, validation and messages are the same on every list.
 */
export interface PageParams {
  /**
   * Which page, from 1.
   * @isInt Must be a whole number.
   * @minimum 1 Must be 1 or more.
   * @maximum 1000000 Must be 1000000 or less.
   */
  page?: number;
  /**
   * How many items a page holds (20 unless given).
   * @isInt Must be a whole number.
   * @minimum 1 Must be between 1 and 100.
   * @maximum 100 Must be between 1 and 100.
   */
  page_size?: number;
  /** Query parameters the list does not know are ignored, as they always were (a cache-buster, say). */
  [other: string]: unknown;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface PageOf<T> extends PageRequest {
  count: number;
  results: T[];
}

/** The page envelope every list endpoint answers with. */
export interface Paginated {
  /** Total number of items across all pages. */
  count: number;
  /** Absolute URL of the next page, or null on the last page. */
  next: string | null;
  /** Absolute URL of the previous page, or null on the first page. */
  previous: string | null;
}

export function pageRequest({ page, page_size }: PageParams): PageRequest {
  return { page: page ?? 1, pageSize: page_size ?? DEFAULT_PAGE_SIZE };
}

export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

/** Page 1 always exists (possibly empty); any other page past the end is a 404, as in the seed API. */
export function assertPageExists(request: PageRequest, count: number): void {
  if (request.page > 1 && offsetOf(request) >= count) {
    throw new AppError('not_found', `Invalid page: page ${request.page} is past the last page.`, { page: request.page });
  }
}

function pageUrl(req: Request, page: number): string {
  return requestUrlWith(req, { page: String(page) });
}

/** Wraps a page of results in the envelope, with absolute links built from the request. */
export function toEnvelope<T>(req: Request, page: PageOf<T>): Paginated & { results: T[] } {
  const hasNext = page.page * page.pageSize < page.count;
  return {
    count: page.count,
    next: hasNext ? pageUrl(req, page.page + 1) : null,
    previous: page.page > 1 ? pageUrl(req, page.page - 1) : null,
    results: page.results,
  };
}
