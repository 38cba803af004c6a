from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.conversation_kind import ConversationKind

if TYPE_CHECKING:
    from ..models.message import Message
    from ..models.user_summary import UserSummary


T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """
    Attributes:
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        kind (ConversationKind): `direct`: exactly two people, and only one such conversation per pair (starting it
            again returns it);
            nobody can be added and nobody can leave. `group`: any number of people (up to 100); participants can
            add others and leave, and whoever created it can remove people.
        title (None | str): A name for a group; null when none was given (always null for direct conversations).
        created_by_id (None | UUID): Who started the conversation (for a group: the only one who may remove others);
            null if that account is gone.
        participants (list[UserSummary]): Everyone in the conversation, the caller included.
        created_at (datetime.datetime):
        last_message (Message | None): The newest message, or null when nothing has been sent yet.
        unread_count (float): Messages from others after the caller's read marker (the caller's own never count; nor do
            deleted ones).
        last_read_message_id (None | UUID): The caller's read marker: the last message they marked read (or sent), or
            null before any. It may
            name a message deleted since; the marker keeps its place in the conversation.
    """

    conversation_id: UUID
    kind: ConversationKind
    title: None | str
    created_by_id: None | UUID
    participants: list[UserSummary]
    created_at: datetime.datetime
    last_message: Message | None
    unread_count: float
    last_read_message_id: None | UUID

    def to_dict(self) -> dict[str, Any]:
        from ..models.message import Message

        conversation_id = str(self.conversation_id)

        kind = self.kind.value

        title: None | str
        title = self.title

        created_by_id: None | str
        if isinstance(self.created_by_id, UUID):
            created_by_id = str(self.created_by_id)
        else:
            created_by_id = self.created_by_id

        participants = []
        for participants_item_data in self.participants:
            participants_item = participants_item_data.to_dict()
            participants.append(participants_item)

        created_at = self.created_at.isoformat()

        last_message: dict[str, Any] | None
        if isinstance(self.last_message, Message):
            last_message = self.last_message.to_dict()
        else:
            last_message = self.last_message

        unread_count = self.unread_count

        last_read_message_id: None | str
        if isinstance(self.last_read_message_id, UUID):
            last_read_message_id = str(self.last_read_message_id)
        else:
            last_read_message_id = self.last_read_message_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "conversation_id": conversation_id,
                "kind": kind,
                "title": title,
                "created_by_id": created_by_id,
                "participants": participants,
                "created_at": created_at,
                "last_message": last_message,
                "unread_count": unread_count,
                "last_read_message_id": last_read_message_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.message import Message
        from ..models.user_summary import UserSummary

        d = dict(src_dict)
        conversation_id = UUID(d.pop("conversation_id"))

        kind = ConversationKind(d.pop("kind"))

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        def _parse_created_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_id_type_1 = UUID(data)

                return created_by_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = UserSummary.from_dict(participants_item_data)

            participants.append(participants_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_last_message(data: object) -> Message | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_message_type_1 = Message.from_dict(data)

                return last_message_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Message | None, data)

        last_message = _parse_last_message(d.pop("last_message"))

        unread_count = d.pop("unread_count")

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

        conversation = cls(
            conversation_id=conversation_id,
            kind=kind,
            title=title,
            created_by_id=created_by_id,
            participants=participants,
            created_at=created_at,
            last_message=last_message,
            unread_count=unread_count,
            last_read_message_id=last_read_message_id,
        )

        return conversation
