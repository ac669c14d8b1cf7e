"""Exactly once through a bad network: 5,000 awards pushed through a proxy that throws away
30% of the server's answers (after the server committed), delays others and resets
connections. Every award reaches the server once, and a second device pulling through
the same proxy ends with the same awards and totals."""

from __future__ import annotations

import pytest
from fault_proxy import Decision, Fault, FaultProxy, RandomFaults, Scripted
from ledger import (
    ServerLedger,
    all_time_totals,
    award_many,
    check_device_on_server,
    history,
    local_award_ids,
    server_db_path,
    sync_until_idle,
)
from school_kit import School

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.errors import Offline
from dojo_protocol import MAX_PUSH_EVENTS

SEED = 20240917
AWARDS = 5000
# The first pushes meet each kind of fault once, whatever the dice say afterwards.
EVERY_FAULT = [Decision(Fault.DROP), Decision(Fault.RESET_AFTER), Decision(Fault.TRUNCATE),
               Decision(Fault.RESET_BEFORE), Decision(Fault.DELAY, 0.2), Decision(Fault.DROP)]



def lossy(seed: int, first: str) -> Scripted:
    """30% of answers dropped after the server did the work, plus delays and resets."""
    return Scripted(first, EVERY_FAULT, RandomFaults(
        seed, drop=0.30, delay=0.10, reset=0.06, truncate=0.04, max_delay_s=0.15))


def paired_device(school: School, proxy: FaultProxy, name: str, role: str) -> Classroom:
    room = open_classroom(school.root / name)
    school.devices.append(room)  # closed by the fixture
    room.sync.pair(proxy.url, school.code(role), device_name=name)
    return room


@pytest.mark.slow
def test_5000_awards_arrive_exactly_once_through_a_lossy_network(school: School) -> None:
    proxy = FaultProxy(school.server.port)
    try:
        board = paired_device(school, proxy, "whiteboard", "teacher")
        demo = board.create_demo_class()
        students = [s.id for s in board.roster.students(demo.id)]
        skills = [s.id for s in board.skills.list()]
        made = award_many(board, demo.id, students, skills, AWARDS,
                          sizes=[28, 1, 5, 28, 13, 2, 28, 28, 9])
        waiting = board.sync.counts().waiting
        assert waiting > 10 * MAX_PUSH_EVENTS  # the pushes are full batches of 500

        proxy.plan = lossy(SEED, "sync/push")
        errors = sync_until_idle(board)
        assert errors and all(isinstance(e, Offline) for e in errors), errors[:3]
        pushes = proxy.stats("sync/push")
        assert pushes[Fault.DROP] >= 3, pushes  # committed, answer thrown away: resent
        assert all(pushes[d.fault] for d in EVERY_FAULT), pushes

        ledger = ServerLedger.read(server_db_path(school.server.settings))
        ledger.check_sound()
        check_device_on_server(ledger, board)
        assert sorted(ledger.award_ids()) == sorted(local_award_ids(board))
        assert set(made) <= set(ledger.award_ids())
        assert board.sync.counts().waiting == 0 and board.sync.counts().rejected == 0

        # A second device pulls all of it through the same bad network.
        proxy.plan = None  # enrolling is not what this test is about
        ta = paired_device(school, proxy, "ta-laptop", "ta")
        proxy.plan = lossy(SEED + 1, "sync/pull")
        pull_errors = sync_until_idle(ta)
        assert pull_errors, "the pulls met no faults"
        pulls = proxy.stats("sync/pull")
        assert pulls[Fault.DROP] >= 3 and all(pulls[d.fault] for d in EVERY_FAULT), pulls
        assert history(ta) == history(board)
        assert ta.awards.totals(demo.id) == board.awards.totals(demo.id)
        assert all_time_totals(ta) == all_time_totals(board)
        assert len(local_award_ids(ta)) == len(ledger.award_ids())
    finally:
        proxy.close()


def test_proxy_keeps_keep_alive_connections(school: School) -> None:
    """Without faults the proxy is invisible: many requests ride one connection."""
    proxy = FaultProxy(school.server.port)
    try:
        board = paired_device(school, proxy, "whiteboard", "teacher")
        demo = board.create_demo_class()
        engine = board.sync.engine()
        assert engine is not None
        try:
            for _ in range(5):
                board.awards.give(demo.id, [board.roster.students(demo.id)[0].id],
                                  board.skills.list()[0].id)
                engine.sync_once()
        finally:
            engine.transport.close()
        assert board.sync.counts().waiting == 0
        assert proxy.stats()[Fault.PASS] == len(proxy.log) >= 10
        assert all(e.answered for e in proxy.log)
        assert proxy.connections <= 3, proxy.connections
    finally:
        proxy.close()
