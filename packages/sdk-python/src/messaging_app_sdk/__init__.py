"""Python client for the messaging API: `MessagingClient` (sync) and `AsyncMessagingClient` (async), with
the same resources: auth, users, conversations, messages, admin and events. See the README."""

from ._async.client import AsyncMessagingClient
from ._async.pagination import AsyncCursorPage, AsyncCursorPager, AsyncPage, AsyncPager
from ._async.resources.events import AsyncEventStream
from ._errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    ConnectionError,
    MessagingError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from ._generated.types import UNSET, Unset
from ._options import API_PREFIX, DEFAULT_BASE_URL, Credentials, RequestOptions, SessionTokens, Tokens
from ._sync.client import MessagingClient
from ._sync.pagination import CursorPage, CursorPager, Page, Pager
from ._sync.resources.events import EventStream

__version__ = "0.1.0"

__all__ = [
    "API_PREFIX",
    "DEFAULT_BASE_URL",
    "UNSET",
    "ApiError",
    "AsyncCursorPage",
    "AsyncCursorPager",
    "AsyncEventStream",
    "AsyncMessagingClient",
    "AsyncPage",
    "AsyncPager",
    "AuthenticationError",
    "ConflictError",
    "ConnectionError",
    "Credentials",
    "CursorPage",
    "CursorPager",
    "EventStream",
    "MessagingClient",
    "MessagingError",
    "NotFoundError",
    "Page",
    "Pager",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "ServerError",
    "SessionTokens",
    "TimeoutError",
    "Tokens",
    "Unset",
    "ValidationError",
]
