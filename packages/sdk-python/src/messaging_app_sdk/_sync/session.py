# Generated from src/messaging_app_sdk/_async/session.py by scripts/unasync.py: edit that file, then `npm run generate`.
"""Owns the tokens: signs in lazily, refreshes before expiry or after a 401, and does so once for all
concurrent calls (single flight). The API answers a refresh token presented twice within a few seconds
with the same pair, so racing refreshes would not sign the user out; but later, or once the new pair
was used, a reused refresh token ends the whole session, and one request is cheaper than several."""

from __future__ import annotations

from .._concurrency import Lock
from .._errors import AuthenticationError
from .._generated.api.auth import refresh_token, sign_in
from .._generated.models import RefreshRequest, SignInRequest, SignInResponse, TokenPair
from .._jwt import is_expiring
from .._options import Credentials, OnTokens, SessionTokens, Tokens
from .transport import Transport


def not_signed_in(message: str) -> AuthenticationError:
    return AuthenticationError(status=401, code="unauthorized", message=message)


class Session:
    def __init__(
        self,
        *,
        transport: Transport,
        credentials: Credentials | None,
        tokens: SessionTokens,
        on_tokens: OnTokens | None,
    ) -> None:
        self._transport = transport
        self._credentials = credentials
        self._access = tokens.access
        self._refresh = tokens.refresh
        self._on_tokens = on_tokens
        # Held while new tokens are obtained: whoever waits for it finds them there when it gets it.
        self._lock = Lock()
        self._renewing = False
        # Bumped by sign_out, so tokens from a renewal already in flight are not kept afterwards.
        self._generation = 0
        self.required = UserAuthorizer(self)
        self.optional = OptionalAuthorizer(self)

    @property
    def tokens(self) -> SessionTokens:
        return SessionTokens(access=self._access, refresh=self._refresh)

    def _fresh_access(self) -> str | None:
        return self._access if self._access is not None and not is_expiring(self._access) else None

    def access_token_for_user(self) -> str:
        """For operations that need a user: signs in or refreshes first when there is no usable token."""
        fresh = self._fresh_access()
        if fresh is not None:
            return fresh
        with self._lock:
            # Whoever held the lock before us may have renewed the tokens already.
            fresh = self._fresh_access()
            if fresh is not None:
                return fresh
            return (self._renew()).access

    def access_token_if_any(self) -> str | None:
        """For public operations that do more for a signed-in caller: a token only if one is at hand."""
        if self._renewing:
            with self._lock:
                pass
        return self._access

    def renew_after_rejection(self, rejected: str) -> str:
        with self._lock:
            # Another call may have renewed while this one was in flight: use that instead of refreshing again.
            if self._access is not None and self._access != rejected and not is_expiring(self._access):
                return self._access
            return (self._renew()).access

    def sign_in(self, credentials: Credentials | None = None) -> SignInResponse:
        with self._lock:
            if credentials is not None:
                self._credentials = credentials
            known = self._credentials
            if known is None:
                raise not_signed_in("No username and password to sign in with.")
            generation = self._generation
            self._renewing = True
            try:
                signed_in = self._sign_in(known)
                self._store(generation, Tokens(access=signed_in.access, refresh=signed_in.refresh))
            finally:
                self._renewing = False
            return signed_in

    def refresh(self) -> Tokens:
        """Rotates the tokens with the refresh token held now; no fallback to signing in."""
        with self._lock:
            generation = self._generation
            self._renewing = True
            try:
                return self._store(generation, self._rotate())
            finally:
                self._renewing = False

    def session_ended(self, access: str | None) -> None:
        """The server ended the session `access` belongs to (logout, sign out everywhere, a password change):
        its pair will never work again, so it is dropped now rather than tried. The credentials stay, so the
        next call signs in again when they are known. Nothing changes when the tokens were replaced since."""
        if self._renewing or access is None or self._access != access:
            return
        self._access = None
        self._refresh = None

    def sign_out(self) -> None:
        """Forgets tokens and credentials: calls that need a user fail until the next sign_in."""
        self._generation += 1
        self._credentials = None
        self._access = None
        self._refresh = None

    def _renew(self) -> Tokens:
        """With the lock held: rotates the refresh token, or signs in again when it is dead and credentials are known."""
        generation = self._generation
        self._renewing = True
        try:
            if self._refresh is not None:
                try:
                    return self._store(generation, self._rotate())
                except AuthenticationError:
                    # Expired, revoked or reused: this refresh token will never work again.
                    self._access = self._refresh = None
                    if self._credentials is None:
                        raise
            if self._credentials is None:
                raise not_signed_in("Not signed in: pass username and password or tokens, or call auth.sign_in().")
            signed_in = self._sign_in(self._credentials)
            return self._store(generation, Tokens(access=signed_in.access, refresh=signed_in.refresh))
        finally:
            self._renewing = False

    def _rotate(self) -> Tokens:
        if self._refresh is None:
            raise not_signed_in("There is no refresh token to refresh with.")
        response = self._transport.request(refresh_token._get_kwargs(body=RefreshRequest(refresh=self._refresh)))
        pair = TokenPair.from_dict(response.json())
        return Tokens(access=pair.access, refresh=pair.refresh)

    def _sign_in(self, credentials: Credentials) -> SignInResponse:
        body = SignInRequest(username=credentials.username, password=credentials.password)
        response = self._transport.request(sign_in._get_kwargs(body=body))
        return SignInResponse.from_dict(response.json())

    def _store(self, generation: int, tokens: Tokens) -> Tokens:
        if generation != self._generation:
            raise not_signed_in("Signed out while new tokens were being fetched.")
        self._access, self._refresh = tokens.access, tokens.refresh
        if self._on_tokens is not None:
            self._on_tokens(tokens)
        return tokens


class UserAuthorizer:
    """For operations that need a signed-in user."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def access_token(self) -> str | None:
        return self._session.access_token_for_user()

    def renew(self, rejected: str) -> str:
        return self._session.renew_after_rejection(rejected)


class OptionalAuthorizer:
    """For public operations that do more for a signed-in caller (registering staff, say)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def access_token(self) -> str | None:
        return self._session.access_token_if_any()

    def renew(self, rejected: str) -> str:
        return self._session.renew_after_rejection(rejected)
