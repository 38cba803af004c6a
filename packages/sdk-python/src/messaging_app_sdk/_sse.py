"""A parser of the server-sent events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html),
fed line by line (httpx splits the body into lines), so the SDK needs no SSE dependency."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerSentEvent:
    event: str
    data: str
    id: str | None


class ServerSentEventParser:
    """Fields accumulate until a blank line dispatches the event; `:` lines are comments (heartbeats)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._event = "message"
        self._data: list[str] = []
        self._id: str | None = None

    def feed(self, line: str) -> ServerSentEvent | None:
        """Takes one line without its line ending; answers the event a blank line completes."""
        if line == "":
            dispatched = None
            if self._data or self._id is not None:
                dispatched = ServerSentEvent(event=self._event, data="\n".join(self._data), id=self._id)
            self._reset()
            return dispatched
        if line.startswith(":"):
            return None
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._event = value
        elif field == "data":
            self._data.append(value)
        elif field == "id":
            self._id = value
        return None
