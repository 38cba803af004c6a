# Generated from src/messaging_app_sdk/_async/resources/_base.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

import httpx

from ..._options import RequestOptions
from ..session import Session
from ..transport import GeneratedRequest, Transport


class Resource:
    """What every resource is given: the transport, and the session to sign its calls with."""

    def __init__(self, transport: Transport, session: Session) -> None:
        self._transport = transport
        self._session = session

    def _as_user(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        """For operations that need a signed-in user (signs in or refreshes first when needed)."""
        return self._transport.request(request, auth=self._session.required, options=options)

    def _as_anyone(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        """For public operations that do more for a signed-in caller: a token goes along when there is one."""
        return self._transport.request(request, auth=self._session.optional, options=options)

    def _anonymous(self, request: GeneratedRequest, options: RequestOptions | None) -> httpx.Response:
        return self._transport.request(request, options=options)
