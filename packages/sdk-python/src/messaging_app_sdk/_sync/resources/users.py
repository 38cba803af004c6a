# Generated from src/messaging_app_sdk/_async/resources/users.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

from ..._generated.api.users import (
    get_current_user,
    get_unread_summary,
    get_user,
    list_users,
    register_user,
    update_user,
)
from ..._generated.models import RegisterUserRequest, Role, UnreadSummary, UpdateUserRequest, User, UserPage
from ..._generated.types import UNSET, Unset
from ..._options import RequestOptions
from ..._pages import PageData
from ..._params import Id, as_id, optional
from ..pagination import Pager
from ._base import Resource


class UsersResource(Resource):
    def register(
        self,
        *,
        username: str,
        email: str,
        password: str,
        first_name: str,
        last_name: str,
        phone_number: str | None = None,
        role: Role | None = None,
        is_staff: bool | None = None,
        options: RequestOptions | None = None,
    ) -> User:
        """Creates an account. Needs no sign-in; signed in as staff, may create staff and admin users."""
        body = RegisterUserRequest(
            username=username,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            phone_number=optional(phone_number),
            role=optional(role),
            is_staff=optional(is_staff),
        )
        response = self._as_anyone(register_user._get_kwargs(body=body), options)
        return User.from_dict(response.json())

    def me(self, *, options: RequestOptions | None = None) -> User:
        """The signed-in user."""
        response = self._as_user(get_current_user._get_kwargs(), options)
        return User.from_dict(response.json())

    def unread(self, *, options: RequestOptions | None = None) -> UnreadSummary:
        """Messages from others the signed-in user has not read yet, across all their conversations."""
        response = self._as_user(get_unread_summary._get_kwargs(), options)
        return UnreadSummary.from_dict(response.json())

    def get(self, user_id: Id, *, options: RequestOptions | None = None) -> User:
        response = self._as_user(get_user._get_kwargs(as_id(user_id)), options)
        return User.from_dict(response.json())

    def update(
        self,
        user_id: Id,
        *,
        username: str | Unset = UNSET,
        email: str | Unset = UNSET,
        first_name: str | Unset = UNSET,
        last_name: str | Unset = UNSET,
        phone_number: str | Unset | None = UNSET,
        role: Role | Unset = UNSET,
        is_staff: bool | Unset = UNSET,
        password: str | Unset = UNSET,
        current_password: str | Unset = UNSET,
        options: RequestOptions | None = None,
    ) -> User:
        """Changes only the fields given (`phone_number=None` clears it); a new password needs `current_password`."""
        body = UpdateUserRequest(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone_number=phone_number,
            role=role,
            is_staff=is_staff,
            password=password,
            current_password=current_password,
        )
        response = self._as_user(update_user._get_kwargs(as_id(user_id), body=body), options)
        return User.from_dict(response.json())

    def list(
        self, *, page: int = 1, page_size: int | None = None, options: RequestOptions | None = None
    ) -> Pager[User]:
        """Staff see every user, anyone else only themselves."""

        def fetch(number: int) -> PageData[User]:
            request = list_users._get_kwargs(page=number, page_size=optional(page_size))
            data = UserPage.from_dict((self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return Pager(fetch, page)
