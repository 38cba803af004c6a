from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="SignInResponse")


@_attrs_define
class SignInResponse:
    """
    Attributes:
        access (str): Short-lived JWT for `Authorization: Bearer`.
        refresh (str): Long-lived JWT that obtains new token pairs; each use rotates it.
        user (User): A user's full profile, visible to that user and to staff. Never includes the password.
    """

    access: str
    refresh: str
    user: User

    def to_dict(self) -> dict[str, Any]:
        access = self.access

        refresh = self.refresh

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access": access,
                "refresh": refresh,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.user import User

        d = dict(src_dict)
        access = d.pop("access")

        refresh = d.pop("refresh")

        user = User.from_dict(d.pop("user"))

        sign_in_response = cls(
            access=access,
            refresh=refresh,
            user=user,
        )

        return sign_in_response
