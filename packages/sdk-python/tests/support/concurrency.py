"""Running things side by side in tests, in pairs that scripts/unasync.py swaps (`async_x` -> `sync_x`):
tasks for the async tests, threads for the sync ones."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from typing import Any, TypeVar

import anyio

T = TypeVar("T")
WAIT_TIMEOUT_SECONDS = 20.0


async def async_gather(*calls: Callable[[], Awaitable[T]]) -> list[T]:
    """Runs the calls at once (one task each) and answers their results in order."""
    results: dict[int, T] = {}

    async def run(index: int) -> None:
        results[index] = await calls[index]()

    async with anyio.create_task_group() as group:
        for index in range(len(calls)):
            group.start_soon(run, index)
    return [results[index] for index in range(len(calls))]


def sync_gather(*calls: Callable[[], T]) -> list[T]:
    """Runs the calls at once (one thread each) and answers their results in order."""
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result() for future in futures]


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_wait_until(condition: Callable[[], bool], within: float = WAIT_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Not true within {within} s: {condition}")
        await anyio.sleep(0.02)


def sync_wait_until(condition: Callable[[], bool], within: float = WAIT_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Not true within {within} s: {condition}")
        time.sleep(0.02)


@asynccontextmanager
async def async_background(work: Callable[[], Coroutine[Any, Any, None]]) -> AsyncIterator[None]:
    """Runs `work` in a task while the block runs; leaving the block waits for it to end (and re-raises its error)."""
    with anyio.fail_after(WAIT_TIMEOUT_SECONDS):
        async with anyio.create_task_group() as group:
            group.start_soon(work)
            yield


@contextmanager
def sync_background(work: Callable[[], None]) -> Iterator[None]:
    """Runs `work` in a thread while the block runs; leaving the block waits for it to end (and re-raises its error)."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield
    thread.join(WAIT_TIMEOUT_SECONDS)
    if thread.is_alive():
        raise AssertionError("The background work did not end.")
    if errors:
        raise errors[0]


async def async_timed(call: Callable[[], Awaitable[T]]) -> tuple[T | Exception, float]:
    """The call's result or the error it raised, and how many seconds it took."""
    start = time.monotonic()
    try:
        return await call(), time.monotonic() - start
    except Exception as error:
        return error, time.monotonic() - start


def sync_timed(call: Callable[[], T]) -> tuple[T | Exception, float]:
    start = time.monotonic()
    try:
        return call(), time.monotonic() - start
    except Exception as error:
        return error, time.monotonic() - start
