"""client.events against the real API: typed events, resuming after a dropped connection with Last-Event-ID,
missed_events for a position the server cannot serve, and streams that outlive their access token."""

from __future__ import annotations

import re
import time

from messaging_app_sdk import AsyncEventStream, AuthenticationError, SessionTokens
from messaging_app_sdk.models import ConversationKind, Message, RealtimeEvent, RealtimeEventType

from ..support.api_server import PASSWORD
from ..support.concurrency import async_background, async_sleep, async_wait_until
from ..support.faults import AsyncCutsStreams
from ..support.recording import RECORDER, Recorder, async_http_client
from .conftest import AsyncPeople, AsyncPerson
from .test_e2e import group_of


def bodies(events: list[RealtimeEvent]) -> list[str]:
    return [event.data.message.message_body for event in events if isinstance(event.data.message, Message)]


async def test_events_arrive_typed_with_the_rest_models_and_closing_ends_the_stream(
    alice: AsyncPerson, bob: AsyncPerson
) -> None:
    conversation_id = await group_of(alice, bob, title="Live")
    received: list[RealtimeEvent] = []
    opened: list[str] = []

    async def listen() -> None:
        async with bob.client.events.stream(on_open=opened.append) as events:
            async for event in events:
                received.append(event)
                if len(received) == 2:
                    return

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) > 0)
        first = await alice.client.messages.send(conversation_id, "first")
        await alice.client.messages.add_reaction(conversation_id, first.message_id, "🎉")

    created, reacted = received
    assert [event.type_ for event in received] == [RealtimeEventType.MESSAGE_CREATED, RealtimeEventType.REACTION_ADDED]
    assert created.conversation_id == conversation_id
    assert created.data.message == first
    assert (reacted.data.message_id, reacted.data.user_id, reacted.data.emoji) == (
        first.message_id,
        alice.user.user_id,
        "🎉",
    )
    assert bob.client.events.position == reacted.id


async def test_after_a_dropped_connection_it_resumes_with_last_event_id_missing_nothing(
    people: AsyncPeople, alice: AsyncPerson
) -> None:
    cuts = AsyncCutsStreams()
    carol = await people.new(http=async_http_client(transport=cuts))
    conversation_id = await group_of(alice, carol)
    received: list[RealtimeEvent] = []
    opened: list[str] = []
    disconnects: list[str] = []
    stream = carol.client.events.stream(on_open=opened.append, on_disconnect=disconnects.append)

    async def listen() -> None:
        async with stream:
            async for event in stream:
                received.append(event)
                if len(bodies(received)) == 5:
                    return

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        await alice.client.messages.send(conversation_id, "before")
        await async_wait_until(lambda: len(received) == 1)
        # The next bytes to arrive are lost and the connection fails: those of "missed 1".
        cuts.cut()
        for text in ["missed 1", "missed 2", "missed 3"]:
            await alice.client.messages.send(conversation_id, text)
        await async_wait_until(lambda: len(opened) == 2)
        await alice.client.messages.send(conversation_id, "after")

    assert bodies(received) == ["before", "missed 1", "missed 2", "missed 3", "after"]
    assert len(disconnects) == 1
    assert "cut" in disconnects[0]
    reconnect = [r for r in RECORDER.requests if r.url.path.endswith("/events")][-1]
    assert re.fullmatch(r"\d+", reconnect.headers["last-event-id"])
    assert reconnect.headers["last-event-id"] == received[0].id == opened[1]


async def test_a_position_the_server_cannot_serve_reports_missed_events_and_goes_on_live(
    alice: AsyncPerson, bob: AsyncPerson
) -> None:
    conversation_id = await group_of(alice, bob)
    missed: list[bool] = []
    opened: list[str] = []
    received: list[RealtimeEvent] = []

    async def listen() -> None:
        stream = bob.client.events.stream(
            since="999999999999", on_open=opened.append, on_missed_events=lambda: missed.append(True)
        )
        async with stream:
            async for event in stream:
                received.append(event)
                return

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        await alice.client.messages.send(conversation_id, "hello again")

    assert missed == [True]
    assert bodies(received) == ["hello again"]
    position = bob.client.events.position
    assert position is not None
    assert int(position) < 999999999999


