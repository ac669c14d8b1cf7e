"""A device sends its next batch while the server writes the one before: through a real
server and the fault proxy, the batches overlap, every answer that arrives is recorded,
and a batch lost on the way costs a resend, never a duplicate or a lost event."""

from __future__ import annotations

import threading

import pytest
from fault_proxy import PASS, Decision, Fault, FaultProxy, Plan, Request
from ledger import (
    ServerLedger,
    award_many,
    check_device_on_server,
    local_award_ids,
    outbox,
    server_db_path,
    sync_until_idle,
)
from school_kit import School

from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.sync.engine import PUSH_PIPELINE
from dojo_desktop.sync.errors import Offline
from dojo_protocol import MAX_PUSH_EVENTS

GATE_S = 10.0  # how long a held answer waits for the other batch (only a failure waits)



def board_with_two_batches(school: School, proxy: FaultProxy) -> tuple[Classroom, int]:
    """A paired whiteboard with exactly two full batches of awards waiting, and the seq
    the first batch starts at."""
    room = open_classroom(school.root / "whiteboard")
    school.devices.append(room)  # closed by the fixture
    room.sync.pair(proxy.url, school.code("teacher"), device_name="whiteboard")
    demo = room.create_demo_class()
    assert sync_until_idle(room) == []  # the class and its students
    students = [s.id for s in room.roster.students(demo.id)]
    skills = [s.id for s in room.skills.list()]
    award_many(room, demo.id, students, skills, 2 * MAX_PUSH_EVENTS, sizes=[25])
    waiting = [seq for seq, _id, _kind, state in outbox(room) if state == "pending"]
    assert len(waiting) == 2 * MAX_PUSH_EVENTS
    return room, waiting[0]


def first_batch_meets(fault: Fault, first_seq: int) -> Plan:
    """A plan: ``fault`` for the push whose events start at ``first_seq``, once."""
    used: list[bool] = []

    def plan(request: Request) -> Decision:
        if request.first_seq() == first_seq and not used:
            used.append(True)
            return Decision(fault)
        return PASS
    return plan


def push_all_fails_offline(room: Classroom) -> None:
    engine = room.sync.engine()
    assert engine is not None
    try:
        with pytest.raises(Offline):
            engine.push_all()
    finally:
        engine.transport.close()


def check_server_has_each_award_once(school: School, room: Classroom) -> None:
    ledger = ServerLedger.read(server_db_path(school.server.settings))
    ledger.check_sound()
    check_device_on_server(ledger, room)
    assert sorted(ledger.award_ids()) == sorted(local_award_ids(room))


def test_the_next_batch_is_sent_while_the_server_answers_the_one_before(
        school: School) -> None:
    """The first batch's answer is held in the proxy until the second batch has reached
    the server: a device that waited for each answer would never send it."""
    assert PUSH_PIPELINE >= 2
    with FaultProxy(school.server.port) as proxy:
        board, first = board_with_two_batches(school, proxy)
        second_sent = threading.Event()
        held: list[bool] = []

        def on_sent(request: Request) -> None:
            if request.first_seq() == first + MAX_PUSH_EVENTS:
                second_sent.set()

        def on_answered(request: Request) -> None:
            if request.first_seq() == first and not held:
                held.append(second_sent.wait(GATE_S))

        proxy.on_sent, proxy.on_answered = on_sent, on_answered
        assert sync_until_idle(board) == []
        assert held == [True], "the second batch was not sent before the first's answer"
        assert board.sync.counts().waiting == 0
        check_server_has_each_award_once(school, board)


def test_an_answer_that_arrives_is_kept_when_the_batch_before_it_failed(
        school: School) -> None:
    """The first batch's answer is thrown away (the server stored it) once the second's
    has arrived. The push fails, the second batch stays sent, and only the first is sent
    again: the server answers it ``duplicate``."""
    with FaultProxy(school.server.port) as proxy:
        board, first = board_with_two_batches(school, proxy)
        second_answered = threading.Event()

        def on_answered(request: Request) -> None:
            if request.first_seq() == first + MAX_PUSH_EVENTS:
                second_answered.set()
            elif request.first_seq() == first:
                second_answered.wait(GATE_S)

        proxy.on_answered = on_answered
        proxy.plan = first_batch_meets(Fault.DROP, first)
        push_all_fails_offline(board)

        assert second_answered.is_set()
        pending = [seq for seq, _id, _kind, state in outbox(board) if state == "pending"]
        assert pending == list(range(first, first + MAX_PUSH_EVENTS))
        proxy.on_answered = None
        assert sync_until_idle(board) == []
        check_server_has_each_award_once(school, board)


def test_a_batch_lost_on_the_way_costs_a_resend_not_an_event(school: School) -> None:
    """The first batch never reaches the server; the second, sent meanwhile, finds a gap
    there and is refused whole. Both go again on the next round, and arrive once."""
    with FaultProxy(school.server.port) as proxy:
        board, first = board_with_two_batches(school, proxy)
        second_refused = threading.Event()

        def on_answered(request: Request) -> None:
            if request.first_seq() == first + MAX_PUSH_EVENTS:
                second_refused.set()

        proxy.on_answered = on_answered
        proxy.plan = first_batch_meets(Fault.RESET_BEFORE, first)
        on_server = ServerLedger.read(server_db_path(school.server.settings)).award_ids()
        push_all_fails_offline(board)

        assert second_refused.is_set()  # it reached the server, which refused it
        after = ServerLedger.read(server_db_path(school.server.settings)).award_ids()
        assert after == on_server
        assert board.sync.counts().waiting == 2 * MAX_PUSH_EVENTS
        assert board.sync.counts().rejected == 0
        proxy.on_answered = None
        assert sync_until_idle(board) == []
        check_server_has_each_award_once(school, board)
