"""The one error type domain services raise: an HTTP status, a machine code, plain words."""

from __future__ import annotations


class DomainError(Exception):
    """Refusal of a request. ``message`` is shown to a teacher as it is."""

    def __init__(self, status: int, code: str, message: str, *,
                 last_seq: int | None = None, seq: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.last_seq = last_seq
        self.seq = seq
