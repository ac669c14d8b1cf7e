"""Many devices at once: no error reaches a client, and pulls never skip an event."""

from __future__ import annotations

import threading
import time
from typing import Any

from server_kit import Device, Harness, new_uuid

from dojo_protocol.models import SEQ_REUSED, WireEvent
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.errors import DomainError
from dojo_server.sync.push import BatchOutcome, PushJob, apply_batches
from dojo_server.sync.push_checks import check_events

THREADS = 10
BATCHES = 8
PER_BATCH = 5


def _watch_pulls(reader: Device, stop: threading.Event, seen: list[int],
                 problems: list[str]) -> None:
    """Pull continuously; every page must carry on exactly where the last one ended."""
    cursor = ""
    while not stop.is_set() or not seen or seen[-1] < THREADS * BATCHES * PER_BATCH:
        answer = reader.pull(cursor, limit=7, wait=0.2)
        if answer.status_code != 200:
            problems.append(f"pull: {answer.status_code} {answer.text}")
            return
        body = answer.json()
        for change in body["changes"]:
            expected = (seen[-1] if seen else 0) + 1
            if change["server_seq"] != expected:
                problems.append(f"pull skipped: got {change['server_seq']}, wanted {expected}")
            seen.append(change["server_seq"])
        cursor = body["next_cursor"]
        if stop.is_set() and not body["changes"] and not body["has_more"]:
            return


def test_ten_devices_push_at_once(harness: Harness) -> None:
    devices = [harness.enroll("ta" if i % 2 else "teacher") for i in range(THREADS)]
    reader = harness.enroll()
    problems: list[str] = []
    seen: list[int] = []
    stop = threading.Event()
    start = threading.Barrier(THREADS)

    def work(device: Device) -> None:
        start.wait()
        for _ in range(BATCHES):
            answer = device.push([device.award() for _ in range(PER_BATCH)])
            if answer.status_code != 200:
                problems.append(f"push: {answer.status_code} {answer.text}")
                return
            if {r["status"] for r in answer.json()["results"]} != {"applied"}:
                problems.append(f"push: {answer.text}")

    watcher = threading.Thread(target=_watch_pulls, args=(reader, stop, seen, problems))
    watcher.start()
    workers = [threading.Thread(target=work, args=(d,)) for d in devices]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    stop.set()
    watcher.join(60)
    assert problems == []
    total = THREADS * BATCHES * PER_BATCH
    assert seen == list(range(1, total + 1))
    changes = reader.pull_all()
    assert [c["server_seq"] for c in changes] == list(range(1, total + 1))
    for device in devices:
        mine = [c["seq"] for c in changes if c["device_id"] == device.device_id]
        assert mine == list(range(1, BATCHES * PER_BATCH + 1))


def test_one_device_sending_the_same_batch_twice_at_once(harness: Harness) -> None:
    device = harness.enroll()
    events = [device.award() for _ in range(50)]
    answers: list[Any] = []
    gate = threading.Barrier(4)

    def send() -> None:
        gate.wait()
        answers.append(device.push(events, batch_id="same"))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in answers] == [200] * 4
    applied = [r for a in answers for r in a.json()["results"] if r["status"] == "applied"]
    assert len(applied) == 50
    assert len(device.pull_all()) == 50


def test_a_later_writer_waits_so_a_pull_never_sees_b_without_a(harness: Harness) -> None:
    """A takes server_seq 1 and holds its transaction open; B must queue behind it.

    With a plain sequence B could take 2 and commit first, and a pull in between would
    move its cursor past 1 for ever. The counter row lock (PostgreSQL) or BEGIN
    IMMEDIATE (SQLite) makes B wait until A commits.
    """
    a, b, reader = harness.enroll(), harness.enroll(), harness.enroll()
    holding, release = threading.Event(), threading.Event()
    b_done: list[float] = []

    def identity(device: Device) -> DeviceIdentity:
        return DeviceIdentity(device.device_id, device.school_id, "teacher", None)

    def one_award(device: Device) -> list[PushJob]:
        return [PushJob(identity(device), check_events(
            [WireEvent.model_validate(device.award())], identity(device), 1), 1)]

    def transaction_a() -> None:
        with harness.db.write() as session:
            apply_batches(session, one_award(a))
            holding.set()
            release.wait(20)

    def transaction_b() -> None:
        with harness.db.write() as session:
            apply_batches(session, one_award(b))
        b_done.append(time.monotonic())

    thread_a = threading.Thread(target=transaction_a)
    thread_a.start()
    assert holding.wait(10)
    thread_b = threading.Thread(target=transaction_b)
    thread_b.start()
    time.sleep(0.5)
    assert b_done == []  # B is queued behind A
    assert reader.pull().json()["changes"] == []  # neither is visible yet
    release.set()
    thread_a.join(10)
    thread_b.join(10)
    changes = reader.pull().json()["changes"]
    assert [(c["device_id"], c["server_seq"]) for c in changes] == [
        (a.device_id, 1), (b.device_id, 2)]


