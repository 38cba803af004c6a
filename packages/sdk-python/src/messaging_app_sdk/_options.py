"""Settings and small value types shared by both clients."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

DEFAULT_BASE_URL = "http://localhost:3000"
# The spec's `servers[0].url`: every operation's path is relative to it.
API_PREFIX = "/api/v1"
DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MAX_RETRIES = 2


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str


@dataclass(frozen=True)
class Tokens:
    """A token pair: `access` goes on every call (minutes), `refresh` obtains the next pair (and rotates)."""

    access: str
    refresh: str


@dataclass(frozen=True)
class SessionTokens:
    """What the client holds now: either may be missing (not signed in yet, or signed out)."""

    access: str | None
    refresh: str | None


OnTokens = Callable[[Tokens], None]
"""Called with every new pair (sign-in and each refresh) before the call goes on: persist it there."""


@dataclass(frozen=True)
class RequestOptions:
    """Per-call settings; each one that is set overrides the client's for this call only."""

    timeout: float | None = None
    """Seconds to wait to connect, and for each read and write, before the attempt fails with TimeoutError."""
    max_retries: int | None = None
    """Retries after a transient failure (connection error, timeout, 408, 429, 5xx) of a call that is safe to repeat."""
    headers: Mapping[str, str] | None = None
    """Extra headers for this call."""
    idempotency_key: str | None = None
    """For `messages.send` and `conversations.create`: your own Idempotency-Key (e.g. an outbox row's id), to
    retry safely across restarts. By default each call gets a random one, kept across its retries."""

    def without_headers(self, *names: str) -> RequestOptions:
        lowered = {name.lower() for name in names}
        kept = {name: value for name, value in (self.headers or {}).items() if name.lower() not in lowered}
        return replace(self, headers=kept)


def base_url_with_prefix(base_url: str) -> str:
    """Accepts the server's origin with or without the API prefix, as people write both."""
    trimmed = base_url.rstrip("/")
    return trimmed if trimmed.endswith(API_PREFIX) else trimmed + API_PREFIX
