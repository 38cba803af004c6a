# Generated from src/messaging_app_sdk/_async/client.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

from types import TracebackType

import httpx

from .._options import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT_SECONDS,
    Credentials,
    OnTokens,
    SessionTokens,
    base_url_with_prefix,
)
from .resources.admin import AdminResource
from .resources.auth import AuthResource
from .resources.conversations import ConversationsResource
from .resources.events import EventsResource
from .resources.messages import MessagesResource
from .resources.users import UsersResource
from .session import Session
from .transport import Transport


class MessagingClient:
    """The messaging API client. Signs in lazily with the credentials it was given (or uses saved tokens),
    keeps the access token fresh, retries transient failures, and raises typed errors (see ApiError).

        with MessagingClient(base_url=url, username="alice", password="...") as client:
            for message in client.messages.list(conversation_id, search="hi"):
                print(message.message_body)

    `http_client` lets you bring your own httpx client (proxies, event hooks, transports); the SDK then
    leaves closing it to you.
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        username: str | None = None,
        password: str | None = None,
        access_token: str | None = None,
        refresh_token: str | None = None,
        on_tokens: OnTokens | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
    ) -> None:
        if (username is None) != (password is None):
            raise ValueError("Give both username and password, or neither.")
        self._http = http_client if http_client is not None else httpx.Client()
        self._owns_http = http_client is None
        transport = Transport(
            base_url=base_url_with_prefix(base_url), http=self._http, timeout=timeout, max_retries=max_retries
        )
        session = Session(
            transport=transport,
            credentials=None if username is None or password is None else Credentials(username, password),
            tokens=SessionTokens(access=access_token, refresh=refresh_token),
            on_tokens=on_tokens,
        )
        self.auth = AuthResource(transport, session)
        self.users = UsersResource(transport, session)
        self.conversations = ConversationsResource(transport, session)
        self.messages = MessagesResource(transport, session)
        self.admin = AdminResource(transport, session)
        """Staff only."""
        self.events = EventsResource(transport, session)
        """Live events of the user's conversations (server-sent events, resumed after reconnects)."""

    def close(self) -> None:
        """Closes the connections (of the httpx client the SDK made; one you passed in stays yours)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> MessagingClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
