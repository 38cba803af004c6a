"""Retries, backoff, Retry-After, idempotency keys, timeouts and error bodies: against a stub server where the
real API cannot be made to fail on demand, and against the real API for a send whose answer is lost."""

from __future__ import annotations

import builtins
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from messaging_app_sdk import (
    ApiError,
    AsyncMessagingClient,
    ConnectionError,
    RateLimitError,
    RequestOptions,
    ServerError,
    TimeoutError,
    ValidationError,
)

from ..support.concurrency import async_timed
from ..support.faults import AsyncLosesFirstAnswer
from ..support.recording import Recorder, async_http_client
from ..support.stub_server import HANG, Reply, StubServer, error_reply, json_reply, planned
from .conftest import AsyncPeople, AsyncPerson
from .test_e2e import group_of

USER: dict[str, object] = {
    "user_id": "11111111-1111-4111-8111-111111111111",
    "username": "stub",
    "email": "stub@example.com",
    "first_name": "Stub",
    "last_name": "User",
    "phone_number": None,
    "role": "guest",
    "is_staff": False,
    "created_at": "2026-01-01T00:00:00.000Z",
}
MESSAGE: dict[str, object] = {
    "message_id": "22222222-2222-4222-8222-222222222222",
    "conversation_id": "33333333-3333-4333-8333-333333333333",
    "sender": {"user_id": USER["user_id"], "username": "stub", "first_name": "Stub", "last_name": "User"},
    "message_body": "hello",
    "sent_at": "2026-01-01T00:00:00.000Z",
    "edited_at": None,
    "deleted": False,
    "parent_message_id": None,
    "reply_count": 0,
    "last_reply_at": None,
    "reactions": [],
}
READ_STATE: dict[str, object] = {
    "conversation_id": MESSAGE["conversation_id"],
    "last_read_message_id": None,
    "unread_count": 0,
}
CODES = {408: "request_timeout", 422: "validation_failed", 429: "rate_limited", 503: "service_unavailable"}
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def stubbed(status: int | str) -> Reply | str:
    """A planned failure: an error in the API's shape (429 and 503 with Retry-After: 1), or HANG."""
    if isinstance(status, str):
        return status
    return error_reply(
        status, CODES.get(status, "internal_error"), {"Retry-After": "1"} if status in (429, 503) else {}
    )


@asynccontextmanager
async def stub_client(
    failures: list[int | str], success: object = USER, status: int = 200, **options: Any
) -> AsyncIterator[tuple[AsyncMessagingClient, StubServer]]:
    """A stub that fails with `failures` in turn and then answers `success`, and a client of it that needs no sign-in."""
    with StubServer(planned([stubbed(failure) for failure in failures], json_reply(status, success))) as stub:
        async with AsyncMessagingClient(base_url=stub.url, access_token="stub-token", **options) as client:
            yield client, stub


async def test_a_get_failing_with_5xx_twice_is_retried_with_backoff_and_succeeds() -> None:
    async with stub_client([500, 502]) as (client, stub):
        user, seconds = await async_timed(client.users.me)

    assert not isinstance(user, BaseException)
    assert user.username == "stub"
    assert len(stub.requests) == 3
    # 0.5 s then 1 s, each less up to 25% jitter.
    assert seconds >= 1.1
    assert all(request.headers["authorization"] == "Bearer stub-token" for request in stub.requests)


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_waited_rather_than_the_backoff(status: int) -> None:
    async with stub_client([status]) as (client, stub):
        user, seconds = await async_timed(client.users.me)

    assert not isinstance(user, BaseException)
    assert len(stub.requests) == 2
    assert seconds >= 0.95


async def test_when_retries_run_out_the_last_error_is_raised_with_retry_after_and_request_id() -> None:
    async with stub_client([429, 429, 429], max_retries=0) as (client, stub):
        error, _ = await async_timed(client.users.me)

    assert isinstance(error, RateLimitError)
    assert (error.status, error.code, error.retry_after, error.request_id) == (429, "rate_limited", 1.0, "stub-429")
    assert len(stub.requests) == 1


async def test_a_calls_max_retries_overrides_the_clients() -> None:
    async with stub_client([503, 503, 503, 503], max_retries=3) as (client, stub):
        error, _ = await async_timed(lambda: client.users.me(options=RequestOptions(max_retries=1)))

    assert isinstance(error, ServerError)
    assert len(stub.requests) == 2


async def test_a_408_is_retried() -> None:
    async with stub_client([408]) as (client, stub):
        user = await client.users.me()

    assert user.username == "stub"
    assert len(stub.requests) == 2


async def test_a_post_without_idempotency_key_is_not_retried_after_a_5xx() -> None:
    async with stub_client([500], READ_STATE) as (client, stub):
        error, _ = await async_timed(lambda: client.conversations.mark_read(str(MESSAGE["conversation_id"])))

    assert isinstance(error, ServerError)
    assert len(stub.requests) == 1
    assert "idempotency-key" not in stub.requests[0].headers


