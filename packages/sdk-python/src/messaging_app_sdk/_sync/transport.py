# Generated from src/messaging_app_sdk/_async/transport.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""Sends the requests the generated client builds: the bearer token, a timeout per attempt, retries of
transient failures with backoff, one replay after a 401 with renewed tokens, and typed errors."""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from .._concurrency import sync_sleep
from .._errors import AuthenticationError, api_error_from_response, connection_error
from .._options import RequestOptions
from .._retry import is_replayable, is_transient, retry_delay

GeneratedRequest = dict[str, Any]
"""What a generated endpoint module's `_get_kwargs(...)` answers: method, url (relative to the API
prefix), and params, json and headers as the operation needs them (httpx.Client.request's arguments)."""


class Authorizer(Protocol):
    """How a call gets its bearer token, and a better one after a 401."""

    def access_token(self) -> str | None:
        """The token to send, or None to send none."""
        ...

    def renew(self, rejected: str) -> str:
        """After `rejected` earned a 401: a fresh token (refreshed or signed in again), or raises AuthenticationError."""
        ...


class Transport:
    def __init__(self, *, base_url: str, http: httpx.Client, timeout: float, max_retries: int) -> None:
        self._base_url = base_url
        self._http = http
        self._timeout = timeout
        self._max_retries = max_retries

    def request(
        self,
        request: GeneratedRequest,
        *,
        auth: Authorizer | None = None,
        options: RequestOptions | None = None,
    ) -> httpx.Response:
        """Runs the request to a 2xx answer, whose body is read, or raises the SDK error of the last attempt."""
        return self._run(request, auth, options or RequestOptions(), stream=False)

    def open_stream(
        self,
        request: GeneratedRequest,
        *,
        auth: Authorizer | None = None,
        options: RequestOptions | None = None,
    ) -> httpx.Response:
        """Like request, but answers as soon as a 2xx response starts, its body unread: close it when done."""
        return self._run(request, auth, options or RequestOptions(), stream=True)

    def _run(
        self, request: GeneratedRequest, auth: Authorizer | None, options: RequestOptions, *, stream: bool
    ) -> httpx.Response:
        max_retries = self._max_retries if options.max_retries is None else options.max_retries
        token = auth.access_token() if auth else None
        renewed = False
        retries = 0
        while True:
            outcome, replayable = self._attempt(request, token, options, stream=stream)
            if isinstance(outcome, httpx.Response):
                return outcome
            # A 401 means the server did nothing, so one replay with fresh tokens is safe for any method.
            if isinstance(outcome, AuthenticationError) and auth is not None and token is not None and not renewed:
                renewed = True
                token = auth.renew(token)
                continue
            if retries < max_retries and replayable and is_transient(outcome):
                sync_sleep(retry_delay(outcome, retries))
                retries += 1
                continue
            raise outcome

    def _attempt(
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
            response = self._http.send(built, stream=True)
        except httpx.TransportError as error:
            failure = connection_error(error)
            failure.__cause__ = error
            return failure, replayable
        try:
            if response.is_success and stream:
                return response, replayable
            response.read()
        except httpx.TransportError as error:
            response.close()
            failure = connection_error(error)
            failure.__cause__ = error
            return failure, replayable
        response.close()
        if response.is_success:
            return response, replayable
        return api_error_from_response(response), replayable
