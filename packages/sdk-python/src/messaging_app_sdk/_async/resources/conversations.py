from __future__ import annotations

from collections.abc import Iterable

from ..._generated.api.conversations import (
    add_participants,
    create_conversation,
    get_conversation,
    leave_conversation,
    list_conversations,
    mark_read,
    remove_participant,
)
from ..._generated.models import (
    AddParticipantsRequest,
    Conversation,
    ConversationKind,
    ConversationPage,
    CreateConversationRequest,
    MarkReadRequest,
    ReadState,
)
from ..._generated.types import UNSET
from ..._options import RequestOptions
from ..._pages import PageData
from ..._params import Id, as_id, as_ids, idempotency_key_for, optional
from ..pagination import AsyncPager
from ._base import AsyncResource


class AsyncConversationsResource(AsyncResource):
    async def create(
        self,
        participant_ids: Iterable[Id],
        *,
        kind: ConversationKind | None = None,
        title: str | None = None,
        options: RequestOptions | None = None,
    ) -> Conversation:
        """Starts a conversation between the signed-in user and `participant_ids`. With one other person it is
        `direct` (unless `kind=ConversationKind.GROUP`), and a direct conversation exists once per pair: starting
        it again answers the existing one. Carries an Idempotency-Key like `messages.send`, so retries are safe."""
        key, options = idempotency_key_for(options)
        body = CreateConversationRequest(
            participant_ids=as_ids(participant_ids), kind=optional(kind), title=optional(title)
        )
        response = await self._as_user(create_conversation._get_kwargs(body=body, idempotency_key=key), options)
        return Conversation.from_dict(response.json())

    async def get(self, conversation_id: Id, *, options: RequestOptions | None = None) -> Conversation:
        response = await self._as_user(get_conversation._get_kwargs(as_id(conversation_id)), options)
        return Conversation.from_dict(response.json())

    def list(
        self, *, page: int = 1, page_size: int | None = None, options: RequestOptions | None = None
    ) -> AsyncPager[Conversation]:
        """The signed-in user's conversations, most recently active first."""

        async def fetch(number: int) -> PageData[Conversation]:
            request = list_conversations._get_kwargs(page=number, page_size=optional(page_size))
            data = ConversationPage.from_dict((await self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return AsyncPager(fetch, page)

    async def add_participants(
        self, conversation_id: Id, user_ids: Iterable[Id], *, options: RequestOptions | None = None
    ) -> Conversation:
        """Adds people to a group (any participant may); those already in it are skipped. Answers the group."""
        body = AddParticipantsRequest(user_ids=as_ids(user_ids))
        response = await self._as_user(add_participants._get_kwargs(as_id(conversation_id), body=body), options)
        return Conversation.from_dict(response.json())

    async def leave(self, conversation_id: Id, *, options: RequestOptions | None = None) -> None:
        """The signed-in user leaves a group; afterwards it does not exist for them."""
        await self._as_user(leave_conversation._get_kwargs(as_id(conversation_id)), options)

    async def remove_participant(
        self, conversation_id: Id, user_id: Id, *, options: RequestOptions | None = None
    ) -> None:
        """Removes someone from a group; only whoever created it may."""
        await self._as_user(remove_participant._get_kwargs(as_id(conversation_id), as_id(user_id)), options)

    async def mark_read(
        self, conversation_id: Id, message_id: Id | None = None, *, options: RequestOptions | None = None
    ) -> ReadState:
        """Marks the conversation read up to `message_id` (by default its newest message). The marker only moves
        forwards. Answers the marker and the count of messages still unread after it."""
        body = UNSET if message_id is None else MarkReadRequest(message_id=as_id(message_id))
        response = await self._as_user(mark_read._get_kwargs(as_id(conversation_id), body=body), options)
        return ReadState.from_dict(response.json())
