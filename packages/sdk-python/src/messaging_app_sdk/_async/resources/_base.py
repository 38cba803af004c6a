from __future__ import annotations

import httpx

from ..._options import RequestOptions
from ..session import AsyncSession
from ..transport import AsyncTransport, GeneratedRequest


class AsyncResource:
    """What every resource is given: the transport, and the session to sign its calls with."""

    def __init__(self, transport: AsyncTransport, session: AsyncSession) -> None:
        self._transport = transport
        self._session = session

    async def _as_user(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        """For operations that need a signed-in user (signs in or refreshes first when needed)."""
        return await self._transport.request(request, auth=self._session.required, options=options)

    async def _as_anyone(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        """For public operations that do more for a signed-in caller: a token goes along when there is one."""
        return await self._transport.request(request, auth=self._session.optional, options=options)

    async def _anonymous(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        return await self._transport.request(request, options=options)
