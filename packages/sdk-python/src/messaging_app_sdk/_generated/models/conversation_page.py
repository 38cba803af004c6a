from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.conversation import Conversation


T = TypeVar("T", bound="ConversationPage")


@_attrs_define
class ConversationPage:
    """
    Attributes:
        count (float): Total number of items across all pages.
        next_ (None | str): Absolute URL of the next page, or null on the last page.
        previous (None | str): Absolute URL of the previous page, or null on the first page.
        results (list[Conversation]):
    """

    count: float
    next_: None | str
    previous: None | str
    results: list[Conversation]

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        next_: None | str
        next_ = self.next_

        previous: None | str
        previous = self.previous

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
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversation import Conversation

        d = dict(src_dict)
        count = d.pop("count")

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

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = Conversation.from_dict(results_item_data)

            results.append(results_item)

        conversation_page = cls(
            count=count,
            next_=next_,
            previous=previous,
            results=results,
        )

        return conversation_page
