from enum import StrEnum


class MessageOrderingParam(StrEnum):
    NEWEST_FIRST = "-sent_at"
    OLDEST_FIRST = "sent_at"

    def __str__(self) -> str:
        return str(self.value)
