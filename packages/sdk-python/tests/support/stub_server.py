"""A tiny HTTP server on 127.0.0.1 for failures the real API cannot be made to produce on demand (429, 5xx,
Retry-After, hangs), as the TypeScript SDK's tests do with test/support/stub-server.ts. It runs in a thread
of its own, so the sync and the async tests use it alike."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

HANG = "hang"
"""A planned answer that never comes (until the stub stops)."""


@dataclass
class StubRequest:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def error_reply(status: int, code: str, headers: dict[str, str] | None = None) -> Reply:
    """An answer in the API's error shape, with a request id."""
    body = json.dumps({"error": {"code": code, "message": f"Stubbed {status}."}}).encode()
    return Reply(
        status, body, {"Content-Type": "application/json", "X-Request-Id": f"stub-{status}", **(headers or {})}
    )


def json_reply(status: int, payload: object) -> Reply:
    return Reply(status, json.dumps(payload).encode(), {"Content-Type": "application/json"})


class StubServer:
    """Answers request number `index` (0-based) with `plan(index)`: a Reply, or HANG."""

    def __init__(self, plan: Callable[[int], Reply | str]) -> None:
        self.requests: list[StubRequest] = []
        self._stopping = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                index = len(stub.requests)
                stub.requests.append(
                    StubRequest(self.command, self.path, {name.lower(): value for name, value in self.headers.items()})
                )
                reply = plan(index)
                if isinstance(reply, str):
                    stub._stopping.wait(30)
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    def __enter__(self) -> StubServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def planned(replies: list[Reply | str], then: Reply) -> Callable[[int], Reply | str]:
    """The replies in turn, then `then` for every request after them."""
    return lambda index: replies[index] if index < len(replies) else then
