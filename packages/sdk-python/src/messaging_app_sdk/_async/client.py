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
from .resources.admin import AsyncAdminResource
from .resources.auth import AsyncAuthResource
from .resources.conversations import AsyncConversationsResource
from .resources.events import AsyncEventsResource
from .resources.messages import AsyncMessagesResource
from .resources.users import AsyncUsersResource
from .session import AsyncSession
from .transport import AsyncTransport


class AsyncMessagingClient:
    """The messaging API client. Signs in lazily with the credentials it was given (or uses saved tokens),
    keeps the access token fresh, retries transient failures, and raises typed errors (see ApiError).

        async with AsyncMessagingClient(base_url=url, username="alice", password="...") as client:
            async for message in client.messages.list(conversation_id, search="hi"):
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
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        if (username is None) != (password is None):
            raise ValueError("Give both username and password, or neither.")
        self._http = http_client if http_client is not None else httpx.AsyncClient()
        self._owns_http = http_client is None
        transport = AsyncTransport(
            base_url=base_url_with_prefix(base_url), http=self._http, timeout=timeout, max_retries=max_retries
        )
        session = AsyncSession(
            transport=transport,
            credentials=None if username is None or password is None else Credentials(username, password),
            tokens=SessionTokens(access=access_token, refresh=refresh_token),
            on_tokens=on_tokens,
        )
        self.auth = AsyncAuthResource(transport, session)
        self.users = AsyncUsersResource(transport, session)
        self.conversations = AsyncConversationsResource(transport, session)
        self.messages = AsyncMessagesResource(transport, session)
        self.admin = AsyncAdminResource(transport, session)
        """Staff only."""
        self.events = AsyncEventsResource(transport, session)
        """Live events of the user's conversations (server-sent events, resumed after reconnects)."""

    async def aclose(self) -> None:
        """Closes the connections (of the httpx client the SDK made; one you passed in stays yours)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncMessagingClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()
