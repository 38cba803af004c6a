"""Session-wide fixtures: the real API (started once, stopped at the end even when tests fail), and the
ordering that puts the spec coverage check after every test that could exercise an operation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .support.api_server import ApiServer
from .support.recording import RECORDER


@pytest.fixture(scope="session")
def api() -> Iterator[ApiServer]:
    """The API as it runs in production, on a fresh in-memory database (or a scratch PostgreSQL database)."""
    server = ApiServer()
    RECORDER.api_urls.add(server.url)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def short_token_api() -> Iterator[ApiServer]:
    """A second API whose access tokens live 2 seconds, for what happens when they expire. Its heartbeat
    comes every second, so a stream closed from another thread notices within one."""
    server = ApiServer({"ACCESS_TOKEN_TTL": "2s", "EVENTS_HEARTBEAT_INTERVAL": "1s"})
    yield server
    server.stop()


@pytest.fixture
def anyio_backend() -> str:
    """The async tests (coroutines, run by anyio's plugin in its auto mode) run on asyncio."""
    return "asyncio"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The coverage check reads what every other test sent, so it runs last.
    items.sort(key=lambda item: item.get_closest_marker("after_everything") is not None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "after_everything: runs after every other test (the spec coverage check)")
