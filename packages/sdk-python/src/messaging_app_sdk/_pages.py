"""What a page of a list holds, whichever client fetched it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PageData(Generic[T]):
    """The envelope every numbered list answers with."""

    count: int
    """Items across all pages."""
    next: str | None
    previous: str | None
    results: list[T]


@dataclass(frozen=True)
class CursorPageData(Generic[T]):
    count: int | None
    """The total when the page was requested without a cursor; None for cursor pages (they skip counting)."""
    next: str | None
    previous: str | None
    next_cursor: str | None
    """Where the next page (in the list's order) starts; towards newer messages it is kept even when nothing is
    there yet, to catch up later."""
    prev_cursor: str | None
    results: list[T]


@dataclass(frozen=True)
class CursorPosition:
    """Where a cursor page starts: after `before` or `after` a cursor, or at the start of the list (neither)."""

    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class CursorDirections:
    """Which cursor parameter moves forwards and which backwards (they depend on the list's order)."""

    forward: Literal["before", "after"]
    backward: Literal["before", "after"]

    def position(self, way: Literal["before", "after"], cursor: str) -> CursorPosition:
        return CursorPosition(before=cursor) if way == "before" else CursorPosition(after=cursor)
