# Generated from tests/_async/conftest.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""Fixtures of the async tests (tests/_sync/conftest.py is generated from this file)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from messaging_app_sdk import MessagingClient
from messaging_app_sdk.models import User

from ..support.api_server import PASSWORD, ApiServer, unique_name
from ..support.recording import sync_http_client


@dataclass
class Person:
    """A registered user and a client that knows their credentials (it signs in on its first call)."""

    client: MessagingClient
    user: User
    username: str


class People:
    """Registers users on a server and makes clients for them; closes every client at the end of the test."""

    def __init__(self, api: ApiServer) -> None:
        self.api = api
        self._to_close: list[MessagingClient | httpx.Client] = []

    def client(self, http: httpx.Client | None = None, **options: Any) -> MessagingClient:
        """A client of this server whose requests are recorded (unless `http` is given)."""
        http = http if http is not None else sync_http_client()
        client = MessagingClient(base_url=self.api.url, http_client=http, **options)
        self._to_close += [client, http]
        return client

    def new(self, http: httpx.Client | None = None, **options: Any) -> Person:
        username = unique_name()
        user = self.client().users.register(
            username=username,
            email=f"{username}@example.com",
            password=PASSWORD,
            first_name="Test",
            last_name="User",
        )
        client = self.client(http, username=username, password=PASSWORD, **options)
        return Person(client=client, user=user, username=username)

    def close(self) -> None:
        for closable in reversed(self._to_close):
            closable.close()


@pytest.fixture
def people(api: ApiServer) -> Iterator[People]:
    registry = People(api)
    yield registry
    registry.close()


@pytest.fixture
def short_token_people(short_token_api: ApiServer) -> Iterator[People]:
    registry = People(short_token_api)
    yield registry
    registry.close()


@pytest.fixture
def alice(people: People) -> Person:
    return people.new()


@pytest.fixture
def bob(people: People) -> Person:
    return people.new()
