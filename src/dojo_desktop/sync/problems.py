"""What a failed push or pull means for the sync indicator: its state and the sentence it
shows, from the error catalogue (never a library's words or a server's body)."""

from __future__ import annotations

from dataclasses import dataclass

from dojo_desktop.core.error_texts import Message, message
from dojo_desktop.core.sync_status import SyncState
from dojo_desktop.sync.errors import BadResponse, Offline, RetryLater, SyncError


@dataclass(frozen=True)
class Problem:
    """A failure not yet followed by a success of the same loop (push or pull)."""

    state: SyncState
    text: str  # the English sentence (logs, and the window when it has no ``words``)
    words: Message | None
    detail: Message | None


def problem_of(error: SyncError, pushing: bool) -> Problem:
    """The indicator's words for ``error`` met while pushing (else pulling)."""
    if isinstance(error, Offline):
        return Problem(SyncState.OFFLINE, str(error), error.message, error.detail)
    words = error.message
    if isinstance(error, RetryLater) and error.status is not None and error.status >= 500 \
            and error.status != 503:
        words = message("sync.push_failed" if pushing else "sync.pull_failed",
                        status=error.status)
    elif isinstance(error, BadResponse):
        words = message("sync.push_not_understood" if pushing else "sync.pull_not_understood")
    elif words is None:  # a proper protocol error: the server's own words
        words = message("sync.refused", reason=str(error))
    return Problem(SyncState.PROBLEM, str(words), words, error.detail)
