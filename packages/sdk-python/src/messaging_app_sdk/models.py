"""Every model of the API (generated from the spec: attrs classes with `to_dict`/`from_dict`; enums are
StrEnums). Fields are snake_case like the wire format, ids are UUIDs and timestamps are datetimes.
Optional fields that were absent hold UNSET (falsy), see `messaging_app_sdk.Unset`."""

from ._generated.models import *  # noqa: F403
from ._generated.models import __all__ as __all__