async def test_a_send_is_retried_with_the_key_it_generated_the_same_on_every_attempt() -> None:
    async with stub_client([500, 503], MESSAGE, 201) as (client, stub):
        message = await client.messages.send(str(MESSAGE["conversation_id"]), "hello")

    assert str(message.message_id) == MESSAGE["message_id"]
    keys = [request.headers.get("idempotency-key") for request in stub.requests]
    assert len(keys) == 3
    assert len(set(keys)) == 1
    assert keys[0] is not None
    assert UUID4.match(keys[0])


async def test_each_send_and_create_gets_its_own_key() -> None:
    async with stub_client([], MESSAGE, 201) as (client, stub):
        await client.messages.send(str(MESSAGE["conversation_id"]), "one")
        await client.messages.send(str(MESSAGE["conversation_id"]), "two")

    assert len({request.headers["idempotency-key"] for request in stub.requests}) == 2


@pytest.mark.parametrize(
    "options",
    [RequestOptions(idempotency_key="k-1"), RequestOptions(headers={"idempotency-KEY": "k-1"})],
    ids=["idempotency_key", "header in any spelling"],
)
async def test_a_key_the_caller_chose_is_sent_once_on_every_attempt(options: RequestOptions) -> None:
    async with stub_client([500], MESSAGE, 201) as (client, stub):
        await client.messages.send(str(MESSAGE["conversation_id"]), "hello", options=options)

    assert [request.headers["idempotency-key"] for request in stub.requests] == ["k-1", "k-1"]


async def test_a_patch_is_not_retried_after_a_5xx() -> None:
    async with stub_client([503], MESSAGE) as (client, stub):
        error, _ = await async_timed(
            lambda: client.messages.update(str(MESSAGE["conversation_id"]), str(MESSAGE["message_id"]), "x")
        )

    assert isinstance(error, ServerError)
    assert len(stub.requests) == 1


async def test_when_nothing_listens_it_is_a_connection_error_after_the_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    recorder = Recorder()
    http = async_http_client(recorder)
    async with AsyncMessagingClient(
        base_url=f"http://127.0.0.1:{port}", access_token="t", max_retries=1, http_client=http
    ) as client:
        error, _ = await async_timed(client.users.me)
    await http.aclose()

    assert isinstance(error, ConnectionError)
    assert isinstance(error, builtins.ConnectionError)
    assert not isinstance(error, ApiError)
    assert "Could not reach the API" in str(error)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert len(recorder.requests) == 2


async def test_no_answer_in_time_is_a_timeout_error_and_the_calls_timeout_wins() -> None:
    async with stub_client([HANG, HANG], max_retries=0) as (client, stub):
        error, seconds = await async_timed(lambda: client.users.me(options=RequestOptions(timeout=0.3)))

    assert isinstance(error, TimeoutError)
    assert isinstance(error, ConnectionError)
    assert isinstance(error, builtins.TimeoutError)
    assert seconds < 2
    assert len(stub.requests) == 1


async def test_an_attempt_that_timed_out_is_tried_again() -> None:
    async with stub_client([HANG], timeout=0.3, max_retries=1) as (client, stub):
        user = await client.users.me()

    assert user.username == "stub"
    assert len(stub.requests) == 2


async def test_a_422_is_a_validation_error() -> None:
    async with stub_client([422], max_retries=0) as (client, _):
        error, _ = await async_timed(client.users.me)

    assert isinstance(error, ValidationError)
    assert (error.status, error.code) == (422, "validation_failed")


async def test_an_error_body_that_is_not_json_still_gives_status_code_and_text() -> None:
    page = Reply(502, b"<html>Bad gateway</html>", {"Content-Type": "text/html"})
    with StubServer(lambda _: page) as stub:
        async with AsyncMessagingClient(base_url=stub.url, access_token="t", max_retries=0) as client:
            error, _ = await async_timed(client.users.me)

    assert isinstance(error, ServerError)
    assert (error.status, error.code, error.body, error.request_id) == (
        502,
        "http_502",
        "<html>Bad gateway</html>",
        None,
    )


async def test_a_send_whose_answer_was_lost_is_retried_and_exists_exactly_once(
    people: AsyncPeople, alice: AsyncPerson
) -> None:
    """The real API: the first answer to a send is thrown away after the server stored the message."""
    losing = AsyncLosesFirstAnswer(lambda request: request.method == "POST" and request.url.path.endswith("/messages"))
    sender = await people.new(http=async_http_client(transport=losing))
    conversation_id = await group_of(alice, sender)

    sent = await sender.client.messages.send(conversation_id, "exactly once")

    assert losing.lost == 1
    found = await alice.client.messages.list(conversation_id, search="exactly once").first_page()
    assert [message.message_id for message in found.results] == [sent.message_id]
