from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReactionSummary")


@_attrs_define
class ReactionSummary:
    """How one emoji has been used on a message.

    Attributes:
        emoji (str):  Example: 👍.
        count (float): How many people reacted with it.
        reacted_by_me (bool): Whether the caller is one of them.
    """

    emoji: str
    count: float
    reacted_by_me: bool

    def to_dict(self) -> dict[str, Any]:
        emoji = self.emoji

        count = self.count

        reacted_by_me = self.reacted_by_me

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "emoji": emoji,
                "count": count,
                "reacted_by_me": reacted_by_me,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        emoji = d.pop("emoji")

        count = d.pop("count")

        reacted_by_me = d.pop("reacted_by_me")

        reaction_summary = cls(
            emoji=emoji,
            count=count,
            reacted_by_me=reacted_by_me,
        )

        return reaction_summary
