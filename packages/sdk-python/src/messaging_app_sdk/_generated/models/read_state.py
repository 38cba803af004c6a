from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReadState")


@_attrs_define
class ReadState:
    """The caller's read marker in one conversation.

    Attributes:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        last_read_message_id (None | UUID): The last message read, or null when nothing has been read (an empty
            conversation).
        unread_count (float): Messages from others after the marker.
    """

    conversation_id: UUID
    last_read_message_id: None | UUID
    unread_count: float

    def to_dict(self) -> dict[str, Any]:
        conversation_id = str(self.conversation_id)

        last_read_message_id: None | str
        if isinstance(self.last_read_message_id, UUID):
            last_read_message_id = str(self.last_read_message_id)
        else:
            last_read_message_id = self.last_read_message_id

        unread_count = self.unread_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "conversation_id": conversation_id,
                "last_read_message_id": last_read_message_id,
                "unread_count": unread_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversation_id"))

        def _parse_last_read_message_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_read_message_id_type_1 = UUID(data)

                return last_read_message_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        last_read_message_id = _parse_last_read_message_id(
            d.pop("last_read_message_id")
        )

        unread_count = d.pop("unread_count")

        read_state = cls(
            conversation_id=conversation_id,
            last_read_message_id=last_read_message_id,
            unread_count=unread_count,
        )

        return read_state
