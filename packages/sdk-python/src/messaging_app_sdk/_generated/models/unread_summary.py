from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UnreadSummary")


@_attrs_define
class UnreadSummary:
    """Unread messages across all of the caller's conversations.

    Attributes:
        unread_count (float): Messages from others after the caller's read markers, in all their conversations.
        unread_conversations (float): How many conversations have at least one unread message.
    """

    unread_count: float
    unread_conversations: float

    def to_dict(self) -> dict[str, Any]:
        unread_count = self.unread_count

        unread_conversations = self.unread_conversations

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "unread_count": unread_count,
                "unread_conversations": unread_conversations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        unread_count = d.pop("unread_count")

        unread_conversations = d.pop("unread_conversations")

        unread_summary = cls(
            unread_count=unread_count,
            unread_conversations=unread_conversations,
        )

        return unread_summary
