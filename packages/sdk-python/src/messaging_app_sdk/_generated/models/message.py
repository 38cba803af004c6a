from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.reaction_summary import ReactionSummary
    from ..models.user_summary import UserSummary


T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """
    Attributes:
        message_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        conversation_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        sender (UserSummary): How other people appear to you (as participants or message senders): no contact details.
        message_body (str): The text. Empty when the message was deleted while it had replies (see `deleted`). Example:
            Hi Ama, are we still on for Friday?.
        sent_at (datetime.datetime):
        edited_at (datetime.datetime | None): When the body was last edited; null if never. Earlier bodies are listed by
            the message's history.
        deleted (bool): True for a tombstone: the message was deleted while it had replies, so it stays in place
            (without
            its body, history or reactions) to keep the thread readable. Messages without replies are removed.
        parent_message_id (None | UUID): The top-level message this one replies to, or null for a top-level message.
        reply_count (float): How many replies this message has (always 0 for a reply: threads are one level deep).
        last_reply_at (datetime.datetime | None): When the newest reply was sent; null without replies.
        reactions (list[ReactionSummary]): Emoji reactions, in the order each emoji was first used.
    """

    message_id: UUID
    conversation_id: UUID
    sender: UserSummary
    message_body: str
    sent_at: datetime.datetime
    edited_at: datetime.datetime | None
    deleted: bool
    parent_message_id: None | UUID
    reply_count: float
    last_reply_at: datetime.datetime | None
    reactions: list[ReactionSummary]

    def to_dict(self) -> dict[str, Any]:
        message_id = str(self.message_id)

        conversation_id = str(self.conversation_id)

        sender = self.sender.to_dict()

        message_body = self.message_body

        sent_at = self.sent_at.isoformat()

        edited_at: None | str
        if isinstance(self.edited_at, datetime.datetime):
            edited_at = self.edited_at.isoformat()
        else:
            edited_at = self.edited_at

        deleted = self.deleted

        parent_message_id: None | str
        if isinstance(self.parent_message_id, UUID):
            parent_message_id = str(self.parent_message_id)
        else:
            parent_message_id = self.parent_message_id

        reply_count = self.reply_count

        last_reply_at: None | str
        if isinstance(self.last_reply_at, datetime.datetime):
            last_reply_at = self.last_reply_at.isoformat()
        else:
            last_reply_at = self.last_reply_at

        reactions = []
        for reactions_item_data in self.reactions:
            reactions_item = reactions_item_data.to_dict()
            reactions.append(reactions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "message_id": message_id,
                "conversation_id": conversation_id,
                "sender": sender,
                "message_body": message_body,
                "sent_at": sent_at,
                "edited_at": edited_at,
                "deleted": deleted,
                "parent_message_id": parent_message_id,
                "reply_count": reply_count,
                "last_reply_at": last_reply_at,
                "reactions": reactions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.reaction_summary import ReactionSummary
        from ..models.user_summary import UserSummary

        d = dict(src_dict)
        message_id = UUID(d.pop("message_id"))

        conversation_id = UUID(d.pop("conversation_id"))

        sender = UserSummary.from_dict(d.pop("sender"))

        message_body = d.pop("message_body")

        sent_at = datetime.datetime.fromisoformat(d.pop("sent_at"))

        def _parse_edited_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                edited_at_type_0 = datetime.datetime.fromisoformat(data)

                return edited_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        edited_at = _parse_edited_at(d.pop("edited_at"))

        deleted = d.pop("deleted")

        def _parse_parent_message_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_message_id_type_1 = UUID(data)

                return parent_message_id_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_message_id = _parse_parent_message_id(d.pop("parent_message_id"))

        reply_count = d.pop("reply_count")

        def _parse_last_reply_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_reply_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_reply_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_reply_at = _parse_last_reply_at(d.pop("last_reply_at"))

        reactions = []
        _reactions = d.pop("reactions")
        for reactions_item_data in _reactions:
            reactions_item = ReactionSummary.from_dict(reactions_item_data)

            reactions.append(reactions_item)

        message = cls(
            message_id=message_id,
            conversation_id=conversation_id,
            sender=sender,
            message_body=message_body,
            sent_at=sent_at,
            edited_at=edited_at,
            deleted=deleted,
            parent_message_id=parent_message_id,
            reply_count=reply_count,
            last_reply_at=last_reply_at,
            reactions=reactions,
        )

        return message
