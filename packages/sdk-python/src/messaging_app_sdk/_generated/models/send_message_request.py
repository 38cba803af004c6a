from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendMessageRequest")


@_attrs_define
class SendMessageRequest:
    """
    Attributes:
        message_body (str): The text; must contain something other than whitespace. Example: Hi Ama, are we still on for
            Friday?.
        parent_message_id (UUID | Unset): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
    """

    message_body: str
    parent_message_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message_body = self.message_body

        parent_message_id: str | Unset = UNSET
        if not isinstance(self.parent_message_id, Unset):
            parent_message_id = str(self.parent_message_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_body": message_body,
            }
        )
        if parent_message_id is not UNSET:
            field_dict["parent_message_id"] = parent_message_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message_body = d.pop("message_body")

        _parent_message_id = d.pop("parent_message_id", UNSET)
        parent_message_id: UUID | Unset
        if isinstance(_parent_message_id, Unset):
            parent_message_id = UNSET
        else:
            parent_message_id = UUID(_parent_message_id)

        send_message_request = cls(
            message_body=message_body,
            parent_message_id=parent_message_id,
        )

        return send_message_request
