import type { ApiPromise, WithResponse } from './api-promise';

/** The envelope every list endpoint answers with. */
export interface PageData<T> {
  /** Items across all pages. */
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Fetches one page (1-based) of a list, with the list's filters already applied. */
export type PageFetcher<T> = (page: number) => ApiPromise<PageData<T>>;

/** What auto-pagination needs from a page: its items and a way to the next one. */
interface ChainedPage<T, P> {
  results: T[];
  hasNextPage(): boolean;
  getNextPage(): Promise<P>;
}

/**
 * A list that is requested lazily: `await` it for the first page, or `for await` over it for every item
 * on every page. Nothing is requested until you do either, and the first page is requested only once.
 * `withResponse()` gives the first page with its HTTP response, like any call's.
 */
export abstract class LazyList<T, P extends ChainedPage<T, P>> implements PromiseLike<P>, AsyncIterable<T> {
  private firstPage?: Promise<WithResponse<P>>;

  protected abstract loadFirst(): Promise<WithResponse<P>>;

  /** The first page with the response it came from: `{ data: page, response, requestId, idempotentReplayed }`. */
  withResponse(): Promise<WithResponse<P>> {
    return this.first();
  }

  then<R1 = P, R2 = never>(
    onfulfilled?: ((page: P) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstData().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<P | R> {
    return this.firstData().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<P> {
    return this.firstData().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: P | undefined = await this.firstData();
    while (page) {
      yield* page.results;
      page = page.hasNextPage() ? await page.getNextPage() : undefined;
    }
  }

  private first(): Promise<WithResponse<P>> {
    this.firstPage ??= this.loadFirst();
    return this.firstPage;
  }

  private firstData(): Promise<P> {
    return this.first().then(({ data }) => data);
  }
}

/** One page of a list, able to fetch the page after it. */
export class Page<T> implements PageData<T> {
  readonly count: number;
  readonly next: string | null;
  readonly previous: string | null;
  readonly results: T[];

  constructor(
    data: PageData<T>,
    /** This page's number, so the next one can be requested with the same filters and page size. */
    readonly page: number,
    private readonly fetchPage: PageFetcher<T>,
  ) {
    this.count = data.count;
    this.next = data.next;
    this.previous = data.previous;
    this.results = data.results;
  }

  hasNextPage(): boolean {
    return this.next !== null;
  }

  async getNextPage(): Promise<Page<T>> {
    if (!this.hasNextPage()) throw new Error('This is the last page; check hasNextPage() first.');
    return (await loadPage(this.fetchPage, this.page + 1)).data;
  }
}

async function loadPage<T>(fetchPage: PageFetcher<T>, page: number): Promise<WithResponse<Page<T>>> {
  const loaded = await fetchPage(page).withResponse();
  return { ...loaded, data: new Page(loaded.data, page, fetchPage) };
}

/** What `list()` returns: a lazily requested, numbered list (see LazyList). */
export class PagePromise<T> extends LazyList<T, Page<T>> {
  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly startPage = 1,
  ) {
    super();
  }

  protected loadFirst(): Promise<WithResponse<Page<T>>> {
    return loadPage(this.fetchPage, this.startPage);
  }
}

/** A page of a list read with cursors. */
export interface CursorPageData<T> {
  /** The total, when the page was requested without a cursor; null for cursor pages (they skip counting). */
  count: number | null;
  /** Link to the next page in the list's order, or null when there is none right now. */
  next: string | null;
  /** Link to the previous page in the list's order, or null when there is none. */
  previous: string | null;
  /** Where the next page starts; towards newer messages it is kept even when nothing is there yet, to catch up later. */
  nextCursor: string | null;
  /** Where the previous page starts. */
  prevCursor: string | null;
  results: T[];
}

/** Which cursor parameters move forward and back through a list (they depend on its order). */
export interface CursorDirections {
  forward: 'before' | 'after';
  backward: 'before' | 'after';
}

/** Fetches the page starting at a cursor (`{ before }` or `{ after }`), or the first page when given neither. */
export type CursorFetcher<T> = (cursor: { before?: string; after?: string }) => ApiPromise<CursorPageData<T>>;

/** One page of a cursor list, able to fetch the pages on either side of it. */
export class CursorPage<T> implements CursorPageData<T> {
  readonly count: number | null;
  readonly next: string | null;
  readonly previous: string | null;
  readonly nextCursor: string | null;
  readonly prevCursor: string | null;
  readonly results: T[];

  constructor(
    data: CursorPageData<T>,
    private readonly directions: CursorDirections,
    private readonly fetchPage: CursorFetcher<T>,
  ) {
    this.count = data.count;
    this.next = data.next;
    this.previous = data.previous;
    this.nextCursor = data.nextCursor;
    this.prevCursor = data.prevCursor;
    this.results = data.results;
  }

  /** Whether more items follow right now (new ones may arrive later: keep `nextCursor` to look again). */
  hasNextPage(): boolean {
    return this.next !== null && this.nextCursor !== null;
  }

  hasPreviousPage(): boolean {
    return this.previous !== null && this.prevCursor !== null;
  }

  async getNextPage(): Promise<CursorPage<T>> {
    if (!this.hasNextPage()) throw new Error('There is no next page right now; check hasNextPage() first.');
    return (await loadCursorPage(this.fetchPage, this.directions, { [this.directions.forward]: this.nextCursor as string })).data;
  }

  async getPreviousPage(): Promise<CursorPage<T>> {
    if (!this.hasPreviousPage()) throw new Error('There is no previous page; check hasPreviousPage() first.');
    return (await loadCursorPage(this.fetchPage, this.directions, { [this.directions.backward]: this.prevCursor as string })).data;
  }
}

async function loadCursorPage<T>(
  fetchPage: CursorFetcher<T>,
  directions: CursorDirections,
  cursor: { before?: string; after?: string },
): Promise<WithResponse<CursorPage<T>>> {
  const loaded = await fetchPage(cursor).withResponse();
  return { ...loaded, data: new CursorPage(loaded.data, directions, fetchPage) };
}

/** What cursor lists return: a lazily requested list that moves by cursor (see LazyList). */
export class CursorPagePromise<T> extends LazyList<T, CursorPage<T>> {
  constructor(
    private readonly fetchPage: CursorFetcher<T>,
    private readonly directions: CursorDirections,
    private readonly start: { before?: string; after?: string } = {},
  ) {
    super();
  }

  protected loadFirst(): Promise<WithResponse<CursorPage<T>>> {
    return loadCursorPage(this.fetchPage, this.directions, this.start);
  }
}
