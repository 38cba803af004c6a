"""Writes the synchronous flavour of the hand-written layer (and of its tests) from the asynchronous one.

The async code in `_async/` folders is the source; this rewrites each file token by token into the
matching `_sync/` folder (which it empties first), the way httpcore and psycopg keep their two
flavours identical:

- the `async` and `await` keywords disappear (`async def` -> `def`, `async for` -> `for`, `await x` -> `x`);
- names change by these rules, in code and in docstrings and comments alike:
  the dunder and library names in RENAMES (`__aiter__` -> `__iter__`, `aclose` -> `close`, ...);
  `AsyncName` -> `Name` (`AsyncMessagingClient` -> `MessagingClient`, httpx's `AsyncClient` -> `Client`);
  `async_name` -> `sync_name` (`async_sleep` -> `sync_sleep`, see _concurrency.py for each pair);
  the module `_async` -> `_sync`.

Standard library only. scripts/generate.mjs runs it after the client generator, then ruff formats
the output; `node scripts/check-generated.mjs` (CI) fails when a committed `_sync/` file differs.

    python scripts/unasync.py            # from packages/sdk-python
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# (source, target) folder pairs, relative to the package.
FOLDERS = [
    ("src/messaging_app_sdk/_async", "src/messaging_app_sdk/_sync"),
    ("tests/_async", "tests/_sync"),
]

RENAMES = {
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "asynccontextmanager": "contextmanager",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "AsyncExitStack": "ExitStack",
    "StopAsyncIteration": "StopIteration",
    "aclose": "close",
    "aread": "read",
    "aiter_lines": "iter_lines",
    "aiter_bytes": "iter_bytes",
    "_async": "_sync",
}

NAME = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
# In docstrings and comments: "async for x in y" -> "for x in y", "await f()" -> "f()".
PROSE_KEYWORDS = re.compile(r"\basync (?=def\b|for\b|with\b)|\bawait ")


def rename(name: str) -> str:
    if name in RENAMES:
        return RENAMES[name]
    if name.startswith("Async") and len(name) > 5 and name[5].isupper():
        return name[5:]
    if name.startswith("async_") and len(name) > 6:
        return "sync_" + name[6:]
    return name


def rename_in_prose(text: str) -> str:
    text = PROSE_KEYWORDS.sub("", text)
    return NAME.sub(lambda match: rename(match.group(0)), text)


def unasync_source(source: str) -> str:
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        row, column = position
        return line_starts[row - 1] + column

    out: list[str] = []
    copied_to = 0
    skip_gap = False
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        start, end = offset(token.start), offset(token.end)
        gap = source[copied_to:start]
        # After a removed keyword, drop the spaces that separated it from the next token.
        out.append(gap.lstrip(" ") if skip_gap and "\n" not in gap else gap)
        skip_gap = False
        text = source[start:end]
        if token.type == tokenize.NAME and text in ("async", "await"):
            skip_gap = True
            text = ""
        elif token.type == tokenize.NAME:
            text = rename(text)
        elif token.type in (tokenize.STRING, tokenize.COMMENT):
            text = rename_in_prose(text)
        out.append(text)
        copied_to = end
    out.append(source[copied_to:])
    return "".join(out)


def main() -> int:
    for source_folder, target_folder in FOLDERS:
        source_root, target_root = PACKAGE / source_folder, PACKAGE / target_folder
        shutil.rmtree(target_root, ignore_errors=True)
        for source_file in sorted(source_root.rglob("*.py")):
            target_file = target_root / source_file.relative_to(source_root)
            target_file.parent.mkdir(parents=True, exist_ok=True)
            origin = source_file.relative_to(PACKAGE).as_posix()
            header = f"# Generated from {origin} by scripts/unasync.py: edit that file, then `npm run generate`.\n"
            target_file.write_text(header + unasync_source(source_file.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
