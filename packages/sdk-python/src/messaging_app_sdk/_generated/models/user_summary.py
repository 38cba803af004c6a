from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserSummary")


@_attrs_define
class UserSummary:
    """How other people appear to you (as participants or message senders): no contact details.

    Attributes:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        username (str):
        first_name (str):
        last_name (str):
    """

    user_id: UUID
    username: str
    first_name: str
    last_name: str

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        username = self.username

        first_name = self.first_name

        last_name = self.last_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "username": username,
                "first_name": first_name,
                "last_name": last_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        username = d.pop("username")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        user_summary = cls(
            user_id=user_id,
            username=username,
            first_name=first_name,
            last_name=last_name,
        )

        return user_summary
