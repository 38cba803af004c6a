"""schemathesis hooks for the messaging API's fuzz run (loaded by schemathesis.toml's `hooks`).

One Idempotency-Key per request in stateful chains, as a client uses them. The fuzzer generates keys
from a small space and reuses values, so a later send with the same key and body is a replay, which
answers the first message again, as documented (and tested in apps/api/test/idempotency.test.ts),
even when that message has been deleted since. A chain then reads the replayed "created" message as
one that vanished (ST302 "Created resource not found", found with seed 183457631). So in the stateful
phase a valid key that was already sent in this run gets a suffix that makes it new. The other phases
are left alone: they check each request by itself (a 400 for a malformed key, a 401 without a token),
and editing their cases makes schemathesis re-derive what a case tests (a case meant to lack its token
was then judged as if it had one).
"""

import re

import schemathesis

VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")
sent_keys: set[str] = set()


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    name = next((name for name in headers if name.lower() == "idempotency-key"), None)
    if name is None or not isinstance(headers[name], str) or not VALID_KEY.fullmatch(headers[name]):
        return
    key = headers[name]
    phase = getattr(getattr(case.meta, "phase", None), "name", None)
    if key in sent_keys and phase == "stateful":
        original, number = key, len(sent_keys)
        while key in sent_keys:
            suffix = f".{number}"
            key = original[: 255 - len(suffix)] + suffix
            number += 1
        headers[name] = key
    sent_keys.add(key)
