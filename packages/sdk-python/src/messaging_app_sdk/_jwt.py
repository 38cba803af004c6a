"""Reads a token's expiry (without verifying it: only the server can; we only want to know when to refresh)."""

from __future__ import annotations

import base64
import binascii
import json
import time

# Refresh at most this long before expiry, so a token does not run out between our check and the server's.
MAX_EXPIRY_MARGIN_SECONDS = 5.0


def _claims(token: str) -> dict[str, object] | None:
    parts = token.split(".")
    if len(parts) < 2 or not parts[1]:
        return None
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


def is_expiring(token: str, now: float | None = None) -> bool:
    """True when the token is expired or about to be. The margin shrinks for short-lived tokens (a
    quarter of their lifetime) so they are still used at all. Unreadable tokens count as fresh: a 401 will tell.
    """
    claims = _claims(token) or {}
    expires, issued = claims.get("exp"), claims.get("iat")
    if not isinstance(expires, (int, float)):
        return False
    lifetime = expires - issued if isinstance(issued, (int, float)) else MAX_EXPIRY_MARGIN_SECONDS * 4
    margin = min(MAX_EXPIRY_MARGIN_SECONDS, lifetime / 4)
    return expires - margin <= (time.time() if now is None else now)
