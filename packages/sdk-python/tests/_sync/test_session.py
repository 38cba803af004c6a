# Generated from tests/_async/test_session.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""Sign-in and token refresh against the real API: lazily, once for concurrent calls, after expiry and after a 401."""

from __future__ import annotations

import pytest

from messaging_app_sdk import AuthenticationError, MessagingClient, SessionTokens, Tokens

from ..support.api_server import PASSWORD
from ..support.concurrency import sync_gather, sync_sleep
from ..support.recording import RecordedRequest, Recorder, sync_http_client
from .conftest import People

# Access tokens of `short_token_api` live 2 seconds (JWT times are whole seconds, so one is valid for 1-2 s).
ACCESS_TOKEN_TTL_SECONDS = 2.0


def trace(requests: list[RecordedRequest]) -> list[str]:
    return [f"{request.url.path.removeprefix('/api/v1')} {request.status}" for request in requests]


def fresh_tokens(people: People, username: str) -> Tokens:
    """Tokens for a user from a client of their own, to hand to a client that has only tokens."""
    signed_in = people.client().auth.sign_in(username, PASSWORD)
    return Tokens(access=signed_in.access, refresh=signed_in.refresh)


def test_a_client_signs_in_on_its_first_calls_once_and_announces_the_tokens(people: People) -> None:
    recorder = Recorder()
    announced: list[Tokens] = []
    person = people.new(http=sync_http_client(recorder), on_tokens=announced.append)
    assert recorder.to("/token") == []

    sync_gather(person.client.users.me, lambda: person.client.conversations.list().first_page())

    assert len(recorder.to("/token")) == 1
    assert [SessionTokens(access=t.access, refresh=t.refresh) for t in announced] == [person.client.auth.tokens]
    assert recorder.to("/users/me")[0].headers["authorization"] == f"Bearer {announced[0].access}"


def test_an_expired_access_token_is_refreshed_first_once_and_announced(short_token_people: People) -> None:
    recorder = Recorder()
    announced: list[Tokens] = []
    person = short_token_people.new(http=sync_http_client(recorder), on_tokens=announced.append)
    person.client.users.me()
    sync_sleep(ACCESS_TOKEN_TTL_SECONDS + 0.1)

    person.client.users.me()

    assert len(recorder.to("/token/refresh")) == 1
    assert [request for request in recorder.requests if request.status == 401] == []
    assert len(announced) == 2
    assert announced[1].refresh != announced[0].refresh
    assert person.client.auth.tokens == SessionTokens(access=announced[1].access, refresh=announced[1].refresh)


def test_concurrent_calls_over_an_expired_token_share_one_refresh(short_token_people: People) -> None:
    recorder = Recorder()
    person = short_token_people.new(http=sync_http_client(recorder))
    person.client.users.me()
    sync_sleep(ACCESS_TOKEN_TTL_SECONDS + 0.1)

    sync_gather(
        person.client.users.me,
        lambda: person.client.users.list().first_page(),
        lambda: person.client.conversations.list().first_page(),
        person.client.users.me,
        person.client.users.unread,
    )

    assert len(recorder.to("/token/refresh")) == 1
    assert [request for request in recorder.requests if request.status == 401] == []


def test_a_rejected_access_token_is_refreshed_once_and_the_call_replayed(people: People) -> None:
    person = people.new()
    tokens = fresh_tokens(people, person.username)
    recorder = Recorder()
    client = people.client(sync_http_client(recorder), access_token="revoked-or-garbage", refresh_token=tokens.refresh)

    me = client.users.me()

    assert me.username == person.username
    assert trace(recorder.requests) == ["/users/me 401", "/token/refresh 200", "/users/me 200"]


def test_concurrent_calls_that_all_get_a_401_share_one_refresh(people: People) -> None:
    """One refresh request for all of them (the API would answer racing ones with the same pair, but a
    refresh token reused later ends the whole session)."""
    person = people.new()
    tokens = fresh_tokens(people, person.username)
    recorder = Recorder()
    client = people.client(sync_http_client(recorder), access_token="revoked-or-garbage", refresh_token=tokens.refresh)

    users = sync_gather(*[client.users.me for _ in range(5)])

    assert {user.username for user in users} == {person.username}
    assert len(recorder.to("/token/refresh")) == 1
    assert client.auth.verify(client.auth.tokens.refresh) is True


def test_a_dead_refresh_token_with_known_credentials_means_signing_in_again(people: People) -> None:
    person = people.new()
    recorder = Recorder()
    client = people.client(
        sync_http_client(recorder),
        username=person.username,
        password=PASSWORD,
        access_token="dead",
        refresh_token="also-dead",
    )

    me = client.users.me()

    assert me.username == person.username
    assert trace(recorder.requests) == ["/users/me 401", "/token/refresh 401", "/token 200", "/users/me 200"]


def test_a_dead_refresh_token_without_credentials_is_an_authentication_error(people: People) -> None:
    client = people.client(access_token="dead", refresh_token="also-dead")

    with pytest.raises(AuthenticationError):
        client.users.me()

    assert client.auth.tokens == SessionTokens(access=None, refresh=None)


def test_after_signing_out_calls_that_need_a_user_fail_without_asking_the_server(people: People) -> None:
    recorder = Recorder()
    person = people.new(http=sync_http_client(recorder))
    person.client.users.me()
    sent = len(recorder.requests)

    person.client.auth.sign_out()

    with pytest.raises(AuthenticationError) as raised:
        person.client.users.me()
    assert raised.value.status == 401
    assert len(recorder.requests) == sent
    assert person.client.auth.tokens == SessionTokens(access=None, refresh=None)


def test_a_client_without_credentials_or_tokens_can_register_and_then_sign_in(people: People) -> None:
    client: MessagingClient = people.client()
    person = people.new()

    with pytest.raises(AuthenticationError):
        client.users.me()
    client.auth.sign_in(person.username, PASSWORD)

    assert (client.users.me()).user_id == person.user.user_id