def test_pushes_written_together_are_answered_as_if_one_after_the_other(
        harness: Harness) -> None:
    """One group: a device's two pushes, another device reusing an event id of the first,
    and a push with a gap, which fails alone and writes nothing."""
    a, b, c, reader = harness.enroll(), harness.enroll(), harness.enroll(), harness.enroll()

    def job(device: Device, events: list[dict[str, Any]]) -> PushJob:
        identity = DeviceIdentity(device.device_id, device.school_id, "teacher", None)
        return PushJob(identity, check_events(
            [WireEvent.model_validate(e) for e in events], identity, 1), 1)

    first, second = a.award(), a.award()
    reused = {**b.award(), "event_id": first["event_id"]}
    own = b.award()
    c.award()  # seq 1 never sent: the next is a gap
    gap = c.award()
    with harness.db.write() as session:
        answers = apply_batches(session, [job(a, [first]), job(b, [reused, own]),
                                          job(c, [gap]), job(a, [first, second])])
    one, two, three, four = answers
    assert isinstance(one, BatchOutcome) and isinstance(two, BatchOutcome)
    assert isinstance(four, BatchOutcome)
    assert [r.status for r in one.results] == ["applied"]
    assert [(r.status, r.reason) for r in two.results] == [
        ("rejected", "event_id was already used by another event"), ("applied", "")]
    assert isinstance(three, DomainError) and three.status == 409
    assert [r.status for r in four.results] == ["duplicate", "applied"]
    assert (one.last_seq, two.last_seq, four.last_seq) == (1, 2, 2)
    changes = reader.pull().json()["changes"]
    assert [(ch["event_id"], ch["server_seq"]) for ch in changes] == [
        (first["event_id"], 1), (own["event_id"], 2), (second["event_id"], 3)]
    assert c.push([gap]).json()["last_seq"] == 0  # the gap wrote nothing


def test_a_devices_resend_in_the_same_group_gets_the_first_answers(harness: Harness) -> None:
    """Three pushes of one device written together: the second resends an applied and a
    rejected event, the third reuses a seq for another event; each is answered as it
    would be once the pushes before it were stored."""
    a, reader = harness.enroll(), harness.enroll()
    identity = DeviceIdentity(a.device_id, a.school_id, "teacher", None)

    def job(events: list[dict[str, Any]]) -> PushJob:
        return PushJob(identity, check_events(
            [WireEvent.model_validate(e) for e in events], identity, 1), 1)

    applied, refused = a.award(), a.award(points=9)
    reused_seq = {**refused, "event_id": new_uuid()}
    fresh = a.award()
    with harness.db.write() as session:
        one, two, three, four = apply_batches(session, [
            job([applied, refused]), job([applied, refused]), job([reused_seq, fresh]),
            job([fresh])])
    assert isinstance(one, BatchOutcome) and isinstance(two, BatchOutcome)
    assert [r.status for r in one.results] == ["applied", "rejected"]
    reason = one.results[1].reason
    assert reason
    assert [(r.status, r.reason) for r in two.results] == [
        ("duplicate", ""), ("rejected", reason)]
    assert isinstance(three, DomainError)  # the whole push: nothing of it is stored
    assert (three.status, three.code, three.last_seq, three.seq) == (409, SEQ_REUSED, 2, 2)
    assert isinstance(four, BatchOutcome)
    assert [r.status for r in four.results] == ["applied"]
    assert four.last_seq == 3
    changes = reader.pull().json()["changes"]
    assert [ch["event_id"] for ch in changes] == [applied["event_id"], fresh["event_id"]]
