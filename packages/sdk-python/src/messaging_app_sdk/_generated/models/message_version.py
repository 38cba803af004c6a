from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MessageVersion")


@_attrs_define
class MessageVersion:
    """One version of a message's body, oldest first: version 1 is the body as sent.

    Attributes:
        version (float):
        message_body (str):
        written_at (datetime.datetime): When this version was written: the send for version 1, the edit for later ones.
        replaced_at (datetime.datetime | None): When an edit replaced it; null for the current version.
    """

    version: float
    message_body: str
    written_at: datetime.datetime
    replaced_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        message_body = self.message_body

        written_at = self.written_at.isoformat()

        replaced_at: None | str
        if isinstance(self.replaced_at, datetime.datetime):
            replaced_at = self.replaced_at.isoformat()
        else:
            replaced_at = self.replaced_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "version": version,
                "message_body": message_body,
                "written_at": written_at,
                "replaced_at": replaced_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        version = d.pop("version")

        message_body = d.pop("message_body")

        written_at = datetime.datetime.fromisoformat(d.pop("written_at"))

        def _parse_replaced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaced_at_type_0 = datetime.datetime.fromisoformat(data)

                return replaced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        replaced_at = _parse_replaced_at(d.pop("replaced_at"))

        message_version = cls(
            version=version,
            message_body=message_body,
            written_at=written_at,
            replaced_at=replaced_at,
        )

        return message_version
