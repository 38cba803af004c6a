# Generated from src/messaging_app_sdk/_async/resources/auth.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

import contextlib

from ..._errors import AuthenticationError
from ..._generated.api.auth import logout, verify_token
from ..._generated.api.users import sign_out_everywhere
from ..._generated.models import LogoutRequest, SignInResponse, VerifyRequest
from ..._options import Credentials, RequestOptions, SessionTokens, Tokens
from ._base import Resource


class AuthResource(Resource):
    """Sign-in state. The other resources sign in and refresh by themselves; use this to do it explicitly."""

    @property
    def tokens(self) -> SessionTokens:
        """The tokens the client holds now (also announced through `on_tokens`)."""
        return self._session.tokens

    def sign_in(self, username: str | None = None, password: str | None = None) -> SignInResponse:
        """Signs in with these credentials (remembered for later sign-ins) or the ones the client was given."""
        if (username is None) != (password is None):
            raise ValueError("Give both username and password, or neither to use the client's.")
        credentials = None if username is None or password is None else Credentials(username, password)
        return self._session.sign_in(credentials)

    def refresh(self) -> Tokens:
        """Exchanges the refresh token for a new pair; the old refresh token stops working."""
        return self._session.refresh()

    def verify(self, token: str | None = None, *, options: RequestOptions | None = None) -> bool:
        """Whether the API still honours a token (by default the current access token)."""
        token = token if token is not None else self._session.tokens.access
        if token is None:
            return False
        try:
            self._anonymous(verify_token._get_kwargs(body=VerifyRequest(token=token)), options)
        except AuthenticationError:
            return False
        return True

    def logout(self, *, options: RequestOptions | None = None) -> None:
        """Signs out on the server and here: the API ends this sign-in (its access tokens stop working at once,
        and its refresh tokens are revoked), then the client forgets its tokens and credentials. A refresh
        token the API already rejects counts as signed out. Other sign-ins of the user go on."""
        refresh = self._session.tokens.refresh
        self._session.sign_out()
        if refresh is None:
            return
        with contextlib.suppress(AuthenticationError):
            self._anonymous(logout._get_kwargs(body=LogoutRequest(refresh=refresh)), options)

    def sign_out_everywhere(self, *, options: RequestOptions | None = None) -> None:
        """Signs out everywhere: the API ends every sign-in of the user, this client's included (every access
        token stops working at once, every refresh token is revoked, every event stream ends with
        `session_ended`), then the client forgets its tokens and credentials. Other clients holding the
        user's tokens fail with AuthenticationError from then on, or sign in again if they know the password."""
        try:
            # Not signed in (any more): there is nothing of ours left to end.
            with contextlib.suppress(AuthenticationError):
                self._as_user(sign_out_everywhere._get_kwargs(), options)
        finally:
            self._session.sign_out()

    def sign_out(self) -> None:
        """Forgets the tokens and credentials, so calls that need a user fail until the next sign_in. Only
        local: the refresh token stays valid on the server until it expires; logout() revokes it."""
        self._session.sign_out()
