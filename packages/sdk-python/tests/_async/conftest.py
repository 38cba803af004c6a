"""Fixtures of the async tests (tests/_sync/conftest.py is generated from this file)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from messaging_app_sdk import AsyncMessagingClient
from messaging_app_sdk.models import User

from ..support.api_server import PASSWORD, ApiServer, unique_name
from ..support.recording import async_http_client


@dataclass
class AsyncPerson:
    """A registered user and a client that knows their credentials (it signs in on its first call)."""

    client: AsyncMessagingClient
    user: User
    username: str


class AsyncPeople:
    """Registers users on a server and makes clients for them; closes every client at the end of the test."""

    def __init__(self, api: ApiServer) -> None:
        self.api = api
        self._to_close: list[AsyncMessagingClient | httpx.AsyncClient] = []

    def client(self, http: httpx.AsyncClient | None = None, **options: Any) -> AsyncMessagingClient:
        """A client of this server whose requests are recorded (unless `http` is given)."""
        http = http if http is not None else async_http_client()
        client = AsyncMessagingClient(base_url=self.api.url, http_client=http, **options)
        self._to_close += [client, http]
        return client

    async def new(self, http: httpx.AsyncClient | None = None, **options: Any) -> AsyncPerson:
        username = unique_name()
        user = await self.client().users.register(
            username=username,
            email=f"{username}@example.com",
            password=PASSWORD,
            first_name="Test",
            last_name="User",
        )
        client = self.client(http, username=username, password=PASSWORD, **options)
        return AsyncPerson(client=client, user=user, username=username)

    async def aclose(self) -> None:
        for closable in reversed(self._to_close):
            await closable.aclose()


@pytest.fixture
async def people(api: ApiServer) -> AsyncIterator[AsyncPeople]:
    registry = AsyncPeople(api)
    yield registry
    await registry.aclose()


@pytest.fixture
async def short_token_people(short_token_api: ApiServer) -> AsyncIterator[AsyncPeople]:
    registry = AsyncPeople(short_token_api)
    yield registry
    await registry.aclose()


@pytest.fixture
async def alice(people: AsyncPeople) -> AsyncPerson:
    return await people.new()


@pytest.fixture
async def bob(people: AsyncPeople) -> AsyncPerson:
    return await people.new()
