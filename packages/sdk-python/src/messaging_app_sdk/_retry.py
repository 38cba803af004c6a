"""When to retry a call, and how long to wait first (the same rules as the TypeScript SDK)."""

from __future__ import annotations

import random
from collections.abc import Mapping

from ._errors import ApiError, ConnectionError, parse_retry_after

INITIAL_DELAY_SECONDS = 0.5
MAX_DELAY_SECONDS = 8.0
# A longer Retry-After than this is not worth blocking the caller for; our own backoff applies instead.
MAX_RETRY_AFTER_SECONDS = 60.0

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


def is_replayable(method: str, headers: Mapping[str, str]) -> bool:
    """Replaying must not be able to do something twice: true for idempotent methods, and for a POST
    whose caller vouched for it with an Idempotency-Key (the API then answers a replay from its store)."""
    if method.upper() in _IDEMPOTENT_METHODS:
        return True
    return any(name.lower() == "idempotency-key" for name in headers)


def is_transient(error: BaseException) -> bool:
    """Failures that may go away on their own: no answer at all (timeouts included), 408, 429 and 5xx."""
    if isinstance(error, ConnectionError):
        return True
    return isinstance(error, ApiError) and (error.status in (408, 429) or error.status >= 500)


def retry_delay(error: BaseException | None, retry: int) -> float:
    """Seconds before retry number `retry` (0-based): the server's Retry-After when it gave a sensible
    one (429s carry it, and so do the API's 503s), otherwise exponential backoff from 0.5 s to 8 s, less up
    to 25% random jitter so that clients failing together do not retry in lockstep."""
    retry_after = parse_retry_after(error.headers) if isinstance(error, ApiError) else None
    if retry_after is not None and retry_after <= MAX_RETRY_AFTER_SECONDS:
        return retry_after
    backoff = min(INITIAL_DELAY_SECONDS * 2.0**retry, MAX_DELAY_SECONDS)
    return backoff * (1 - random.random() * 0.25)
