"""Every request the tests' clients send to the real API is recorded here, so the coverage test can check
that each operation of the spec was exercised through each client."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class RecordedRequest:
    flavour: str
    method: str
    url: httpx.URL
    headers: httpx.Headers
    status: int | None = None


@dataclass
class Recorder:
    requests: list[RecordedRequest] = field(default_factory=list)
    api_urls: set[str] = field(default_factory=set)

    def to(self, path: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.url.path == f"/api/v1{path}"]


RECORDER = Recorder()
"""Shared by the whole session: the coverage test reads it at the end."""


def _recording(
    recorder: Recorder, flavour: str
) -> tuple[Callable[[httpx.Request], None], Callable[[httpx.Response], None]]:
    def on_request(request: httpx.Request) -> None:
        recorded = RecordedRequest(flavour, request.method, request.url, request.headers)
        recorder.requests.append(recorded)
        request.extensions["recorded"] = recorded

    def on_response(response: httpx.Response) -> None:
        recorded = response.request.extensions.get("recorded")
        if isinstance(recorded, RecordedRequest):
            recorded.status = response.status_code

    return on_request, on_response


def sync_http_client(recorder: Recorder = RECORDER, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client for the sync SDK client that records what it sends (and the status it gets)."""
    on_request, on_response = _recording(recorder, "sync")

    def request_hook(request: httpx.Request) -> None:
        on_request(request)

    def response_hook(response: httpx.Response) -> None:
        on_response(response)

    return httpx.Client(transport=transport, event_hooks={"request": [request_hook], "response": [response_hook]})


def async_http_client(
    recorder: Recorder = RECORDER, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The same for the async SDK client (httpx wants coroutine hooks there)."""
    on_request, on_response = _recording(recorder, "async")

    async def request_hook(request: httpx.Request) -> None:
        on_request(request)

    async def response_hook(response: httpx.Response) -> None:
        on_response(response)

    return httpx.AsyncClient(transport=transport, event_hooks={"request": [request_hook], "response": [response_hook]})
