# Generated from src/messaging_app_sdk/_async/resources/events.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Callable, Generator, Iterator
from types import TracebackType

import httpx

from ..._concurrency import sync_sleep
from ..._errors import MessagingError
from ..._generated.api.events import stream_events
from ..._generated.models import RealtimeEvent
from ..._options import RequestOptions
from ..._params import optional
from ..._retry import is_transient, retry_delay
from ..._sse import ServerSentEventParser
from ..session import Session
from ..transport import Transport
from ._base import Resource

# A clean end (token expiry, server shutdown) is followed by a reconnect this soon; failures back off.
RECONNECT_DELAY_SECONDS = 0.25
MAX_BACKOFF_RETRY = 5


def _parse_event(data: str) -> RealtimeEvent | None:
    """The event, or None for one this version of the SDK cannot read (a type added to the API since): it
    is skipped, and the position still moves past it."""
    try:
        return RealtimeEvent.from_dict(json.loads(data))
    except (ValueError, KeyError, TypeError):
        return None


def _shut_down(response: httpx.Response) -> None:
    """Shuts the stream's socket down, so that a read waiting on it in another thread returns at once
    (closing the socket alone would leave that read waiting for the next heartbeat)."""
    network = response.extensions.get("network_stream")
    connection = network.get_extra_info("socket") if network is not None else None
    if isinstance(connection, socket.socket):
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)


class EventsResource(Resource):
    """GET /events: live events of the signed-in user's conversations (server-sent events)."""

    def __init__(self, transport: Transport, session: Session) -> None:
        super().__init__(transport, session)
        self.position: str | None = None
        """The id of the last event (or stream start) seen by any stream of this client: save it to resume with `since`."""

    def stream(
        self,
        *,
        since: str | None = None,
        on_open: Callable[[str], None] | None = None,
        on_disconnect: Callable[[str], None] | None = None,
        on_missed_events: Callable[[], None] | None = None,
    ) -> EventStream:
        """The events, in order, as an iterator that reconnects by itself (with backoff) and resumes after the
        last event seen (`Last-Event-ID`), so nothing is missed or repeated; the access token is refreshed as
        for any call. Only an authentication failure or another client error ends it with an error.

        When the server ends the stream with `session_ended` (the sign-in was logged out, signed out
        everywhere, or its password changed), the client's tokens are dead: they are dropped, and the
        reconnection signs in again if the client knows the credentials; otherwise the stream ends with
        AuthenticationError.

        - `since`: start after this event id (a saved position); by default, from now on.
        - `on_open(position)`: each time the stream is (re)connected, with the position it resumes from.
        - `on_disconnect(reason)`: when the connection drops or the server ends the stream, before reconnecting.
        - `on_missed_events()`: the server cannot replay everything after the position (older than its
          retention, 24 hours by default, or unknown to it): reload what you show through the REST calls.
          The stream goes on with what the server still has, then live events.

            with client.events.stream(since=saved) as events:
                for event in events:
                    ...
        """
        return EventStream(self, since, on_open=on_open, on_disconnect=on_disconnect, on_missed_events=on_missed_events)


class EventStream:
    """Iterate it for the events; close it (or leave its `with` block) to stop. Closing from another task
    (or, for the sync client, another thread) ends the iteration too."""

    def __init__(
        self,
        resource: EventsResource,
        since: str | None,
        *,
        on_open: Callable[[str], None] | None,
        on_disconnect: Callable[[str], None] | None,
        on_missed_events: Callable[[], None] | None,
    ) -> None:
        self._resource = resource
        self.position = since
        """The id of the last event (or stream start) this stream has seen."""
        self._on_open = on_open
        self._on_disconnect = on_disconnect
        self._on_missed_events = on_missed_events
        self._closed = False
        self._response: httpx.Response | None = None
        self._iterator: Generator[RealtimeEvent, None] | None = None

    def __iter__(self) -> Iterator[RealtimeEvent]:
        if self._iterator is None:
            self._iterator = self._events()
        return self._iterator

    def __enter__(self) -> EventStream:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._closed = True
        if self._response is not None:
            _shut_down(self._response)
            self._response.close()
        if self._iterator is not None:
            # While it runs (closed from another task or thread) it cannot be closed: the closed response ends it.
            with contextlib.suppress(RuntimeError, ValueError):
                self._iterator.close()

    def _moved_to(self, position: str) -> None:
        self.position = self._resource.position = position

    def _events(self) -> Generator[RealtimeEvent, None]:
        failures = 0
        while not self._closed:
            reason = "the connection ended"
            connected = False
            try:
                self._response = self._resource._transport.open_stream(
                    stream_events._get_kwargs(last_event_id=optional(self.position)),
                    auth=self._resource._session.required,
                    options=RequestOptions(max_retries=0, headers={"Accept": "text/event-stream"}),
                )
                connected = True
                connected_with = self._resource._session.tokens.access
                parser = ServerSentEventParser()
                try:
                    for line in self._response.iter_lines():
                        if self._closed:
                            return
                        message = parser.feed(line)
                        if message is None:
                            continue
                        if message.id is not None:
                            self._moved_to(message.id)
                        if message.event == "ready":
                            failures = 0
                            if self._on_open is not None:
                                self._on_open(self.position or "0")
                            if json.loads(message.data).get("missed_events") and self._on_missed_events is not None:
                                self._on_missed_events()
                        elif message.event == "error":
                            reason = str(json.loads(message.data).get("reason", "error"))
                            if reason == "session_ended":
                                # The pair it connected with is dead: dropped rather than tried (401s).
                                self._resource._session.session_ended(connected_with)
                        elif message.event != "message":
                            event = _parse_event(message.data)
                            if event is not None:
                                yield event
                finally:
                    self._response.close()
            except (MessagingError, httpx.HTTPError, httpx.StreamError) as error:
                if self._closed:
                    return
                # Once connected, any failure is the connection dropping: reconnect and resume.
                if not connected and not is_transient(error):
                    raise
                reason = str(error) or type(error).__name__
                failures += 1
            if self._closed:
                return
            if self._on_disconnect is not None:
                self._on_disconnect(reason)
            delay = (
                RECONNECT_DELAY_SECONDS if failures == 0 else retry_delay(None, min(failures - 1, MAX_BACKOFF_RETRY))
            )
            sync_sleep(delay)
