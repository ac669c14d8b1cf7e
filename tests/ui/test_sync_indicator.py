"""The sync indicator: calm words for every state, and details that hide nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.core.error_texts import message
from dojo_desktop.core.sync_status import AwardCheck, SyncState, SyncStatus
from dojo_desktop.ui.sync_indicator import SyncDetailsDialog, SyncIndicator


def test_each_state_reads_in_plain_words(qtbot: QtBot) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    expected = {
        SyncStatus(SyncState.NOT_CONNECTED): "Not connected to a school server",
        SyncStatus(SyncState.OFFLINE, waiting=3): "Offline · 3 waiting",
        SyncStatus(SyncState.SYNCING, waiting=1): "Syncing… · 1 waiting",
        SyncStatus(SyncState.UP_TO_DATE): "Up to date",
        SyncStatus(SyncState.UP_TO_DATE, rejected=2): "Up to date · 2 not accepted",
        SyncStatus(SyncState.STOPPED, last_error="revoked"): "Sync stopped",
    }
    for status, words in expected.items():
        indicator.set_status(status)
        assert indicator.text().strip() == words
        assert indicator.accessibleName() == f"Sync: {words}"


def test_clock_skew_over_five_minutes_is_mentioned(qtbot: QtBot) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.set_status(SyncStatus(SyncState.UP_TO_DATE, clock_skew_ms=4 * 60_000))
    assert "clock" not in indicator.text()
    indicator.set_status(SyncStatus(SyncState.UP_TO_DATE, clock_skew_ms=-6 * 60_000))
    assert "check the clock" in indicator.text()


def test_details_list_refused_events_and_the_last_error(qtbot: QtBot) -> None:
    status = SyncStatus(SyncState.OFFLINE, waiting=4, rejected=1,
                        last_error="The school server cannot be reached.",
                        clock_skew_ms=24 * 3600_000, server_url="https://dojo.school.example")
    dialog = SyncDetailsDialog(status, [("student added", "a TA may not change the roster")])
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "https://dojo.school.example" in text
    assert "cannot be reached" in text
    assert "1440 minutes off" in text
    listing = dialog.findChild(QListWidget)
    assert listing is not None
    assert listing.item(0).text() == "student added: a TA may not change the roster"


def test_a_problem_leads_with_its_words_and_the_details_say_what_was_wrong(
        qtbot: QtBot) -> None:
    status = SyncStatus(SyncState.PROBLEM, waiting=1,
                        last_error="The school server is not accepting changes: it answered 502.",
                        problem=message("sync.push_failed", status=502),
                        detail=message("sync.detail.status", status=502),
                        last_synced_ms=1_700_000_000_000)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.set_status(status)
    words = "The school server is not accepting changes: it answered 502. 1 waiting."
    assert indicator.text().strip() == words
    assert indicator.toolTip() == "The school server is not accepting changes: it answered 502."
    dialog = SyncDetailsDialog(status, [])
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "What was wrong: The server answered with status 502." in text
    assert "Last synced at" in text

def test_the_award_check_is_told_in_the_details(qtbot: QtBot) -> None:
    repaired = SyncStatus(SyncState.UP_TO_DATE, award_check=AwardCheck.REPAIRED,
                          award_check_classes=("4B", "5C"))
    dialog = SyncDetailsDialog(repaired, [])
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "The points of 4B, 5C on this computer differed" in text and "now agree" in text

    differs = SyncStatus(SyncState.UP_TO_DATE, award_check=AwardCheck.DIFFERS,
                         award_check_classes=("4B",))
    dialog = SyncDetailsDialog(differs, [])
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "even after downloading them again" in text and "tell IT" in text
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.set_status(differs)
    assert indicator.text().strip() == "Up to date · points differ from the server's"
    indicator.set_status(SyncStatus(SyncState.UP_TO_DATE, award_check=AwardCheck.MATCHED))
    assert indicator.text().strip() == "Up to date"
