# Generated from src/messaging_app_sdk/_async/resources/admin.py by scripts/unasync.py: edit that file, then `npm run generate`.
from __future__ import annotations

from ..._generated.api.admin import (
    deactivate_user,
    delete_any_message,
    get_admin_stats,
    list_all_conversations,
    promote_user,
    reactivate_user,
    search_users,
)
from ..._generated.models import AdminConversation, AdminConversationPage, AdminStats, AdminUser, AdminUserPage
from ..._options import RequestOptions
from ..._pages import PageData
from ..._params import Id, as_id, optional
from ..pagination import Pager
from ._base import Resource


class AdminResource(Resource):
    """The staff-only admin area; every call fails with PermissionDeniedError for anyone else."""

    def list_users(
        self,
        *,
        search: str | None = None,
        is_active: bool | None = None,
        is_staff: bool | None = None,
        page: int = 1,
        page_size: int | None = None,
        options: RequestOptions | None = None,
    ) -> Pager[AdminUser]:
        """Every user, inactive ones included; `search` matches username, email and names, case-insensitively."""

        def fetch(number: int) -> PageData[AdminUser]:
            request = search_users._get_kwargs(
                search=optional(search),
                is_active=optional(is_active),
                is_staff=optional(is_staff),
                page=number,
                page_size=optional(page_size),
            )
            data = AdminUserPage.from_dict((self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return Pager(fetch, page)

    def deactivate_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        """Signs the user out everywhere and stops them signing in; staff cannot deactivate themselves."""
        response = self._as_user(deactivate_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    def reactivate_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        response = self._as_user(reactivate_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    def promote_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        """Makes the user staff."""
        response = self._as_user(promote_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    def list_conversations(
        self, *, page: int = 1, page_size: int | None = None, options: RequestOptions | None = None
    ) -> Pager[AdminConversation]:
        """Every conversation, with participants and message counts, most recently active first."""

        def fetch(number: int) -> PageData[AdminConversation]:
            request = list_all_conversations._get_kwargs(page=number, page_size=optional(page_size))
            data = AdminConversationPage.from_dict((self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return Pager(fetch, page)

    def delete_message(self, message_id: Id, *, options: RequestOptions | None = None) -> None:
        """Moderation: deletes any message, whoever sent it."""
        self._as_user(delete_any_message._get_kwargs(as_id(message_id)), options)

    def stats(self, *, options: RequestOptions | None = None) -> AdminStats:
        """Users, conversations, messages, and messages sent today (UTC)."""
        response = self._as_user(get_admin_stats._get_kwargs(), options)
        return AdminStats.from_dict(response.json())
