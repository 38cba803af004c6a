from enum import StrEnum


class RealtimeEventType(StrEnum):
    CONVERSATION_CREATED = "conversation.created"
    MESSAGE_CREATED = "message.created"
    MESSAGE_DELETED = "message.deleted"
    MESSAGE_UPDATED = "message.updated"
    PARTICIPANT_ADDED = "participant.added"
    PARTICIPANT_REMOVED = "participant.removed"
    REACTION_ADDED = "reaction.added"
    REACTION_REMOVED = "reaction.removed"
    READ_UPDATED = "read.updated"

    def __str__(self) -> str:
        return str(self.value)
