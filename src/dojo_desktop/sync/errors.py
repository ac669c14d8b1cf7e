"""What can go wrong talking to the server, each with words a teacher can act on."""

from __future__ import annotations

from dojo_desktop.core.error_texts import Message


class SyncError(Exception):
    """Base class: ``str(error)`` is plain words for the sync details view.

    Made from a :class:`Message` of the error catalogue, it keeps it as ``message`` for the
    window to translate; ``detail`` says what exactly was wrong (the status code, what was
    wrong with the answer), for the details view.
    """

    def __init__(self, text: str | Message, detail: Message | None = None) -> None:
        super().__init__(str(text))
        self.message: Message | None = text if isinstance(text, Message) else None
        self.detail = detail


class Offline(SyncError):
    """The server could not be reached (no network, server down, timeout)."""


class RetryLater(SyncError):
    """The server asked us to wait (429/503) for ``retry_after`` seconds, or failed (5xx)."""

    def __init__(self, message: str | Message, retry_after: float | None,
                 detail: Message | None = None, status: int | None = None) -> None:
        super().__init__(message, detail)
        self.retry_after = retry_after
        self.status = status


class BadResponse(SyncError):
    """The server answered something that is not the protocol (a proxy page, garbage, an
    answer too large, too slow, cut off, or one that does not account for what was sent)."""


class NotPaired(SyncError):
    """This device has no server or no token yet."""


class Unauthorized(SyncError):
    """The server does not know this device's token."""


class Revoked(SyncError):
    """IT revoked this device; it must be paired again."""


class OtherComputer(SyncError):
    """This data folder was copied from another computer: pair it again, as a device of
    its own."""


class UpgradeRequired(SyncError):
    """The server speaks a protocol this app does not; IT must update the app."""


class EpochChanged(SyncError):
    """The server was restored from a backup: pull again from the start."""


class Gap(SyncError):
    """The server is missing earlier events of ours; resend from ``last_seq + 1``."""

    def __init__(self, message: str, last_seq: int) -> None:
        super().__init__(message)
        self.last_seq = last_seq


class SeqReused(SyncError):
    """This device's data was put back from an older copy: the server has other events
    under its numbers. Renumber the waiting events from ``seq`` after ``last_seq``."""

    def __init__(self, message: str, last_seq: int, seq: int) -> None:
        super().__init__(message)
        self.last_seq = last_seq
        self.seq = seq


class ServerRefused(SyncError):
    """Any other refusal: the server's own words when it answered in the protocol's error
    shape, else the status code in plain words."""

    def __init__(self, message: str | Message, status: int,
                 detail: Message | None = None) -> None:
        super().__init__(message, detail)
        self.status = status
