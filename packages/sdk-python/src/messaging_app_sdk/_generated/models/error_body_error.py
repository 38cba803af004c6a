from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_body_error_details import ErrorBodyErrorDetails


T = TypeVar("T", bound="ErrorBodyError")


@_attrs_define
class ErrorBodyError:
    """
    Attributes:
        message (str):
        code (str): One of: validation_failed, invalid_json, unauthorized, forbidden, not_found, method_not_allowed,
            conflict, payload_too_large, unsupported_media_type, rate_limited, internal_error, service_unavailable.
        details (ErrorBodyErrorDetails | Unset):
    """

    message: str
    code: str
    details: ErrorBodyErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "code": code,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_body_error_details import ErrorBodyErrorDetails

        d = dict(src_dict)
        message = d.pop("message")

        code = d.pop("code")

        _details = d.pop("details", UNSET)
        details: ErrorBodyErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorBodyErrorDetails.from_dict(_details)

        error_body_error = cls(
            message=message,
            code=code,
            details=details,
        )

        error_body_error.additional_properties = d
        return error_body_error

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
