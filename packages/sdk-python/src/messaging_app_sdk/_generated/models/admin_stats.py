from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AdminStats")


@_attrs_define
class AdminStats:
    """Counts across the whole service. "Today" is the current UTC day.

    Attributes:
        users (float):
        active_users (float):
        staff_users (float):
        conversations (float):
        messages (float):
        messages_today (float):
    """

    users: float
    active_users: float
    staff_users: float
    conversations: float
    messages: float
    messages_today: float

    def to_dict(self) -> dict[str, Any]:
        users = self.users

        active_users = self.active_users

        staff_users = self.staff_users

        conversations = self.conversations

        messages = self.messages

        messages_today = self.messages_today

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "users": users,
                "active_users": active_users,
                "staff_users": staff_users,
                "conversations": conversations,
                "messages": messages,
                "messages_today": messages_today,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        users = d.pop("users")

        active_users = d.pop("active_users")

        staff_users = d.pop("staff_users")

        conversations = d.pop("conversations")

        messages = d.pop("messages")

        messages_today = d.pop("messages_today")

        admin_stats = cls(
            users=users,
            active_users=active_users,
            staff_users=staff_users,
            conversations=conversations,
            messages=messages,
            messages_today=messages_today,
        )

        return admin_stats
