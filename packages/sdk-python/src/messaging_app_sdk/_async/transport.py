"""Sends the requests the generated client builds: the bearer token, a timeout per attempt, retries of
transient failures with backoff, one replay after a 401 with renewed tokens, and typed errors."""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from .._concurrency import async_sleep
from .._errors import AuthenticationError, api_error_from_response, connection_error
from .._options import RequestOptions
from .._retry import is_replayable, is_transient, retry_delay

GeneratedRequest = dict[str, Any]
"""What a generated endpoint module's `_get_kwargs(...)` answers: method, url (relative to the API
prefix), and params, json and headers as the operation needs them (httpx.Client.request's arguments)."""


class AsyncAuthorizer(Protocol):
    """How a call gets its bearer token, and a better one after a 401."""

    async def access_token(self) -> str | None:
        """The token to send, or None to send none."""
        ...

    async def renew(self, rejected: str) -> str:
        """After `rejected` earned a 401: a fresh token (refreshed or signed in again), or raises AuthenticationError."""
        ...


class AsyncTransport:
    def __init__(self, *, base_url: str, http: httpx.AsyncClient, timeout: float, max_retries: int) -> None:
        self._base_url = base_url
        self._http = http
        self._timeout = timeout
        self._max_retries = max_retries

    async def request(
        self,
        request: GeneratedRequest,
        *,
        auth: AsyncAuthorizer | None = None,
        options: RequestOptions | None = None,
    ) -> httpx.Response:
        """Runs the request to a 2xx answer, whose body is read, or raises the SDK error of the last attempt."""
        return await self._run(request, auth, options or RequestOptions(), stream=False)

    async def open_stream(
        self,
        request: GeneratedRequest,
        *,
        auth: AsyncAuthorizer | None = None,
        options: RequestOptions | None = None,
    ) -> httpx.Response:
        """Like request, but answers as soon as a 2xx response starts, its body unread: close it when done."""
        return await self._run(request, auth, options or RequestOptions(), stream=True)

    async def _run(
        self, request: GeneratedRequest, auth: AsyncAuthorizer | None, options: RequestOptions, *, stream: bool
    ) -> httpx.Response:
        max_retries = self._max_retries if options.max_retries is None else options.max_retries
        token = await auth.access_token() if auth else None
        renewed = False
        retries = 0
        while True:
            outcome, replayable = await self._attempt(request, token, options, stream=stream)
            if isinstance(outcome, httpx.Response):
                return outcome
            # A 401 means the server did nothing, so one replay with fresh tokens is safe for any method.
            if isinstance(outcome, AuthenticationError) and auth is not None and token is not None and not renewed:
                renewed = True
                token = await auth.renew(token)
                continue
            if retries < max_retries and replayable and is_transient(outcome):
                await async_sleep(retry_delay(outcome, retries))
                retries += 1
                continue
            raise outcome

    async def _attempt(
        self, request: GeneratedRequest, token: str | None, options: RequestOptions, *, stream: bool
    ) -> tuple[httpx.Response | Exception, bool]:
        arguments = dict(request)
        headers = {**arguments.pop("headers", {}), **(options.headers or {})}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        method = str(arguments.pop("method"))
        url = self._base_url + str(arguments.pop("url"))
        timeout = self._timeout if options.timeout is None else options.timeout
        built = self._http.build_request(method, url, headers=headers, timeout=timeout, **arguments)
        replayable = is_replayable(method, headers)
        try:
            response = await self._http.send(built, stream=True)
        except httpx.TransportError as error:
            failure = connection_error(error)
            failure.__cause__ = error
            return failure, replayable
        try:
            if response.is_success and stream:
                return response, replayable
            await response.aread()
        except httpx.TransportError as error:
            await response.aclose()
            failure = connection_error(error)
            failure.__cause__ = error
            return failure, replayable
        await response.aclose()
        if response.is_success:
            return response, replayable
        return api_error_from_response(response), replayable
