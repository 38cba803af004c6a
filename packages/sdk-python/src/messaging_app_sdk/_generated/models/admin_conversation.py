from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.user_summary import UserSummary


T = TypeVar("T", bound="AdminConversation")


@_attrs_define
class AdminConversation:
    """Any conversation, as staff see it: who takes part and how much was said.

    Attributes:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        participants (list[UserSummary]):
        created_at (datetime.datetime):
        last_activity_at (datetime.datetime): When the last message was sent (or the conversation created, if none was).
        message_count (float):
    """

    conversation_id: UUID
    participants: list[UserSummary]
    created_at: datetime.datetime
    last_activity_at: datetime.datetime
    message_count: float

    def to_dict(self) -> dict[str, Any]:
        conversation_id = str(self.conversation_id)

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        created_at = self.created_at.isoformat()

        last_activity_at = self.last_activity_at.isoformat()

        message_count = self.message_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "conversation_id": conversation_id,
                "participants": participants,
                "created_at": created_at,
                "last_activity_at": last_activity_at,
                "message_count": message_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user_summary import UserSummary

        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversation_id"))

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = UserSummary.from_dict(participants_item_data)

            participants.append(participants_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_activity_at = datetime.datetime.fromisoformat(d.pop("last_activity_at"))

        message_count = d.pop("message_count")

        admin_conversation = cls(
            conversation_id=conversation_id,
            participants=participants,
            created_at=created_at,
            last_activity_at=last_activity_at,
            message_count=message_count,
        )

        return admin_conversation
