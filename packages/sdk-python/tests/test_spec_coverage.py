"""Every operation of the spec must be exercised through the SDK, by the sync client and by the async one
(the same idea as the TypeScript SDK's coverage test in packages/sdk/test/e2e.test.ts). An operation added
to the API fails this until it has a resource method and a test that calls it (see the README)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from messaging_app_sdk import API_PREFIX

from .support.recording import RECORDER

SPEC = Path(__file__).resolve().parents[3] / "openapi" / "openapi.json"


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    pattern: re.Pattern[str]
    placeholders: int


def spec() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SPEC.read_text("utf-8"))
    return loaded


def operations() -> list[Operation]:
    paths = spec()["paths"]
    assert isinstance(paths, dict)
    found = []
    for template, methods in paths.items():
        for method, operation in methods.items():
            found.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    pattern=re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(API_PREFIX + template)) + "$"),
                    placeholders=template.count("{"),
                )
            )
    return found


def exercised(flavour: str, among: list[Operation]) -> set[str]:
    called = set()
    for request in RECORDER.requests:
        if (
            request.flavour != flavour
            or f"{request.url.scheme}://{request.url.netloc.decode()}" not in RECORDER.api_urls
        ):
            continue
        matches = [op for op in among if op.method == request.method and op.pattern.match(request.url.path)]
        if matches:
            # Literal paths (/users/me) win over templated ones (/users/{user_id}).
            called.add(min(matches, key=lambda op: op.placeholders).operation_id)
    return called


@pytest.mark.after_everything
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_every_operation_of_the_spec_was_exercised_through_the_sdk(flavour: str) -> None:
    among = operations()
    called = exercised(flavour, among)

    missing = sorted(op.operation_id for op in among if op.operation_id not in called)

    assert missing == [], f"operations never exercised through the {flavour} client: {missing}"


def test_the_sdk_prefixes_paths_as_the_spec_says() -> None:
    servers = spec()["servers"]
    assert isinstance(servers, list)
    assert servers[0]["url"] == API_PREFIX
