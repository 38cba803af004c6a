from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.message import Message


T = TypeVar("T", bound="MessagePage")


@_attrs_define
class MessagePage:
    """A page of messages. With `page`, `next`/`previous` are page links and `count` is the total; with a
    cursor (`before`/`after`), `next`/`previous` are cursor links, present when there are more messages
    that way right now, and `count` is null (not counting keeps deep pages as fast as the first).

        Attributes:
            count (float | None): Messages matching the filters across all pages; null for cursor pages.
            next_ (None | str): Absolute URL of the next page in this list's order, or null when there is none (yet).
            previous (None | str): Absolute URL of the previous page in this list's order, or null when there is none.
            next_cursor (None | str): Continues the list in its order: pass it as `before` for the default newest-first
                order, as `after`
                for `ordering=sent_at`. A cursor towards older messages is null once history is exhausted; one
                towards newer messages is given whenever the page holds a message, so it can be used later to catch up.
            prev_cursor (None | str): Goes back in the list's order: pass it as `after` for newest-first, as `before` for
                `ordering=sent_at`. Same rules as next_cursor.
            results (list[Message]):
    """

    count: float | None
    next_: None | str
    previous: None | str
    next_cursor: None | str
    prev_cursor: None | str
    results: list[Message]

    def to_dict(self) -> dict[str, Any]:
        count: float | None
        count = self.count

        next_: None | str
        next_ = self.next_

        previous: None | str
        previous = self.previous

        next_cursor: None | str
        next_cursor = self.next_cursor

        prev_cursor: None | str
        prev_cursor = self.prev_cursor

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "next": next_,
                "previous": previous,
                "next_cursor": next_cursor,
                "prev_cursor": prev_cursor,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message import Message

        d = dict(src_dict)

        def _parse_count(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        count = _parse_count(d.pop("count"))

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.pop("next"))

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(d.pop("previous"))

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        def _parse_prev_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prev_cursor = _parse_prev_cursor(d.pop("prev_cursor"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = Message.from_dict(results_item_data)

            results.append(results_item)

        message_page = cls(
            count=count,
            next_=next_,
            previous=previous,
            next_cursor=next_cursor,
            prev_cursor=prev_cursor,
            results=results,
        )

        return message_page
