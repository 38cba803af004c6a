"""Turning the hand-written layer's Python-friendly arguments into what the generated functions take."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import TypeVar, cast
from uuid import UUID

from ._generated.types import UNSET, Unset
from ._options import RequestOptions

T = TypeVar("T")

Id = UUID | str
"""An id, as a UUID or its text: the SDK accepts both wherever an id goes."""


def as_id(value: Id) -> UUID:
    """The generated code only writes an id into the path or body as text (`str(value)`), so text goes as
    it is and the API judges it: a malformed id is the API's 400 or 404, like in every other client."""
    return value if isinstance(value, UUID) else cast(UUID, value)


def as_ids(values: Iterable[Id]) -> list[UUID]:
    return [as_id(value) for value in values]


def optional(value: T | None) -> T | Unset:
    """None (the hand-written layer's "not given") as the generated code's UNSET, which leaves it out."""
    return UNSET if value is None else value


def as_date(value: str | datetime.date | None) -> str | Unset:
    """Dates and date-times as ISO 8601 text, the form the API's date filters take."""
    if value is None:
        return UNSET
    return value if isinstance(value, str) else value.isoformat()


def idempotency_key_for(options: RequestOptions | None) -> tuple[str, RequestOptions]:
    """The Idempotency-Key for one create call: the caller's own (`idempotency_key`, or the header in any
    spelling), or a fresh random one. Either way it is sent once, as the operation's header parameter, and
    is the same on every retry of the call, which is what makes those retries safe."""
    options = options or RequestOptions()
    from_headers = [value for name, value in (options.headers or {}).items() if name.lower() == "idempotency-key"]
    key = options.idempotency_key or (from_headers[0] if from_headers else None) or str(uuid.uuid4())
    return key, options.without_headers("Idempotency-Key")
