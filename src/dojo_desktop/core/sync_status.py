"""What the sync indicator shows: a calm summary of where this device stands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dojo_desktop.core.error_texts import Message

CLOCK_SKEW_WARNING_MS = 5 * 60 * 1000


class AwardCheck(StrEnum):
    """What the last comparison of this device's awards with the server's found."""

    NOT_YET = "not_yet"
    MATCHED = "matched"
    REPAIRED = "repaired"  # they differed; downloading the school again made them agree
    DIFFERS = "differs"  # they still differ after downloading again (or it failed)


class SyncState(StrEnum):
    """The one word the indicator leads with."""

    NOT_CONNECTED = "not_connected"
    OFFLINE = "offline"
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    PROBLEM = "problem"  # the server answers, but not as it should: the problem says how
    STOPPED = "stopped"  # revoked, or the app is too old: needs IT


@dataclass(frozen=True)
class SyncStatus:
    """Everything the sync indicator and its details view show."""

    state: SyncState = SyncState.NOT_CONNECTED
    waiting: int = 0
    rejected: int = 0
    last_error: str = ""
    problem: Message | None = None  # last_error from the error catalogue, to translate
    detail: Message | None = None  # what exactly was wrong (status code, the answer)
    clock_skew_ms: int = 0
    last_synced_ms: int | None = None  # when a push and a pull last both worked
    server_url: str = ""
    update_notice: str = ""  # the server asks for a newer app: IT should update this one
    award_check: AwardCheck = AwardCheck.NOT_YET
    award_check_classes: tuple[str, ...] = ()  # the classes found to differ (names)

    @property
    def clock_skew_warning(self) -> bool:
        return abs(self.clock_skew_ms) > CLOCK_SKEW_WARNING_MS
