"""The award check after a sync (sync/digest_check.py): a device compares each class's award
count and digest with the server's; one that lost an award downloads the school again
and agrees; one in step downloads nothing; one a download cannot repair says so and waits
longer each time before downloading again."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from bootstrap_kit import build_history, school_rows, small_page_engine
from ledger import query, server_db_path
from school_kit import School
from test_scheduler import scheduler_for, until

from dojo_desktop.core.sync_status import AwardCheck, SyncStatus
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.digest_check import CHECK_INTERVAL_S, DigestCheck
from dojo_desktop.sync.sync_store import AppliedPage
from dojo_protocol.digest import ClassDigest

DIFFERS = "awards of class .* differ from the server's"
DOWNLOADS = "downloading the school's data again"


class Clock:
    """The check's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def lose_an_award(room: Classroom, class_id: str) -> str:
    """Delete one award row straight from the device's database file."""
    (award_id,) = query(room.ctx.db_path, "SELECT id FROM awards WHERE class_id = ? "
                                          "ORDER BY id LIMIT 1", (class_id,))[0]
    execute(room.ctx.db_path, "DELETE FROM awards WHERE id = ?", award_id)
    return str(award_id)


def execute(path: Path, sql: str, *params: str) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def check_for(room: Classroom, clock: Clock | None = None) -> DigestCheck:
    return DigestCheck(small_page_engine(room), room.sync.store,
                       clock=clock or Clock())


@pytest.mark.expected_log(DIFFERS, DOWNLOADS)
def test_a_device_that_lost_an_award_finds_it_and_downloads_the_school_again(
        school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board)
    laptop = school.device("laptop")
    sync(laptop)
    laptop.awards.give(class_id, [laptop.roster.students(class_id)[0].id],
                       laptop.skills.list()[0].id)  # its own award, sent before the check
    sync(laptop)
    before = school_rows(laptop)
    lost = lose_an_award(laptop, class_id)
    assert laptop.sync.store.class_digest(class_id) != board.sync.store.class_digest(class_id)

    statuses: list[SyncStatus] = []
    pages: list[AppliedPage] = []

    async def scenario() -> None:
        scheduler = scheduler_for(laptop, statuses, pages,
                                  check=DigestCheck(small_page_engine(laptop),
                                                    laptop.sync.store))
        scheduler.start()
        await until(lambda: bool(statuses) and statuses[-1].award_check is not
                    AwardCheck.NOT_YET, seen=statuses)
        await scheduler.stop()

    asyncio.run(scenario())
    assert statuses[-1].award_check is AwardCheck.REPAIRED
    assert statuses[-1].award_check_classes == (board.roster.classes()[0].name,)
    assert (lost,) in query(laptop.ctx.db_path, "SELECT id FROM awards")
    after = school_rows(laptop)
    # The clock's floor (sync_state.hlc) now counts the laptop's own events too.
    assert after.pop("sync_state")[0][:2] == before.pop("sync_state")[0][:2]
    assert after == before
    sync(board)  # for the laptop's own award
    assert laptop.sync.store.class_digest(class_id) == board.sync.store.class_digest(class_id)
    assert pages and class_id in pages[-1].classes, "the screens repaint what was downloaded"


def test_a_device_in_step_agrees_and_downloads_nothing(
        school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board, taps=30)
    laptop = school.device("laptop")
    sync(laptop)
    clock = Clock()
    check = check_for(laptop, clock)
    first = check.run_if_due()
    assert first is not None and first.result is AwardCheck.MATCHED
    assert first.downloaded is None and first.differences == ()
    assert check.run_if_due() is None, "not again before the interval"

    # A tap waiting to be sent: no check, whatever the time.
    student = laptop.roster.students(class_id)[0].id
    laptop.awards.give(class_id, [student], laptop.skills.list()[0].id)
    clock.now += CHECK_INTERVAL_S
    assert check.run_if_due() is None
    sync(laptop)
    again = check.run_if_due()
    assert again is not None and again.result is AwardCheck.MATCHED
    assert again.downloaded is None


@pytest.mark.expected_log(DIFFERS, DOWNLOADS)
def test_a_class_board_compares_its_class_alone(
        school: School, sync: Callable[[Classroom], None]) -> None:
    office = school.device("office", "leader")
    oak = office.create_demo_class()
    willow, _ = office.roster.create_class("Willow")
    kid = office.roster.add_student(willow.id, "Ada")[0].id
    office.awards.give(willow.id, [kid], office.skills.list()[0].id)
    sync(office)
    board = school.device("oak-board", class_id=oak.id)
    sync(board)

    in_step = check_for(board).run_if_due()
    assert in_step is not None and in_step.result is AwardCheck.MATCHED
    lose_an_award(board, oak.id)
    outcome = check_for(board).run_if_due()
    assert outcome is not None and outcome.result is AwardCheck.REPAIRED
    assert [d.class_id for d in outcome.differences] == [oak.id]
    here, server = outcome.differences[0].here, outcome.differences[0].server
    assert here.count == server.count - 1
    assert board.sync.store.class_digest(oak.id) == office.sync.store.class_digest(oak.id)
    assert board.sync.store.class_digest(willow.id) == ClassDigest()


@pytest.mark.expected_log(DIFFERS, DOWNLOADS, "still differ after downloading again",
                          "not downloading the school again before")
def test_a_difference_a_download_cannot_repair_is_reported_and_not_downloaded_in_a_loop(
        school: School, sync: Callable[[Classroom], None]) -> None:
    board = school.device("whiteboard")
    class_id = build_history(board, taps=20)
    laptop = school.device("laptop")
    sync(laptop)
    own = laptop.awards.give(class_id, [laptop.roster.students(class_id)[0].id],
                             laptop.skills.list()[0].id).award_ids[0]
    sync(laptop)
    # The server loses the laptop's award without a restore (no new epoch): the laptop
    # keeps it, as sent, and no download can make the two agree.
    execute(server_db_path(school.server.settings), "DELETE FROM events WHERE kind = "
            "'award_given' AND json_extract(payload, '$.award_id') = ?", own)

    clock = Clock()
    check = check_for(laptop, clock)
    first = check.run_if_due()
    assert first is not None and first.result is AwardCheck.DIFFERS
    assert first.downloaded is not None, "downloaded once"
    assert first.differences[0].here.count == first.differences[0].server.count + 1
    assert check.run_if_due() is None

    clock.now += CHECK_INTERVAL_S
    second = check.run_if_due()
    assert second is not None and second.result is AwardCheck.DIFFERS
    assert second.downloaded is not None, "downloaded again after half an hour"
    clock.now += CHECK_INTERVAL_S
    third = check.run_if_due()
    assert third is not None and third.result is AwardCheck.DIFFERS
    assert third.downloaded is None, "the next download waits an hour"
    clock.now += CHECK_INTERVAL_S
    fourth = check.run_if_due()
    assert fourth is not None and fourth.downloaded is not None
    assert (own,) in query(laptop.ctx.db_path, "SELECT id FROM awards")