async def test_a_stream_outlives_its_access_token_reconnecting_with_a_refreshed_one(
    short_token_people: AsyncPeople,
) -> None:
    alice = await short_token_people.new()
    bob = await short_token_people.new()
    conversation_id = (
        await alice.client.conversations.create([bob.user.user_id], kind=ConversationKind.GROUP)
    ).conversation_id
    received: list[RealtimeEvent] = []
    opened: list[str] = []
    disconnects: list[str] = []

    async def listen() -> None:
        async with bob.client.events.stream(on_open=opened.append, on_disconnect=disconnects.append) as events:
            async for event in events:
                received.append(event)
                if len(received) == 3:
                    return

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        token_before = bob.client.auth.tokens.access
        await alice.client.messages.send(conversation_id, "one")
        await async_wait_until(lambda: len(opened) == 2)
        await alice.client.messages.send(conversation_id, "two")
        await alice.client.messages.send(conversation_id, "three")

    assert disconnects[0] == "token_expired"
    assert bob.client.auth.tokens.access != token_before
    assert bodies(received) == ["one", "two", "three"]


async def test_when_the_session_ends_a_client_with_only_tokens_drops_them_and_the_stream_fails(
    people: AsyncPeople,
) -> None:
    """Signed out everywhere from elsewhere: the stream hears session_ended, and without a password to sign
    in again it ends with AuthenticationError, without trying the dead tokens (a 401, then a refresh 401)."""
    person = await people.new()
    tokens = await people.client().auth.sign_in(person.username, PASSWORD)
    recorder = Recorder()
    token_only = people.client(async_http_client(recorder), access_token=tokens.access, refresh_token=tokens.refresh)
    opened: list[str] = []
    disconnects: list[str] = []
    outcome: list[BaseException] = []

    async def listen() -> None:
        try:
            async with token_only.events.stream(on_open=opened.append, on_disconnect=disconnects.append) as events:
                async for _ in events:
                    pass
        except AuthenticationError as error:
            outcome.append(error)

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        sent_before = len(recorder.requests)
        await person.client.auth.sign_out_everywhere()

    assert len(outcome) == 1
    assert disconnects == ["session_ended"]
    assert recorder.requests[sent_before:] == []
    assert token_only.auth.tokens == SessionTokens(access=None, refresh=None)


async def test_when_the_session_of_a_client_that_knows_the_password_ends_it_signs_in_again_and_goes_on(
    people: AsyncPeople, alice: AsyncPerson, bob: AsyncPerson
) -> None:
    conversation_id = await group_of(alice, bob)
    received: list[RealtimeEvent] = []
    opened: list[str] = []
    disconnects: list[str] = []

    async def listen() -> None:
        async with bob.client.events.stream(on_open=opened.append, on_disconnect=disconnects.append) as events:
            async for event in events:
                received.append(event)
                return

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        before = bob.client.auth.tokens
        # Bob's sign-in is logged out by another client holding its refresh token.
        await people.client(refresh_token=before.refresh).auth.logout()
        await async_wait_until(lambda: len(opened) == 2)
        await alice.client.messages.send(conversation_id, "after the new sign-in")

    assert disconnects == ["session_ended"]
    assert bob.client.auth.tokens.refresh != before.refresh
    assert bodies(received) == ["after the new sign-in"]


async def test_closing_a_stream_from_elsewhere_ends_its_iteration_at_once(people: AsyncPeople) -> None:
    """From another task (async) or thread (sync), without waiting for the next heartbeat (15 s here)."""
    person = await people.new()
    opened: list[str] = []
    ended: list[float] = []
    stream: AsyncEventStream = person.client.events.stream(on_open=opened.append)

    async def listen() -> None:
        async for _ in stream:
            pass
        ended.append(time.monotonic())

    async with async_background(listen):
        await async_wait_until(lambda: len(opened) == 1)
        await async_sleep(0.2)  # into the read that waits for the next event
        closed_at = time.monotonic()
        await stream.aclose()

    assert len(ended) == 1
    assert ended[0] - closed_at < 3
