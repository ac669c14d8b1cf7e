"""What can go wrong talking to the server, each with words a teacher can act on."""

from __future__ import annotations


class SyncError(Exception):
    """Base class: ``str(error)`` is plain words for the sync details view."""


class Offline(SyncError):
    """The server could not be reached (no network, server down, timeout)."""


class RetryLater(SyncError):
    """The server asked us to wait (429/503) for ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class BadResponse(SyncError):
    """The server answered something that is not the protocol (a proxy page, garbage)."""


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
    """Any other refusal, with the server's own words."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
