from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateUserRequest")


@_attrs_define
class UpdateUserRequest:
    """Only the fields present are changed. Changing the password requires `current_password` (staff resetting someone
    else's excepted).

        Attributes:
            username (str | Unset): Letters, digits and @ . + - _ only; unique regardless of case; not a UUID (user ids are
                UUIDs).
            email (str | Unset):
            first_name (str | Unset):
            last_name (str | Unset):
            phone_number (None | str | Unset):
            role (Role | Unset): What a user may be: hosts and guests are ordinary users; `admin` can only be granted by
                staff.
            is_staff (bool | Unset): Only staff may change it.
            password (str | Unset): The new password; signs the user out everywhere (every session ends, the caller's own
                included).
            current_password (str | Unset):
    """

    username: str | Unset = UNSET
    email: str | Unset = UNSET
    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    phone_number: None | str | Unset = UNSET
    role: Role | Unset = UNSET
    is_staff: bool | Unset = UNSET
    password: str | Unset = UNSET
    current_password: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        username = self.username

        email = self.email

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

        password = self.password

        current_password = self.current_password

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if username is not UNSET:
            field_dict["username"] = username
        if email is not UNSET:
            field_dict["email"] = email
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if phone_number is not UNSET:
            field_dict["phone_number"] = phone_number
        if role is not UNSET:
            field_dict["role"] = role
        if is_staff is not UNSET:
            field_dict["is_staff"] = is_staff
        if password is not UNSET:
            field_dict["password"] = password
        if current_password is not UNSET:
            field_dict["current_password"] = current_password

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        username = d.pop("username", UNSET)

        email = d.pop("email", UNSET)

        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

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

        password = d.pop("password", UNSET)

        current_password = d.pop("current_password", UNSET)

        update_user_request = cls(
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

        return update_user_request
