"""One device's overlapping pushes are queued for writing in the order of their events."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from server_kit import Device, Harness, new_uuid

from dojo_protocol.models import GAP, PROTOCOL_VERSION, PushRequest, WireEvent
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.errors import DomainError
from dojo_server.sync.push import PushOutcome, push
from dojo_server.sync.push_order import PushOrder, Ticket

DEVICE = "device-a"
OTHER_DEVICE = "device-b"
STILL_WAITING_S = 0.3  # long enough for a thread that is not held back to get through
PROMPTLY_S = 10.0  # a bound for what should happen at once, never reached when it does


class _Waiter:
    """``ticket.wait_turn`` on a thread of its own; ``answer`` holds what it returned."""

    def __init__(self, ticket: Ticket, timeout: float = 30.0) -> None:
        self.answer: list[bool] = []
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ticket, timeout))
        self._thread.start()

    def _run(self, ticket: Ticket, timeout: float) -> None:
        self.answer.append(ticket.wait_turn(timeout))
        self.done.set()

    def join(self) -> None:
        self._thread.join(PROMPTLY_S)


def _held_until(ticket: Ticket, earlier: Ticket, let_go: Callable[[], None]) -> None:
    """``ticket`` waits while ``earlier`` is in the way, and goes once ``let_go`` ran."""
    waiter = _Waiter(ticket)
    try:
        assert not waiter.done.wait(STILL_WAITING_S)
        let_go()
        assert waiter.done.wait(PROMPTLY_S)
        assert waiter.answer == [True]
    finally:
        earlier.release()
        ticket.release()
        waiter.join()


def test_a_later_push_waits_until_the_earlier_one_is_queued() -> None:
    order = PushOrder(unseen_wait_s=0)
    earlier = order.ticket(DEVICE, 1, 5)
    _held_until(order.ticket(DEVICE, 6, 10), earlier, earlier.queued)


def test_the_earliest_push_and_other_devices_pushes_do_not_wait() -> None:
    order = PushOrder(unseen_wait_s=0)
    earliest = order.ticket(DEVICE, 1, 5)
    later = order.ticket(DEVICE, 6, 10)
    other = order.ticket(OTHER_DEVICE, 40, 44)
    assert earliest.wait_turn(0)
    assert other.wait_turn(0)
    assert not later.wait_turn(0)


def test_a_push_that_starts_earlier_holds_back_one_that_arrived_before_it() -> None:
    """The order is that of the events, not of the arrivals (a resend after a gap)."""
    order = PushOrder(unseen_wait_s=0)
    arrived_first = order.ticket(DEVICE, 6, 10)
    starts_earlier = order.ticket(DEVICE, 1, 5)
    assert starts_earlier.wait_turn(0)
    assert not arrived_first.wait_turn(0)
    starts_earlier.queued()
    assert arrived_first.wait_turn(0)


def test_an_earlier_push_that_fails_lets_the_next_one_go() -> None:
    order = PushOrder(unseen_wait_s=0)
    failing = order.ticket(DEVICE, 1, 5)
    later = order.ticket(DEVICE, 6, 10)

    def fail() -> None:
        failing.release()  # answered with an error: never queued
        assert order.in_flight(DEVICE) == 1

    _held_until(later, failing, fail)


def test_waiting_gives_up_after_the_timeout() -> None:
    order = PushOrder(unseen_wait_s=0)
    stuck = order.ticket(DEVICE, 1, 5)
    later = order.ticket(DEVICE, 6, 10)
    assert later.wait_turn(0.2) is False
    assert order.in_flight(DEVICE) == 2  # giving up keeps the place: the push goes on
    stuck.queued()
    assert later.wait_turn(0) is True


def test_release_is_harmless_to_repeat() -> None:
    order = PushOrder(unseen_wait_s=0)
    first = order.ticket(DEVICE, 1, 5)
    resend = order.ticket(DEVICE, 1, 5)  # the same numbers: still a push of its own
    assert order.in_flight(DEVICE) == 2
    first.release()
    first.release()
    assert order.in_flight(DEVICE) == 1
    resend.release()
    resend.release()
    assert order.in_flight(DEVICE) == 0
    assert order.ticket(DEVICE, 9, 9).wait_turn(0)


def test_two_pushes_of_the_same_events_do_not_wait_for_each_other() -> None:
    """A resend of a batch whose first answer was lost: both go at once, and the batch
    after them waits for both."""
    order = PushOrder(unseen_wait_s=0)
    sent, sent_again = order.ticket(DEVICE, 1, 5), order.ticket(DEVICE, 1, 5)
    following = order.ticket(DEVICE, 6, 10)
    assert sent.wait_turn(0)
    assert sent_again.wait_turn(0)
    assert not following.wait_turn(0)
    sent.queued()
    assert not following.wait_turn(0)
    sent_again.queued()
    assert following.wait_turn(0)


def _identity(device: Device) -> DeviceIdentity:
    return DeviceIdentity(device.device_id, device.school_id, "teacher", None)


def _request(device: Device, events: list[dict[str, Any]]) -> PushRequest:
    return PushRequest(protocol_version=PROTOCOL_VERSION, schema_version="0001_initial",
                       batch_id=new_uuid(), device_id=device.device_id,
                       events=[WireEvent.model_validate(event) for event in events])


def test_a_next_batch_that_reaches_the_write_queue_first_is_written_after_the_earlier(
        harness: Harness) -> None:
    device, reader = harness.enroll(), harness.enroll()
    first_events = [device.award() for _ in range(3)]
    second_events = [device.award() for _ in range(3)]
    order = PushOrder()
    first_ticket = order.ticket(device.device_id, 1, 3)  # the bodies arrived in this order
    second_ticket = order.ticket(device.device_id, 4, 6)
    outcomes: list[PushOutcome] = []
    errors: list[BaseException] = []

    def push_second() -> None:
        try:
            outcomes.append(push(harness.db, _identity(device),
                                 _request(device, second_events), None, second_ticket))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=push_second)
    thread.start()
    thread.join(STILL_WAITING_S)
    assert thread.is_alive()  # held back: the earlier batch is not queued yet
    assert reader.pull_all() == []
    first = push(harness.db, _identity(device), _request(device, first_events), None,
                 first_ticket)
    thread.join(PROMPTLY_S)
    assert not thread.is_alive()
    assert errors == []
    [second] = outcomes
    assert [r.status for r in first.results] == ["applied"] * 3
    assert [r.status for r in second.results] == ["applied"] * 3
    assert (first.last_seq, second.last_seq) == (3, 6)
    assert order.in_flight(device.device_id) == 0
    changes = reader.pull_all()
    assert [c["event_id"] for c in changes] == [
        e["event_id"] for e in first_events + second_events]
    assert [c["seq"] for c in changes] == [1, 2, 3, 4, 5, 6]
    server_seqs = [c["server_seq"] for c in changes]
    assert server_seqs == sorted(server_seqs) and len(set(server_seqs)) == 6


def test_without_tickets_a_next_batch_pushed_first_is_answered_as_a_gap(
        harness: Harness) -> None:
    device, reader = harness.enroll(), harness.enroll()
    earlier_events = [device.award() for _ in range(2)]  # still on its way
    later_events = [device.award() for _ in range(2)]
    with pytest.raises(DomainError) as refused:
        push(harness.db, _identity(device), _request(device, later_events), None)
    assert (refused.value.status, refused.value.code) == (409, GAP)
    assert refused.value.last_seq == 0
    assert reader.pull_all() == []
    push(harness.db, _identity(device), _request(device, earlier_events), None)
    resent = push(harness.db, _identity(device), _request(device, later_events), None)
    assert [r.status for r in resent.results] == ["applied"] * 2
    assert [c["seq"] for c in reader.pull_all()] == [1, 2, 3, 4]


def test_a_ticket_released_before_its_turn_goes_on_without_waiting() -> None:
    """The route releases the ticket of a client that left; the push may still run."""
    order = PushOrder()
    ticket = order.ticket(DEVICE, 6, 10, stored_seq=5)
    ticket.release()
    assert ticket.wait_turn(0)
    ticket.queued()
    assert order.in_flight(DEVICE) == 0


def test_a_batch_read_before_the_one_before_it_waits_for_it() -> None:
    """The later batch's body was read first: it waits for the earlier one to arrive and
    be queued."""
    order = PushOrder(unseen_wait_s=PROMPTLY_S)
    later = order.ticket(DEVICE, 6, 10, stored_seq=0)
    waiter = _Waiter(later)
    try:
        assert not waiter.done.wait(STILL_WAITING_S)
        earlier = order.ticket(DEVICE, 1, 5, stored_seq=0)
        assert not waiter.done.wait(STILL_WAITING_S)
        earlier.queued()
        assert waiter.done.wait(PROMPTLY_S)
        assert waiter.answer == [True]
        earlier.release()
    finally:
        later.release()
        waiter.join()


def test_a_batch_that_follows_what_the_server_stored_does_not_wait() -> None:
    order = PushOrder(unseen_wait_s=PROMPTLY_S)
    assert order.ticket(DEVICE, 6, 10, stored_seq=5).wait_turn(0)
    assert order.ticket(DEVICE, 3, 10, stored_seq=5).wait_turn(0)  # starts with a resend


def test_a_batch_whose_predecessor_never_comes_goes_on_after_a_while() -> None:
    """The batch before it was lost on the way: after a short wait it goes on, and the
    server answers the gap."""
    order = PushOrder(unseen_wait_s=0.5)
    waiter = _Waiter(order.ticket(DEVICE, 6, 10, stored_seq=0))
    try:
        assert not waiter.done.wait(0.1)
        assert waiter.done.wait(PROMPTLY_S)
        assert waiter.answer == [True]
    finally:
        waiter.join()
