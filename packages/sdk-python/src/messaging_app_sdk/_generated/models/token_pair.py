from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TokenPair")


@_attrs_define
class TokenPair:
    """
    Attributes:
        access (str): Short-lived JWT for `Authorization: Bearer`.
        refresh (str): Long-lived JWT that obtains new token pairs; each use rotates it.
    """

    access: str
    refresh: str

    def to_dict(self) -> dict[str, Any]:
        access = self.access

        refresh = self.refresh

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access": access,
                "refresh": refresh,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access = d.pop("access")

        refresh = d.pop("refresh")

        token_pair = cls(
            access=access,
            refresh=refresh,
        )

        return token_pair
