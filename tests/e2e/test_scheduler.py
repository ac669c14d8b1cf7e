"""The scheduler's status through real failures: the server goes away, IT revokes the device,
the data folder was copied to another computer."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable

import pytest
from school_kit import School

from dojo_desktop.core.error_texts import message
from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.services import machine_identity
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.digest_check import DigestCheck
from dojo_desktop.sync.engine import SyncReport, _Batch
from dojo_desktop.sync.scheduler import SyncScheduler
from dojo_desktop.sync.sync_store import AppliedPage, OutboxItem
from dojo_server.domain import schools


def scheduler_for(classroom: Classroom, statuses: list[SyncStatus],
                  pages: list[AppliedPage], check: DigestCheck | None = None) -> SyncScheduler:
    push, pull = classroom.sync.engine(), classroom.sync.engine()
    assert push is not None and pull is not None

    def counts() -> tuple[int, int]:
        current = classroom.sync.counts()
        return current.waiting, current.rejected

    scheduler = SyncScheduler(push, pull, counts, statuses.append, pages.append,
                              interval=1.0, long_poll=0.5, rng=lambda: 0.0, check=check)
    classroom.ctx.add_write_listener(scheduler.request_push)
    return scheduler


async def until(check: Callable[[], bool], timeout: float = 10,
                seen: list[SyncStatus] | None = None) -> None:
    """Wait for ``check``; on a time-out, say which statuses were published (``seen``), so
    a rare failure tells which loop held things up."""
    try:
        async with asyncio.timeout(timeout):
            while not check():
                await asyncio.sleep(0.01)
    except TimeoutError:
        shown = "\n".join(f"  {s.state.name} waiting={s.waiting} {s.last_error!r}"
                          for s in (seen or [])[-10:])
        raise AssertionError(f"not within {timeout} s; the last statuses:\n{shown}") from None


def test_offline_then_revoked(school: School) -> None:
    board = school.device("whiteboard")
    demo = board.create_demo_class()
    statuses: list[SyncStatus] = []
    pages: list[AppliedPage] = []

    async def scenario() -> None:
        scheduler = scheduler_for(board, statuses, pages)
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0)

        school.server.stop()  # the school's Wi-Fi goes down
        student = board.roster.students(demo.id)[0]
        board.awards.give(demo.id, [student.id], board.skills.list()[0].id)
        await until(lambda: statuses[-1].state is SyncState.OFFLINE)
        assert statuses[-1].waiting == 1
        assert "cannot be reached" in statuses[-1].last_error
        await scheduler.stop()

    asyncio.run(scenario())


@pytest.mark.expected_log("sync stopped: This device was disconnected")
def test_a_revoked_device_stops_and_says_why(school: School) -> None:
    board = school.device("whiteboard")
    board.create_demo_class()
    statuses: list[SyncStatus] = []

    async def scenario() -> None:
        scheduler = scheduler_for(board, statuses, [])
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE, seen=statuses)
        schools.revoke_device(school.server.db, board.ctx.device_id)
        scheduler.request_push()
        await until(lambda: statuses[-1].state is SyncState.STOPPED, seen=statuses)
        assert "disconnected" in statuses[-1].last_error
        await scheduler.stop()

    asyncio.run(scenario())


@pytest.mark.expected_log("sync stopped: This device was disconnected")
def test_stopped_stays_stopped_while_the_timer_runs(school: School) -> None:
    """With nothing to send, a timer's push talks to no server: it must not report "up
    to date" over the pull loop's "stopped"."""
    board = school.device("whiteboard")
    board.create_demo_class()
    statuses: list[SyncStatus] = []

    async def scenario() -> None:
        push, pull = board.sync.engine(), board.sync.engine()
        assert push is not None and pull is not None
        scheduler = SyncScheduler(push, pull, lambda: (0, 0), statuses.append, lambda _p: None,
                                  interval=0.02, long_poll=0.2, rng=lambda: 0.0)
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and board.sync.counts().waiting == 0)
        schools.revoke_device(school.server.db, board.ctx.device_id)
        await until(lambda: statuses[-1].state is SyncState.STOPPED)
        stopped_at = len(statuses)
        await asyncio.sleep(0.5)  # 25 timer ticks
        assert [s.state for s in statuses[stopped_at - 1:]] == [SyncState.STOPPED]
        await scheduler.stop()

    asyncio.run(scenario())


@pytest.mark.expected_log("sync stopped: This class data was copied from another computer")
def test_a_folder_copied_to_another_computer_stops_and_says_to_connect_again(
        school: School, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder and the keyring came along; the operating system is another one."""
    board = school.device("whiteboard")
    board.create_demo_class()
    statuses: list[SyncStatus] = []
    monkeypatch.setattr(machine_identity, "platform_machine_id", lambda: "another-computer")

    async def scenario() -> None:
        scheduler = scheduler_for(board, statuses, [])
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.STOPPED, seen=statuses)
        assert statuses[-1].last_error == str(message("sync.other_computer"))
        assert statuses[-1].waiting > 0, "nothing was sent as the other computer"
        await scheduler.stop()

    asyncio.run(scenario())


def test_a_failed_push_lets_go_of_its_batches_while_it_waits(school: School) -> None:
    """Offline with points waiting: through the backoff, nothing of the failed push stays
    in memory (a backlog's batches are megabytes of rows and JSON)."""
    board = school.device("whiteboard")
    demo = board.create_demo_class()
    statuses: list[SyncStatus] = []
    push, pull = board.sync.engine(), board.sync.engine()
    assert push is not None and pull is not None
    attempts: list[int] = []
    push_all = push.push_all

    def counted_push_all() -> SyncReport:
        attempts.append(1)
        return push_all()

    push.push_all = counted_push_all  # type: ignore[method-assign]

    def counts() -> tuple[int, int]:
        current = board.sync.counts()
        return current.waiting, current.rejected

    async def scenario() -> None:
        # A backoff of 0.5 s, then 1 s, 2 s...: the push is waiting when looked at.
        scheduler = SyncScheduler(push, pull, counts, statuses.append, lambda _page: None,
                                  interval=60.0, long_poll=0.5, rng=lambda: 1.0)
        scheduler.start()
        await until(lambda: statuses[-1].state is SyncState.UP_TO_DATE
                    and statuses[-1].waiting == 0, seen=statuses)
        school.server.stop()
        everyone = [student.id for student in board.roster.students(demo.id)]
        for skill in board.skills.list():
            board.awards.give(demo.id, everyone, skill.id)
        tried = len(attempts)
        scheduler.request_push()
        await until(lambda: len(attempts) > tried and statuses[-1].state is SyncState.OFFLINE
                    and statuses[-1].waiting >= len(everyone), seen=statuses)
        await asyncio.sleep(0.1)  # well inside the first backoff (0.5 s)
        gc.collect()
        held = [obj for obj in gc.get_objects() if isinstance(obj, (_Batch, OutboxItem))]
        assert held == [], f"{len(held)} rows or batches of the failed push are still held"
        await scheduler.stop()

    asyncio.run(scenario())
