/** The envelope every list endpoint answers with. */
export interface PageData<T> {
  /** Items across all pages. */
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Fetches one page (1-based) of a list, with the list's filters already applied. */
export type PageFetcher<T> = (page: number) => Promise<PageData<T>>;

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
    return loadPage(this.fetchPage, this.page + 1);
  }
}

async function loadPage<T>(fetchPage: PageFetcher<T>, page: number): Promise<Page<T>> {
  return new Page(await fetchPage(page), page, fetchPage);
}

/**
 * What `list()` returns: `await` it for the first page, or `for await` over it for every item on every
 * page. Nothing is requested until you do either, and the first page is requested only once.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  private firstPage?: Promise<Page<T>>;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly startPage = 1,
  ) {}

  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.first().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.first().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Page<T>> {
    return this.first().finally(onfinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> | undefined = await this.first();
    while (page) {
      yield* page.results;
      page = page.hasNextPage() ? await page.getNextPage() : undefined;
    }
  }

  private first(): Promise<Page<T>> {
    this.firstPage ??= loadPage(this.fetchPage, this.startPage);
    return this.firstPage;
  }
}
