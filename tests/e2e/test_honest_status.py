"""The scheduler against a server that answers pushes wrongly, shown on the real sync
indicator: it backs off instead of resending, says what is wrong in plain words (never
"up to date" while pushes fail), keeps the details a click away, and is up to date again
once a push and a pull work. A clock far off the server's is told too."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
from canned_answers import Answer, html, json_answer
from proxied_board import ProxiedBoard
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from school_kit import School
from test_scheduler import until

from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.scheduler import SyncScheduler
from dojo_desktop.ui.sync_indicator import SyncDetailsDialog, SyncIndicator

FAILING_FOR_S = 5.0
TRACEBACK = 'Traceback (most recent call last):\n  File "/srv/dojo/app.py", line 12'



def shown_on(indicator: SyncIndicator, room: Classroom, statuses: list[SyncStatus],
             rng: Callable[[], float]) -> SyncScheduler:
    """A scheduler for ``room`` whose statuses go to the list and the indicator."""
    push, pull = room.sync.engine(), room.sync.engine()
    assert push is not None and pull is not None

    def counts() -> tuple[int, int]:
        current = room.sync.counts()
        return current.waiting, current.rejected

    def show(status: SyncStatus) -> None:
        statuses.append(status)
        indicator.set_status(status)

    scheduler = SyncScheduler(push, pull, counts, show, lambda _page: None,
                              server_url=room.sync.server_url() or "", interval=30.0,
                              long_poll=0.5, rng=rng)
    room.ctx.add_write_listener(scheduler.request_push)
    return scheduler


def details_text(status: SyncStatus, qtbot: QtBot) -> str:
    dialog = SyncDetailsDialog(status, [])
    qtbot.addWidget(dialog)
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def empty_results() -> Answer:
    return json_answer(200, {"results": [], "last_seq": 0, "server_time_ms": 1,
                             "clock_skew_ms": 0})


def test_empty_push_answers_are_backed_off_and_shown_as_a_problem(
        proxied: ProxiedBoard, qtbot: QtBot) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    statuses: list[SyncStatus] = []
    # Bounded, so that a device that resent at once would stop too, the count telling.
    proxied.switchboard.answer("sync/push", empty_results(), times=200)
    pushes = proxied.switchboard.count("sync/push")

    async def scenario() -> None:
        # The longest backoff each time (0.5, 1, 2, 4 s ...): at most 4 pushes in 5 s.
        scheduler = shown_on(indicator, proxied.room, statuses, rng=lambda: 1.0)
        scheduler.start()
        await asyncio.sleep(FAILING_FOR_S)
        assert proxied.switchboard.count("sync/push") - pushes <= 5
        assert statuses[-1].state is SyncState.PROBLEM
        assert indicator.text().strip() == (
            "The school server is not accepting changes: its answer could not be "
            "understood. A proxy may be in the way. 1 waiting.")
        assert "The answer gave 0 results for 1 changes sent." in details_text(
            statuses[-1], qtbot)

        proxied.switchboard.pass_all()
        scheduler.network_changed()  # as when the network comes back: no backoff left
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0, seen=statuses)
        assert indicator.text().strip() == "Up to date"
        await scheduler.stop()

    asyncio.run(scenario())
    assert proxied.pending() == []


@pytest.mark.parametrize(("answer", "status"), [
    (html(502, "<html><h1>502 Bad Gateway</h1>nginx</html>"), 502),
    (json_answer(500, {"error": "internal", "message": TRACEBACK}), 500),
], ids=["html-502", "json-500-traceback"])
def test_a_failing_server_is_never_up_to_date(proxied: ProxiedBoard, qtbot: QtBot,
                                              answer: Answer, status: int) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    statuses: list[SyncStatus] = []

    async def scenario() -> None:
        scheduler = shown_on(indicator, proxied.room, statuses, rng=lambda: 0.1)
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0, seen=statuses)
        worked_at = statuses[-1].last_synced_ms
        proxied.switchboard.answer("sync/push", answer)
        proxied.award()
        await until(lambda: statuses[-1].state is SyncState.PROBLEM, seen=statuses)
        failed_at = len(statuses)
        await asyncio.sleep(1.5)  # pulls keep working meanwhile, every half second
        assert [s for s in statuses[failed_at:] if s.state is not SyncState.PROBLEM] == []

        words = (f"The school server is not accepting changes: it answered {status}. "
                 "1 waiting.")
        assert indicator.text().strip() == words
        assert indicator.accessibleName() == f"Sync: {words}"
        details = details_text(statuses[-1], qtbot)
        assert f"What was wrong: The server answered with status {status}." in details
        assert worked_at is not None and statuses[-1].last_synced_ms == worked_at
        assert "Last synced at" in details
        for shown in (indicator.text(), indicator.toolTip(), details):
            assert "Traceback" not in shown and "nginx" not in shown

        proxied.switchboard.pass_all()
        scheduler.network_changed()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0, seen=statuses)
        await scheduler.stop()

    asyncio.run(scenario())


def test_a_clock_ten_minutes_off_is_told_in_the_status(school: School, qtbot: QtBot) -> None:
    offset_ms = 10 * 60_000
    room = school.device("ahead", now_ms=lambda: time.time_ns() // 1_000_000 + offset_ms)
    room.create_demo_class()  # events to push: the push's answer says how far off it is
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    statuses: list[SyncStatus] = []

    async def scenario() -> None:
        scheduler = shown_on(indicator, room, statuses, rng=lambda: 0.1)
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0 and statuses[-1].clock_skew_warning,
                    seen=statuses)
        await scheduler.stop()

    asyncio.run(scenario())
    assert indicator.text().strip() == "Up to date · check the clock"
    assert ("This computer's clock is 10 minutes off the server's"
            in details_text(statuses[-1], qtbot))
