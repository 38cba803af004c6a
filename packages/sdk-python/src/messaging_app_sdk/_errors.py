"""The errors the SDK raises: one hierarchy, as in the TypeScript SDK, each API error with its request id."""

from __future__ import annotations

import builtins
import email.utils
import json
import time
from collections.abc import Mapping
from typing import Any

import httpx


class MessagingError(Exception):
    """The base of every error the SDK raises: `except MessagingError` catches them all."""


class ApiError(MessagingError):
    """The API answered with a non-2xx status. Subclasses narrow it by status."""

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        details: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        body: object = None,
        headers: httpx.Headers | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        """The API's machine-readable code, e.g. `validation_failed` or `not_found`."""
        self.message = message
        self.details = details
        """For validation errors, the offending fields and what is wrong with each."""
        self.request_id = request_id
        """The response's `X-Request-Id`: quote it when reporting a problem."""
        self.body = body
        """The response body as received: parsed JSON when it was JSON, otherwise the text."""
        self.headers = headers if headers is not None else httpx.Headers()

    def __str__(self) -> str:
        request = f", request id {self.request_id}" if self.request_id else ""
        return f"{self.message} (HTTP {self.status} {self.code}{request})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, message={self.message!r}, request_id={self.request_id!r})"


class ValidationError(ApiError):
    """400 or 422: the request was malformed or failed validation; `details` names the fields."""


class AuthenticationError(ApiError):
    """401: missing, invalid or expired credentials, after the SDK already tried to refresh them."""


class PermissionDeniedError(ApiError):
    """403"""


class NotFoundError(ApiError):
    """404 (also a page past the end of a list)."""


class ConflictError(ApiError):
    """409, e.g. a username or email that is taken, or an Idempotency-Key reused for another request."""


class RateLimitError(ApiError):
    """429"""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to wait (`Retry-After`), when it said."""
        return parse_retry_after(self.headers)


class ServerError(ApiError):
    """5xx"""


class ConnectionError(MessagingError, builtins.ConnectionError):
    """The request got no HTTP answer: refused or reset connection, DNS failure. Also a builtin
    ConnectionError, so code that catches that one catches this one too."""


class TimeoutError(ConnectionError, builtins.TimeoutError):
    """No answer within the call's `timeout`. Also a builtin TimeoutError."""


def _class_for_status(status: int) -> type[ApiError]:
    if status in (400, 422):
        return ValidationError
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 409:
        return ConflictError
    if status == 429:
        return RateLimitError
    if status >= 500:
        return ServerError
    return ApiError


def parse_retry_after(headers: httpx.Headers) -> float | None:
    """`Retry-After` is either delay-seconds or an HTTP date; answers seconds from now."""
    raw = headers.get("retry-after", "").strip()
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
        return max(0.0, moment.timestamp() - time.time())
    return seconds if seconds >= 0 else None


def _body_of(response: httpx.Response) -> object:
    try:
        text = response.text
    except (httpx.ResponseNotRead, UnicodeDecodeError):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def api_error_from_response(response: httpx.Response) -> ApiError:
    """The typed error for an HTTP error response (its body already read), whatever shape the body has."""
    body = _body_of(response)
    error = body.get("error") if isinstance(body, dict) else None
    fields: dict[str, Any] = error if isinstance(error, dict) else {}
    code, message, details = fields.get("code"), fields.get("message"), fields.get("details")
    reason = f" {response.reason_phrase}" if response.reason_phrase else ""
    return _class_for_status(response.status_code)(
        status=response.status_code,
        code=code if isinstance(code, str) else f"http_{response.status_code}",
        message=message if isinstance(message, str) else f"Request failed with status {response.status_code}{reason}.",
        details=details if isinstance(details, dict) else None,
        request_id=response.headers.get("x-request-id"),
        body=body,
        headers=response.headers,
    )


def connection_error(cause: httpx.TransportError) -> ConnectionError:
    """The error for a request that got no HTTP answer (httpx's exception is chained as the cause)."""
    if isinstance(cause, httpx.TimeoutException):
        return TimeoutError(f"The request timed out ({type(cause).__name__}).")
    return ConnectionError(f"Could not reach the API: {cause or type(cause).__name__}")
