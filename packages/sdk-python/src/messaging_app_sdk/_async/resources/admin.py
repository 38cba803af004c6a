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
from ..pagination import AsyncPager
from ._base import AsyncResource


class AsyncAdminResource(AsyncResource):
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
    ) -> AsyncPager[AdminUser]:
        """Every user, inactive ones included; `search` matches username, email and names, case-insensitively."""

        async def fetch(number: int) -> PageData[AdminUser]:
            request = search_users._get_kwargs(
                search=optional(search),
                is_active=optional(is_active),
                is_staff=optional(is_staff),
                page=number,
                page_size=optional(page_size),
            )
            data = AdminUserPage.from_dict((await self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return AsyncPager(fetch, page)

    async def deactivate_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        """Signs the user out everywhere and stops them signing in; staff cannot deactivate themselves."""
        response = await self._as_user(deactivate_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    async def reactivate_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        response = await self._as_user(reactivate_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    async def promote_user(self, user_id: Id, *, options: RequestOptions | None = None) -> AdminUser:
        """Makes the user staff."""
        response = await self._as_user(promote_user._get_kwargs(as_id(user_id)), options)
        return AdminUser.from_dict(response.json())

    def list_conversations(
        self, *, page: int = 1, page_size: int | None = None, options: RequestOptions | None = None
    ) -> AsyncPager[AdminConversation]:
        """Every conversation, with participants and message counts, most recently active first."""

        async def fetch(number: int) -> PageData[AdminConversation]:
            request = list_all_conversations._get_kwargs(page=number, page_size=optional(page_size))
            data = AdminConversationPage.from_dict((await self._as_user(request, options)).json())
            return PageData(count=int(data.count), next=data.next_, previous=data.previous, results=data.results)

        return AsyncPager(fetch, page)

    async def delete_message(self, message_id: Id, *, options: RequestOptions | None = None) -> None:
        """Moderation: deletes any message, whoever sent it."""
        await self._as_user(delete_any_message._get_kwargs(as_id(message_id)), options)

    async def stats(self, *, options: RequestOptions | None = None) -> AdminStats:
        """Users, conversations, messages, and messages sent today (UTC)."""
        response = await self._as_user(get_admin_stats._get_kwargs(), options)
        return AdminStats.from_dict(response.json())
