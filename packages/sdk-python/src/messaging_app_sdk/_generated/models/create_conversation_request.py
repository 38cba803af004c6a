from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.conversation_kind import ConversationKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateConversationRequest")


@_attrs_define
class CreateConversationRequest:
    """
    Attributes:
        participant_ids (list[UUID]): The other people to talk to (the caller is added automatically). Duplicates are
            ignored.
        kind (ConversationKind | Unset): `direct`: exactly two people, and only one such conversation per pair (starting
            it again returns it);
            nobody can be added and nobody can leave. `group`: any number of people (up to 100); participants can
            add others and leave, and whoever created it can remove people.
        title (str | Unset): A name for a group (not allowed for direct conversations). Example: Saturday football.
    """

    participant_ids: list[UUID]
    kind: ConversationKind | Unset = UNSET
    title: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        participant_ids = []
        for participant_ids_item_data in self.participant_ids:
            participant_ids_item = str(participant_ids_item_data)
            participant_ids.append(participant_ids_item)

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_ids": participant_ids,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        participant_ids = []
        _participant_ids = d.pop("participant_ids")
        for participant_ids_item_data in _participant_ids:
            participant_ids_item = UUID(participant_ids_item_data)

            participant_ids.append(participant_ids_item)

        _kind = d.pop("kind", UNSET)
        kind: ConversationKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = ConversationKind(_kind)

        title = d.pop("title", UNSET)

        create_conversation_request = cls(
            participant_ids=participant_ids,
            kind=kind,
            title=title,
        )

        return create_conversation_request
