import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import type { Services } from '../../app/composition-root';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

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

export function pageRequest(page: number | undefined, pageSize: number | undefined): PageRequest {
  return { page: page ?? 1, pageSize: pageSize ?? DEFAULT_PAGE_SIZE };
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

/**
 * Where absolute links start: PUBLIC_URL (required in production). Without it, in development and
 * test, the request's own scheme and host, which X-Forwarded-Proto/-Host may set only when TRUST_PROXY
 * says the proxy in front is trusted (express's req.protocol and req.host).
 */
export function publicBaseUrl(req: Request): string {
  const { publicUrl } = (req.app.locals.services as Services).config;
  return publicUrl ?? `${req.protocol}://${req.host ?? 'localhost'}`;
}

/** The absolute URL of this request with some query parameters set and others removed. */
export function requestUrlWith(req: Request, set: Record<string, string>, remove: string[] = []): string {
  // Appended, not resolved: a path prefix in PUBLIC_URL is kept, and a path starting with // cannot
  // turn into another host.
  const url = new URL(`${publicBaseUrl(req)}${req.originalUrl}`);
  for (const name of remove) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(set)) url.searchParams.set(name, value);
  return url.toString();
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
