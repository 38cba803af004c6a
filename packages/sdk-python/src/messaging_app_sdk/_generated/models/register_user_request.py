from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterUserRequest")


@_attrs_define
class RegisterUserRequest:
    """
    Attributes:
        username (str): Letters, digits and @ . + - _ only; unique regardless of case; not a UUID (user ids are UUIDs).
            Example: kwame.
        email (str): Unique regardless of case. Example: kwame@example.com.
        password (str):  Example: correct horse battery.
        first_name (str):
        last_name (str):
        phone_number (None | str | Unset):
        role (Role | Unset): What a user may be: hosts and guests are ordinary users; `admin` can only be granted by
            staff.
        is_staff (bool | Unset): Only staff may create staff users.
    """

    username: str
    email: str
    password: str
    first_name: str
    last_name: str
    phone_number: None | str | Unset = UNSET
    role: Role | Unset = UNSET
    is_staff: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        email = self.email

        password = self.password

        first_name = self.first_name

        last_name = self.last_name

        phone_number: None | str | Unset
        if isinstance(self.phone_number, Unset):
            phone_number = UNSET
        else:
            phone_number = self.phone_number

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        is_staff = self.is_staff

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "username": username,
                "email": email,
                "password": password,
                "first_name": first_name,
                "last_name": last_name,
            }
        )
        if phone_number is not UNSET:
            field_dict["phone_number"] = phone_number
        if role is not UNSET:
            field_dict["role"] = role
        if is_staff is not UNSET:
            field_dict["is_staff"] = is_staff

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        username = d.pop("username")

        email = d.pop("email")

        password = d.pop("password")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        def _parse_phone_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone_number = _parse_phone_number(d.pop("phone_number", UNSET))

        _role = d.pop("role", UNSET)
        role: Role | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = Role(_role)

        is_staff = d.pop("is_staff", UNSET)

        register_user_request = cls(
            username=username,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            phone_number=phone_number,
            role=role,
            is_staff=is_staff,
        )

        return register_user_request
