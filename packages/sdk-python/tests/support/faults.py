"""Connection faults injected in the client's own httpx transport, the real API behind it doing its real
work: an answer lost on its way back, an event stream cut in the middle."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import httpx


class LosesFirstAnswer(httpx.BaseTransport):
    """Sends every request on, but the first time `matches` one, throws its answer away and fails as a reset
    connection would: the server did the work, the client never heard."""

    def __init__(self, matches: Callable[[httpx.Request], bool]) -> None:
        self._inner = httpx.HTTPTransport()
        self._matches = matches
        self.lost = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if self.lost == 0 and self._matches(request):
            self.lost += 1
            response.read()
            response.close()
            raise httpx.ReadError("connection reset (injected)", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncLosesFirstAnswer(httpx.AsyncBaseTransport):
    def __init__(self, matches: Callable[[httpx.Request], bool]) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._matches = matches
        self.lost = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if self.lost == 0 and self._matches(request):
            self.lost += 1
            await response.aread()
            await response.aclose()
            raise httpx.ReadError("connection reset (injected)", request=request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class _CuttableStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.Response, owner: CutsStreams) -> None:
        self._inner = inner
        self._owner = owner

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner.iter_raw():
            if self._owner.cut_requested:
                self._owner.cut_requested = False
                self._inner.close()
                raise httpx.ReadError("connection cut (injected)")
            yield chunk

    def close(self) -> None:
        self._inner.close()


class CutsStreams(httpx.BaseTransport):
    """Event streams whose connection the test can cut: after `cut()`, the next bytes to arrive are lost
    and the read fails, as when a network drops."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.cut_requested = False

    def cut(self) -> None:
        self.cut_requested = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if not request.url.path.endswith("/events"):
            return response
        return httpx.Response(response.status_code, headers=response.headers, stream=_CuttableStream(response, self))

    def close(self) -> None:
        self._inner.close()


class _AsyncCuttableStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.Response, owner: AsyncCutsStreams) -> None:
        self._inner = inner
        self._owner = owner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner.aiter_raw():
            if self._owner.cut_requested:
                self._owner.cut_requested = False
                await self._inner.aclose()
                raise httpx.ReadError("connection cut (injected)")
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class AsyncCutsStreams(httpx.AsyncBaseTransport):
    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.cut_requested = False

    def cut(self) -> None:
        self.cut_requested = True

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if not request.url.path.endswith("/events"):
            return response
        return httpx.Response(
            response.status_code, headers=response.headers, stream=_AsyncCuttableStream(response, self)
        )

    async def aclose(self) -> None:
        await self._inner.aclose()
