from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation import Conversation
    from ..models.message import Message
    from ..models.user_summary import UserSummary


T = TypeVar("T", bound="RealtimeEventData")


@_attrs_define
class RealtimeEventData:
    """The payload of an event; which fields are present depends on the type:
    `message.created`, `message.updated`: message. `message.deleted`: message_id.
    `conversation.created`: conversation. `participant.added`: participants (the newcomers).
    `participant.removed`: user_id. `read.updated`: user_id, last_read_message_id.
    `reaction.added`, `reaction.removed`: message_id, user_id, emoji.

        Attributes:
            message (Message | Unset):
            conversation (Conversation | Unset):
            participants (list[UserSummary] | Unset):
            message_id (UUID | Unset): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
            user_id (UUID | Unset): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
            last_read_message_id (None | Unset | UUID):
            emoji (str | Unset):
    """

    message: Message | Unset = UNSET
    conversation: Conversation | Unset = UNSET
    participants: list[UserSummary] | Unset = UNSET
    message_id: UUID | Unset = UNSET
    user_id: UUID | Unset = UNSET
    last_read_message_id: None | Unset | UUID = UNSET
    emoji: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        conversation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conversation, Unset):
            conversation = self.conversation.to_dict()

        participants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.participants, Unset):
            participants = []
            for participants_item_data in self.participants:
                participants_item = participants_item_data.to_dict()
                participants.append(participants_item)

        message_id: str | Unset = UNSET
        if not isinstance(self.message_id, Unset):
            message_id = str(self.message_id)

        user_id: str | Unset = UNSET
        if not isinstance(self.user_id, Unset):
            user_id = str(self.user_id)

        last_read_message_id: None | str | Unset
        if isinstance(self.last_read_message_id, Unset):
            last_read_message_id = UNSET
        elif isinstance(self.last_read_message_id, UUID):
            last_read_message_id = str(self.last_read_message_id)
        else:
            last_read_message_id = self.last_read_message_id

        emoji = self.emoji

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if message is not UNSET:
            field_dict["message"] = message
        if conversation is not UNSET:
            field_dict["conversation"] = conversation
        if participants is not UNSET:
            field_dict["participants"] = participants
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if last_read_message_id is not UNSET:
            field_dict["last_read_message_id"] = last_read_message_id
        if emoji is not UNSET:
            field_dict["emoji"] = emoji

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversation import Conversation
        from ..models.message import Message
        from ..models.user_summary import UserSummary

        d = dict(src_dict)
        _message = d.pop("message", UNSET)
        message: Message | Unset
        if isinstance(_message, Unset):
            message = UNSET
        else:
            message = Message.from_dict(_message)

        _conversation = d.pop("conversation", UNSET)
        conversation: Conversation | Unset
        if isinstance(_conversation, Unset):
            conversation = UNSET
        else:
            conversation = Conversation.from_dict(_conversation)

        _participants = d.pop("participants", UNSET)
        participants: list[UserSummary] | Unset = UNSET
        if _participants is not UNSET:
            participants = []
            for participants_item_data in _participants:
                participants_item = UserSummary.from_dict(participants_item_data)

                participants.append(participants_item)

        _message_id = d.pop("message_id", UNSET)
        message_id: UUID | Unset
        if isinstance(_message_id, Unset):
            message_id = UNSET
        else:
            message_id = UUID(_message_id)

        _user_id = d.pop("user_id", UNSET)
        user_id: UUID | Unset
        if isinstance(_user_id, Unset):
            user_id = UNSET
        else:
            user_id = UUID(_user_id)

        def _parse_last_read_message_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_read_message_id_type_1 = UUID(data)

                return last_read_message_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        last_read_message_id = _parse_last_read_message_id(
            d.pop("last_read_message_id", UNSET)
        )

        emoji = d.pop("emoji", UNSET)

        realtime_event_data = cls(
            message=message,
            conversation=conversation,
            participants=participants,
            message_id=message_id,
            user_id=user_id,
            last_read_message_id=last_read_message_id,
            emoji=emoji,
        )

        return realtime_event_data
