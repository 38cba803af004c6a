# Generated from src/messaging_app_sdk/_async/resources/messages.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

import datetime

from ..._generated.api.messages import (
    add_reaction,
    delete_message,
    get_message,
    list_message_history,
    list_messages,
    list_replies,
    remove_reaction,
    send_message,
    update_message,
)
from ..._generated.models import (
    Message,
    MessageOrderingParam,
    MessagePage,
    MessageVersion,
    MessageVersionPage,
    SendMessageRequest,
    UpdateMessageRequest,
)
from ..._options import RequestOptions
from ..._pages import CursorDirections, CursorPageData, CursorPosition, PageData
from ..._params import Id, as_date, as_id, idempotency_key_for, optional
from ..pagination import CursorPager, Pager
from ._base import Resource

Date = str | datetime.date
"""A date or date-time, or its ISO 8601 text."""


def _numbered(page: MessagePage) -> PageData[Message]:
    """Numbered pages always carry the total; only cursor pages leave it null."""
    return PageData(count=int(page.count or 0), next=page.next_, previous=page.previous, results=page.results)


def _by_cursor(page: MessagePage) -> CursorPageData[Message]:
    return CursorPageData(
        count=None if page.count is None else int(page.count),
        next=page.next_,
        previous=page.previous,
        next_cursor=page.next_cursor,
        prev_cursor=page.prev_cursor,
        results=page.results,
    )


def _directions(ordering: MessageOrderingParam | None) -> CursorDirections:
    """Newest-first lists go forwards with `before` (older messages); oldest-first ones with `after`."""
    if ordering == MessageOrderingParam.OLDEST_FIRST:
        return CursorDirections(forward="after", backward="before")
    return CursorDirections(forward="before", backward="after")


