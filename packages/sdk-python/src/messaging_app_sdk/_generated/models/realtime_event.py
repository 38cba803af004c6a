from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.realtime_event_type import RealtimeEventType

if TYPE_CHECKING:
    from ..models.realtime_event_data import RealtimeEventData


T = TypeVar("T", bound="RealtimeEvent")


@_attrs_define
class RealtimeEvent:
    """One event of the stream, sent as a server-sent event whose `id` is this id, `event` this type and
    `data` this object as JSON.

        Attributes:
            id (str): Position in the global event sequence (a decimal integer, growing with every event): resume
                after it with the Last-Event-ID header or the `since` parameter. Example: 1042.
            type_ (RealtimeEventType): What happened. Each type fills the `data` fields listed on RealtimeEventData.
            conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
            created_at (datetime.datetime): When the change was committed (to the millisecond).
            data (RealtimeEventData): The payload of an event; which fields are present depends on the type:
                `message.created`, `message.updated`: message. `message.deleted`: message_id.
                `conversation.created`: conversation. `participant.added`: participants (the newcomers).
                `participant.removed`: user_id. `read.updated`: user_id, last_read_message_id.
                `reaction.added`, `reaction.removed`: message_id, user_id, emoji.
    """

    id: str
    type_: RealtimeEventType
    conversation_id: UUID
    created_at: datetime.datetime
    data: RealtimeEventData

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        conversation_id = str(self.conversation_id)

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "type": type_,
                "conversation_id": conversation_id,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.realtime_event_data import RealtimeEventData

        d = dict(src_dict)
        id = d.pop("id")

        type_ = RealtimeEventType(d.pop("type"))

        conversation_id = UUID(d.pop("conversation_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = RealtimeEventData.from_dict(d.pop("data"))

        realtime_event = cls(
            id=id,
            type_=type_,
            conversation_id=conversation_id,
            created_at=created_at,
            data=data,
        )

        return realtime_event
