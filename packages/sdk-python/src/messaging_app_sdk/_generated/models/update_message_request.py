from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="UpdateMessageRequest")


@_attrs_define
class UpdateMessageRequest:
    """
    Attributes:
        message_body (str):
    """

    message_body: str

    def to_dict(self) -> dict[str, Any]:
        message_body = self.message_body

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_body": message_body,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message_body = d.pop("message_body")

        update_message_request = cls(
            message_body=message_body,
        )

        return update_message_request
