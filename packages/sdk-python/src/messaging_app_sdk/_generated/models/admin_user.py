from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.role import Role

T = TypeVar("T", bound="AdminUser")


@_attrs_define
class AdminUser:
    """A user as staff see it in the admin area: the full profile plus whether the account is active.

    Attributes:
        user_id (UUID): Stringified UUID. Example: 6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c9a10.
        username (str):  Example: kwame.
        email (str):  Example: kwame@example.com.
        first_name (str):  Example: Kwame.
        last_name (str):  Example: Mensah.
        phone_number (None | str):  Example: +233201234567.
        role (Role): What a user may be: hosts and guests are ordinary users; `admin` can only be granted by staff.
        is_staff (bool): Staff can see and manage every user. Only staff can grant it.
        created_at (datetime.datetime):
        is_active (bool): Inactive accounts cannot sign in, and their tokens stop working at once.
    """

    user_id: UUID
    username: str
    email: str
    first_name: str
    last_name: str
    phone_number: None | str
    role: Role
    is_staff: bool
    created_at: datetime.datetime
    is_active: bool

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        username = self.username

        email = self.email

        first_name = self.first_name

        last_name = self.last_name

        phone_number: None | str
        phone_number = self.phone_number

        role = self.role.value

        is_staff = self.is_staff

        created_at = self.created_at.isoformat()

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
                "username": username,
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
                "phone_number": phone_number,
                "role": role,
                "is_staff": is_staff,
                "created_at": created_at,
                "is_active": is_active,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        username = d.pop("username")

        email = d.pop("email")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        def _parse_phone_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone_number = _parse_phone_number(d.pop("phone_number"))

        role = Role(d.pop("role"))

        is_staff = d.pop("is_staff")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        is_active = d.pop("is_active")

        admin_user = cls(
            user_id=user_id,
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            phone_number=phone_number,
            role=role,
            is_staff=is_staff,
            created_at=created_at,
            is_active=is_active,
        )

        return admin_user
