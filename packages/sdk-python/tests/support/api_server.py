"""The real API for the tests: tests/support/api-server.mjs started as a child process."""

from __future__ import annotations

import itertools
import json
import os
import select
import subprocess
import time
from pathlib import Path

PASSWORD = "correct-horse-battery"
LAUNCHER = Path(__file__).with_name("api-server.mjs")
START_TIMEOUT_SECONDS = 120.0
_names = itertools.count(1)


def unique_name(prefix: str = "py") -> str:
    return f"{prefix}_{os.getpid()}_{int(time.time() * 1000):x}_{next(_names)}"


class ApiServer:
    """One API process (and, on PostgreSQL, its scratch database) for the test session."""

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self._process = subprocess.Popen(
            ["node", str(LAUNCHER), json.dumps(settings or {})],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            self.url = str(self._read_reply("API_READY", START_TIMEOUT_SECONDS)["url"])
        except BaseException:
            self.stop()
            raise

    def _read_reply(self, marker: str, timeout: float) -> dict[str, object]:
        assert self._process.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._process.stdout], [], [], remaining)[0]:
                raise RuntimeError(f"The API did not answer within {timeout:.0f} s ({marker}).")
            line = self._process.stdout.readline()
            if not line:
                raise RuntimeError(f"The API exited (code {self._process.poll()}) before {marker}.")
            if line.startswith(marker + " "):
                reply: dict[str, object] = json.loads(line[len(marker) + 1 :])
                return reply

    def make_staff(self, user_id: object) -> None:
        """Makes a registered user staff, straight in the database (the API has no way to make the first one)."""
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"make_staff": str(user_id)}) + "\n")
        self._process.stdin.flush()
        self._read_reply("API_DONE", 30)

    def stop(self) -> None:
        """Closing its stdin stops the server and drops its database; a kill is the fallback."""
        if self._process.poll() is not None:
            return
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        finally:
            if self._process.stdout is not None:
                self._process.stdout.close()
