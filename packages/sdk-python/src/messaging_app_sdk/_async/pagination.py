"""Lists that fetch themselves page by page: iterate a pager for every item of every page, or ask it for
one page at a time. Numbered pages (`page`, `page_size`) and cursor pages (`before`, `after`) alike."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Generic, TypeVar

from .._concurrency import AsyncFetchCursorPage, AsyncFetchPage
from .._pages import CursorDirections, CursorPageData, CursorPosition, PageData

T = TypeVar("T")


class AsyncPage(Generic[T]):
    """One page of a numbered list, able to fetch the page after it."""

    def __init__(self, data: PageData[T], number: int, fetch: AsyncFetchPage[T]) -> None:
        self.count = data.count
        """Items across all pages."""
        self.next = data.next
        self.previous = data.previous
        self.results = data.results
        self.number = number
        """This page's number (1-based)."""
        self._fetch = fetch

    def has_next_page(self) -> bool:
        return self.next is not None

    async def next_page(self) -> AsyncPage[T]:
        if not self.has_next_page():
            raise ValueError("This is the last page; check has_next_page() first.")
        return AsyncPage(await self._fetch(self.number + 1), self.number + 1, self._fetch)

    def __repr__(self) -> str:
        return f"<Page {self.number}: {len(self.results)} of {self.count}>"


class AsyncPager(Generic[T]):
    """A numbered list, requested lazily: nothing is fetched until you iterate it or ask for a page.

    `async for item in pager` goes through every item of every page; `async for page in pager.pages()`
    page by page; `await pager.first_page()` fetches the first page only (once).
    """

    def __init__(self, fetch: AsyncFetchPage[T], start: int = 1) -> None:
        self._fetch = fetch
        self._start = start
        self._first: AsyncPage[T] | None = None

    async def first_page(self) -> AsyncPage[T]:
        if self._first is None:
            self._first = AsyncPage(await self._fetch(self._start), self._start, self._fetch)
        return self._first

    async def pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = await self.first_page()
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.results:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()


class AsyncCursorPage(Generic[T]):
    """One page of a list read by cursor, able to fetch the pages on either side of it."""

    def __init__(self, data: CursorPageData[T], directions: CursorDirections, fetch: AsyncFetchCursorPage[T]) -> None:
        self.count = data.count
        """The total when requested without a cursor; None on cursor pages (they skip counting)."""
        self.next = data.next
        self.previous = data.previous
        self.next_cursor = data.next_cursor
        self.prev_cursor = data.prev_cursor
        self.results = data.results
        self._directions = directions
        self._fetch = fetch

    def has_next_page(self) -> bool:
        """Whether more items follow right now (new ones may arrive later: keep a cursor to look again)."""
        return self.next is not None and self.next_cursor is not None

    def has_previous_page(self) -> bool:
        return self.previous is not None and self.prev_cursor is not None

    async def next_page(self) -> AsyncCursorPage[T]:
        if not self.has_next_page() or self.next_cursor is None:
            raise ValueError("There is no next page right now; check has_next_page() first.")
        position = self._directions.position(self._directions.forward, self.next_cursor)
        return AsyncCursorPage(await self._fetch(position), self._directions, self._fetch)

    async def previous_page(self) -> AsyncCursorPage[T]:
        if not self.has_previous_page() or self.prev_cursor is None:
            raise ValueError("There is no previous page; check has_previous_page() first.")
        position = self._directions.position(self._directions.backward, self.prev_cursor)
        return AsyncCursorPage(await self._fetch(position), self._directions, self._fetch)

    def __repr__(self) -> str:
        return f"<CursorPage: {len(self.results)} items, next_cursor={self.next_cursor!r}>"


class AsyncCursorPager(Generic[T]):
    """A list read by cursor, requested lazily; iterating goes on in the list's order until no more items
    are there right now. `await pager.first_page()` fetches the first page only (once)."""

    def __init__(self, fetch: AsyncFetchCursorPage[T], directions: CursorDirections, start: CursorPosition) -> None:
        self._fetch = fetch
        self._directions = directions
        self._start = start
        self._first: AsyncCursorPage[T] | None = None

    async def first_page(self) -> AsyncCursorPage[T]:
        if self._first is None:
            self._first = AsyncCursorPage(await self._fetch(self._start), self._directions, self._fetch)
        return self._first

    async def pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        page = await self.first_page()
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.results:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()