class MessagesResource(Resource):
    def list(
        self,
        conversation_id: Id,
        *,
        sender: str | None = None,
        start_date: Date | None = None,
        end_date: Date | None = None,
        search: str | None = None,
        ordering: MessageOrderingParam | None = None,
        page: int = 1,
        page_size: int | None = None,
        options: RequestOptions | None = None,
    ) -> Pager[Message]:
        """A conversation's messages in numbered pages, newest first unless `ordering=OLDEST_FIRST`; every filter
        is optional and they combine (`sender`: a user id or username)."""

        def fetch(number: int) -> PageData[Message]:
            request = list_messages._get_kwargs(
                as_id(conversation_id),
                sender=optional(sender),
                start_date=as_date(start_date),
                end_date=as_date(end_date),
                search=optional(search),
                ordering=optional(ordering),
                page=number,
                page_size=optional(page_size),
            )
            return _numbered(MessagePage.from_dict((self._as_user(request, options)).json()))

        return Pager(fetch, page)

    def list_by_cursor(
        self,
        conversation_id: Id,
        *,
        before: str | None = None,
        after: str | None = None,
        sender: str | None = None,
        start_date: Date | None = None,
        end_date: Date | None = None,
        search: str | None = None,
        ordering: MessageOrderingParam | None = None,
        page_size: int | None = None,
        options: RequestOptions | None = None,
    ) -> CursorPager[Message]:
        """Reads a conversation by cursor, so pages neither skip nor repeat messages while new ones arrive, and a
        page deep in history is as fast as the first. Without `before`/`after` it starts at the newest messages
        (the oldest with `ordering=OLDEST_FIRST`); iterating goes on in the list's order until no more messages
        are there. To catch up later, keep the newest page's cursor towards newer messages (`prev_cursor` when
        newest first, `next_cursor` when oldest first) and pass it as `after`."""

        def fetch(position: CursorPosition) -> CursorPageData[Message]:
            request = list_messages._get_kwargs(
                as_id(conversation_id),
                sender=optional(sender),
                start_date=as_date(start_date),
                end_date=as_date(end_date),
                search=optional(search),
                ordering=optional(ordering),
                page_size=optional(page_size),
                before=optional(position.before),
                after=optional(position.after),
            )
            return _by_cursor(MessagePage.from_dict((self._as_user(request, options)).json()))

        return CursorPager(fetch, _directions(ordering), CursorPosition(before=before, after=after))

    def send(
        self,
        conversation_id: Id,
        message_body: str,
        *,
        parent_message_id: Id | None = None,
        options: RequestOptions | None = None,
    ) -> Message:
        """Sends a message as the signed-in user (a reply in a thread with `parent_message_id`). Every call carries
        an Idempotency-Key, so a send whose answer was lost is retried without being sent twice; set
        `RequestOptions(idempotency_key=...)` to choose it yourself, e.g. to retry across restarts."""
        key, options = idempotency_key_for(options)
        body = SendMessageRequest(
            message_body=message_body,
            parent_message_id=optional(None if parent_message_id is None else as_id(parent_message_id)),
        )
        request = send_message._get_kwargs(as_id(conversation_id), body=body, idempotency_key=key)
        return Message.from_dict((self._as_user(request, options)).json())

    def get(self, conversation_id: Id, message_id: Id, *, options: RequestOptions | None = None) -> Message:
        response = self._as_user(get_message._get_kwargs(as_id(conversation_id), as_id(message_id)), options)
        return Message.from_dict(response.json())

    def update(
        self, conversation_id: Id, message_id: Id, message_body: str, *, options: RequestOptions | None = None
    ) -> Message:
        """Only the sender may edit; the replaced body stays in the message's history."""
        body = UpdateMessageRequest(message_body=message_body)
        request = update_message._get_kwargs(as_id(conversation_id), as_id(message_id), body=body)
        return Message.from_dict((self._as_user(request, options)).json())

    def delete(self, conversation_id: Id, message_id: Id, *, options: RequestOptions | None = None) -> None:
        """Only the sender may delete; a message with replies stays as a tombstone (`deleted` is true)."""
        self._as_user(delete_message._get_kwargs(as_id(conversation_id), as_id(message_id)), options)

    def history(
        self,
        conversation_id: Id,
        message_id: Id,
        *,
        page: int = 1,
        page_size: int | None = None,
        options: RequestOptions | None = None,
    ) -> Pager[MessageVersion]:
        """Every version of a message's body, oldest first; the last one is current."""

        def fetch(number: int) -> PageData[MessageVersion]:
            request = list_message_history._get_kwargs(
                as_id(conversation_id), as_id(message_id), page=number, page_size=optional(page_size)
            )
            data = MessageVersionPage.from_dict((self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return Pager(fetch, page)

    def replies(
        self,
        conversation_id: Id,
        message_id: Id,
        *,
        ordering: MessageOrderingParam | None = None,
        page: int = 1,
        page_size: int | None = None,
        options: RequestOptions | None = None,
    ) -> Pager[Message]:
        """The replies in a message's thread, oldest first unless `ordering=NEWEST_FIRST`."""

        def fetch(number: int) -> PageData[Message]:
            request = list_replies._get_kwargs(
                as_id(conversation_id),
                as_id(message_id),
                ordering=optional(ordering),
                page=number,
                page_size=optional(page_size),
            )
            return _numbered(MessagePage.from_dict((self._as_user(request, options)).json()))

        return Pager(fetch, page)

    def add_reaction(
        self, conversation_id: Id, message_id: Id, emoji: str, *, options: RequestOptions | None = None
    ) -> Message:
        """Reacts with one emoji (e.g. "👍"); reacting again with the same one changes nothing. Answers the message."""
        request = add_reaction._get_kwargs(as_id(conversation_id), as_id(message_id), emoji)
        return Message.from_dict((self._as_user(request, options)).json())

    def remove_reaction(
        self, conversation_id: Id, message_id: Id, emoji: str, *, options: RequestOptions | None = None
    ) -> None:
        """Takes back the signed-in user's reaction with this emoji (fine if there was none)."""
        self._as_user(remove_reaction._get_kwargs(as_id(conversation_id), as_id(message_id), emoji), options)
