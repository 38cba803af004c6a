"""The few primitives whose synchronous and asynchronous forms differ, in pairs that scripts/unasync.py
swaps (`AsyncLock` -> `Lock`, `async_sleep` -> `sync_sleep`, ...). The async client uses anyio, so it runs
under asyncio and trio alike; the sync client uses threads' primitives, so one client can be shared
between threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

import anyio

from ._pages import CursorPageData, CursorPosition, PageData

T = TypeVar("T")


class Lock:
    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._lock.release()


class AsyncLock:
    def __init__(self) -> None:
        self._lock = anyio.Lock()

    async def __aenter__(self) -> None:
        await self._lock.acquire()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._lock.release()


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


# How a pager fetches one page (by number) or one cursor page (from a position).
FetchPage = Callable[[int], PageData[T]]
AsyncFetchPage = Callable[[int], Awaitable[PageData[T]]]
FetchCursorPage = Callable[[CursorPosition], CursorPageData[T]]
AsyncFetchCursorPage = Callable[[CursorPosition], Awaitable[CursorPageData[T]]]
