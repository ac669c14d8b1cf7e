"""Push: a device's batch of events, answered per event, stored in one transaction.

Per device the server keeps ``last_seq``. An event at or below it was seen before: it is
answered ``duplicate`` (or ``rejected`` again, with the first reason). The next one is
checked and either applied, taking the school's next ``server_seq``, or rejected; both
advance ``last_seq``, so one bad event never blocks a device. A seq further ahead is a
gap: the whole push is rolled back and answered 409 with ``last_seq`` so the client
resends from ``last_seq + 1``. So is a seq at or below ``last_seq`` that the server
stored for another event (``seq_reused``: the device's data folder was put back from an
older copy), naming that event's ``seq`` so the client renumbers it and those after it.
Events must come oldest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, bindparam, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.models import BUSY, GAP, SEQ_REUSED, PushRequest, PushResponse, WireEvent
from dojo_server.db.audiences import Audiences
from dojo_server.db.bulk import existing_values, insert_rows, table_of
from dojo_server.db.models import DeviceRow, EventRow, RejectedEvent, SchoolCounter
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError
from dojo_server.domain.permissions import SCHOOL_WIDE_SKILL_WRITERS, skill_change_problem
from dojo_server.domain.projections import catch_up
from dojo_server.domain.projections.base import LoggedEvent
from dojo_server.sync.authorship import school_staff
from dojo_server.sync.push_checks import OTHER_CLASS, CheckedEvent, check_events, check_protocol
from dojo_server.sync.push_order import Ticket
from dojo_server.sync.restore_check import check_seen, seen
from dojo_server.sync.skill_scopes import SkillKey, stored_skill_classes

WRONG_DEVICE = "wrong_device"
# How long a push waits for its device's earlier pushes to be queued before going on
# (then a real gap is answered 409). They are queued within milliseconds unless the
# write queue itself is stuck.
ORDER_TIMEOUT_S = 10.0
_EVENTS = table_of(EventRow)
_REJECTED = table_of(RejectedEvent)
# The statements of every push, made once (made per call, they cost more than they run).
_DEVICE_SEEN = (update(DeviceRow).where(DeviceRow.id == bindparam("b_id"))
                .values(last_seq=bindparam("b_last_seq"), last_seen_ms=bindparam("b_seen")))
_LOCK_DEVICES = (select(DeviceRow.id, DeviceRow.school_id, DeviceRow.last_seq)
                 .where(DeviceRow.id.in_(bindparam("b_ids", expanding=True)))
                 .order_by(DeviceRow.id).with_for_update())
_TAKE_SEQS = (update(SchoolCounter).where(SchoolCounter.school_id == bindparam("b_school"))
              .values(next_seq=SchoolCounter.next_seq + bindparam("b_count"))
              .returning(SchoolCounter.next_seq))


class Answer(NamedTuple):
    """What became of one pushed event: an ``EventResult`` of the answer. (A tuple: 500 of
    them are made for every push, and written out without a model in between.)"""

    event_id: str
    seq: int
    status: str  # applied, duplicate or rejected
    reason: str = ""


@dataclass(frozen=True)
class PushOutcome:
    """The answer for the device, and how far the school's sequence got (for waking pulls)."""

    results: list[Answer]
    last_seq: int
    server_time_ms: int
    clock_skew_ms: int
    applied: int
    newest_seq: int = 0  # the highest server_seq this push took; 0 if none
    # The highest server_seq this push took per class (None: school-wide events).
    newest_by_class: dict[str | None, int] = field(default_factory=dict)

    def json(self) -> bytes:
        """The answer as a ``PushResponse`` in JSON."""
        return orjson.dumps({
            "results": [{"event_id": event_id, "seq": seq, "status": status,
                         "reason": reason} for event_id, seq, status, reason in self.results],
            "last_seq": self.last_seq, "server_time_ms": self.server_time_ms,
            "clock_skew_ms": self.clock_skew_ms})

    def response(self) -> PushResponse:
        """The answer as a model."""
        return PushResponse.model_validate_json(self.json())


@dataclass
class BatchOutcome:
    """What :func:`apply_batches` did for one push inside the caller's transaction."""

    results: list[Answer]
    last_seq: int
    newest_seq: int = 0
    inserted: list[dict[str, Any]] = field(default_factory=list)  # the events rows
    logged: list[LoggedEvent] = field(default_factory=list)  # the same, payloads decoded

    def newest_by_class(self) -> dict[str | None, int]:
        """The highest server_seq taken per class (None: the whole school's events)."""
        newest: dict[str | None, int] = {}
        for row in self.inserted:  # in server_seq order: the last one per class wins
            newest[row["class_id"]] = row["server_seq"]
        return newest


def push(db: Database, identity: DeviceIdentity, request: PushRequest,
         client_time_ms: int | None, ticket: Ticket | None = None,
         checked_devices: set[str] | None = None) -> PushOutcome:
    """Store ``request`` for the calling device in one transaction.

    With ``ticket`` (see ``push_order``), the device's earlier pushes in this process are
    queued for writing first; the ticket is released when this returns. What the device
    has seen of the server (its cursor, ``acked_seq``) is checked first, unless it is in
    ``checked_devices`` (checked by this process already): a device proving the server
    was restored from a backup is answered 410, and nothing of its push is taken.
    """
    try:
        check_protocol(request.protocol_version)
        if request.device_id != identity.device_id:
            raise DomainError(403, WRONG_DEVICE, "This batch names a different device than "
                              "the one signed in.")
        if (request.cursor and identity.device_id not in (checked_devices or ())
                and check_seen(db, identity, seen(request.cursor, request.acked_seq))
                and checked_devices is not None):
            checked_devices.add(identity.device_id)
        received_ms = now_ms()
        # Checked, and the rows made, before taking the write turn: other pushes wait there.
        checked = check_events(request.events, identity, received_ms,
                               school_staff(db, identity, request.events))
        if ticket is not None:
            ticket.wait_turn(ORDER_TIMEOUT_S)
        try:
            # Written together with the other pushes waiting for the write turn.
            outcome = db.groups.run(apply_batches, PushJob(identity, checked, received_ms),
                                    queued=ticket.queued if ticket else None)
        except IntegrityError as exc:  # another device pushed the same event id just now
            raise DomainError(503, BUSY, "The school server is busy. Trying again "
                              "shortly.") from exc
    finally:
        if ticket is not None:
            ticket.release()
    server_time = now_ms()
    skew = 0 if client_time_ms is None else client_time_ms - server_time
    return PushOutcome(outcome.results, outcome.last_seq, server_time, skew,
                       len(outcome.inserted), outcome.newest_seq, outcome.newest_by_class())


class PushJob(NamedTuple):
    """One push waiting to be written: who sent it, its checked events, when it came."""

    identity: DeviceIdentity
    checked: Sequence[CheckedEvent]
    received_ms: int


def apply_batches(session: Session, jobs: list[PushJob]) -> list[BatchOutcome | DomainError]:
    """Answer and store the pushes of ``jobs`` inside the caller's write transaction, with a
    handful of statements for all of them; a push with a gap is answered its 409 error
    and writes nothing.

    Locks the pushing devices' rows (in id order), then the counter row of each school
    given events (in id order), and holds them until the caller commits. That is what
    keeps ``server_seq`` in commit order: a push to the school in another transaction
    waits here, so a pull can never see seq n+1 committed while n is still in flight.
    A device with several pushes among ``jobs`` has them answered one after the other,
    in the order of ``jobs``, as if each had been written alone.
    """
    conn = session.connection()  # Core statements: the ORM's per-statement work is not needed
    devices = {row.id: row for row in conn.execute(_LOCK_DEVICES, {
        "b_ids": sorted({job.identity.device_id for job in jobs})})}
    taken_ids = existing_values(conn, _EVENTS, "event_id", [
        c.event.event_id for job in jobs for c in job.checked])
    # What the events refer to (and the students they add); awards refer to nothing.
    audiences = Audiences.load(session, (
        (devices[job.identity.device_id].school_id, c.event.kind, c.event.payload)
        for job in jobs for c in job.checked
        if c.row is not None and (c.refers or c.event.kind == "student_added")))
    # Whose the skills are that devices which may change only a class's skills save.
    skills = stored_skill_classes(conn, (
        (devices[job.identity.device_id].school_id, c.event.payload["skill_id"])
        for job in jobs if job.identity.role not in SCHOOL_WIDE_SKILL_WRITERS
        for c in job.checked if c.row is not None and c.event.kind == "skill_saved"))
    last_seqs = {device_id: row.last_seq for device_id, row in devices.items()}
    given: dict[str, dict[int, _Earlier]] = {}  # answers given in this write, per device
    answers: list[BatchOutcome | DomainError] = []
    done: list[_Answered] = []
    for job in jobs:
        device_id = job.identity.device_id
        school_id = devices[device_id].school_id
        earlier = given.setdefault(device_id, {})
        try:
            outcome, payloads, rejected = _answer(conn, job, school_id, last_seqs[device_id],
                                                  taken_ids, audiences, earlier, skills)
        except DomainError as gap:
            answers.append(gap)
            continue
        for answer in outcome.results:
            if answer.seq > last_seqs[device_id]:  # answered for the first time
                earlier[answer.seq] = _Earlier(
                    answer.event_id, answer.reason if answer.status == "rejected" else None)
        last_seqs[device_id] = outcome.last_seq
        taken_ids.update(row["event_id"] for row in outcome.inserted)
        answers.append(outcome)
        done.append(_Answered(job, school_id, outcome, payloads, rejected))
    _write(session, conn, done)
    return answers


def _answer(conn: Connection, job: PushJob, school_id: str, last_seq: int,
            taken_ids: set[str], audiences: Audiences, given: dict[int, _Earlier],
            skills: dict[SkillKey, str | None],
            ) -> tuple[BatchOutcome, list[dict[str, Any]], list[dict[str, Any]]]:
    """One push's answers and rows, not written yet: (outcome, the inserted events'
    payloads, the rejected rows). Raises the gap's DomainError before anything else.
    ``given``: the device's answers earlier in this write, by seq (not stored yet);
    ``skills``: the class of the skills saved here, as the server has them."""
    identity, received_ms = job.identity, job.received_ms
    acknowledged = last_seq  # what a gap answer reports: the batch is not written
    earlier = _earlier_answers(conn, identity.device_id, [
        c.event.seq for c in job.checked if c.event.seq <= last_seq and c.event.seq not in given])
    earlier.update(given)
    carried = _carried_over(conn, identity, taken_ids, job.checked)
    outcome = BatchOutcome([], last_seq)
    rejected: list[dict[str, Any]] = []
    payloads: list[dict[str, Any]] = []
    mine: set[str] = set()
    own_class = identity.class_id
    former_class = identity.former_class_id  # last year's (see push_checks)
    results, inserted = outcome.results, outcome.inserted
    for event, problem, row, refers in job.checked:
        seq, event_id = event.seq, event.event_id
        if seq <= last_seq:
            results.append(_repeat(event, earlier.get(seq), acknowledged))
            continue
        if seq != last_seq + 1:
            raise DomainError(409, GAP, f"Events were missing before number {seq}; "
                              "sending again from where the server stopped.",
                              last_seq=acknowledged)
        last_seq = seq
        if event_id in carried:
            results.append(Answer(event_id, seq, "duplicate"))
            continue
        if row is not None:
            if refers:
                row["class_id"] = audiences.class_of(school_id, event.kind, event.payload)
            if event_id in taken_ids or event_id in mine:
                problem = "event_id was already used by another event"
            elif own_class and row["class_id"] not in (None, own_class, former_class):
                problem = OTHER_CLASS
            elif event.kind == "skill_saved" and (
                    key := (school_id, event.payload["skill_id"])) in skills:
                problem = skill_change_problem(identity.role, event.payload, skills[key])
        if problem:
            rejected.append({"device_id": identity.device_id, "seq": seq,
                             "event_id": event_id, "kind": event.kind,
                             "reason": problem, "received_ms": received_ms})
            results.append(Answer(event_id, seq, "rejected", problem))
            continue
        assert row is not None  # an event without a problem has its row
        inserted.append(row)
        audiences.learn(school_id, event.kind, event.payload, row["class_id"])
        payloads.append(event.payload)
        mine.add(event_id)
        results.append(Answer(event_id, seq, "applied"))
    outcome.last_seq = last_seq
    return outcome, payloads, rejected


@dataclass
class _Answered:
    """A push, answered and not yet written."""

    job: PushJob
    school_id: str
    outcome: BatchOutcome
    payloads: list[dict[str, Any]]  # of outcome.inserted, decoded
    rejected: list[dict[str, Any]]  # rejected_events rows


def _write(session: Session, conn: Connection, done: list[_Answered]) -> None:
    """Number, store and project the answered pushes: a statement or two for all of them."""
    by_school: dict[str, list[_Answered]] = {}
    for answered in done:
        if answered.outcome.inserted:
            by_school.setdefault(answered.school_id, []).append(answered)
    inserted: list[dict[str, Any]] = []
    for school_id in sorted(by_school):  # counters locked in one order everywhere
        rows = [row for answered in by_school[school_id] for row in answered.outcome.inserted]
        _number(conn, school_id, rows)
        inserted += rows
        for answered in by_school[school_id]:
            outcome = answered.outcome
            outcome.newest_seq = outcome.inserted[-1]["server_seq"]
            outcome.logged = [
                LoggedEvent(row["server_seq"], row["kind"], payload, row["hlc"],
                            row["device_id"])
                for row, payload in zip(outcome.inserted, answered.payloads, strict=True)]
    insert_rows(conn, _EVENTS, inserted)
    insert_rows(conn, _REJECTED, [row for answered in done for row in answered.rejected])
    if done:
        seen = {answered.job.identity.device_id: answered for answered in done}  # the last
        conn.execute(_DEVICE_SEEN, [
            {"b_id": device_id, "b_last_seq": answered.outcome.last_seq,
             "b_seen": answered.job.received_ms} for device_id, answered in seen.items()])
    for school_id in sorted(by_school):
        # The portal's read tables follow, from the rows just stored.
        catch_up(session, school_id, [event for answered in by_school[school_id]
                                      for event in answered.outcome.logged])


def _number(conn: Connection, school_id: str, rows: list[dict[str, Any]]) -> int:
    """Give ``rows`` the school's next server sequence numbers; the highest one given.

    One statement moves the counter and reads it; the row it updates stays locked until
    the caller commits (see :func:`apply_batches`).
    """
    following = conn.scalars(_TAKE_SEQS, {"b_school": school_id, "b_count": len(rows)}).one()
    first = following - len(rows)
    for offset, row in enumerate(rows):
        row["server_seq"] = first + offset
    return following - 1


def _carried_over(conn: Connection, identity: DeviceIdentity, taken_ids: set[str],
                  checked: Sequence[CheckedEvent]) -> set[str]:
    """The pushed events stored already under the device this one's data folder was
    copied from, or under a copy of this one: both folders held them unsent, and the
    other computer sent them first. Each is answered ``duplicate`` and stored nothing
    (so this device's seqs skip it). Any other device's id is refused as before."""
    ids = [c.event.event_id for c in checked if c.event.event_id in taken_ids]
    if not ids:  # the usual push: none of its ids is stored
        return set()
    related = or_(DeviceRow.copied_from == identity.device_id,
                  DeviceRow.id == (identity.copied_from or ""))
    return set(conn.scalars(
        select(EventRow.event_id).join(DeviceRow, DeviceRow.id == EventRow.device_id)
        .where(EventRow.event_id.in_(ids), related)))


@dataclass(frozen=True)
class _Earlier:
    event_id: str
    reason: str | None  # None: it was applied


def _earlier_answers(conn: Connection, device_id: str, seqs: list[int]) -> dict[int, _Earlier]:
    if not seqs:
        return {}
    found: dict[int, _Earlier] = {}
    for seq, event_id in conn.execute(select(EventRow.seq, EventRow.event_id).where(
            EventRow.device_id == device_id, EventRow.seq.in_(seqs))):
        found[seq] = _Earlier(event_id, None)
    for seq, event_id, reason in conn.execute(
            select(RejectedEvent.seq, RejectedEvent.event_id, RejectedEvent.reason).where(
                RejectedEvent.device_id == device_id, RejectedEvent.seq.in_(seqs))):
        found[seq] = _Earlier(event_id, reason)
    return found


def _repeat(event: WireEvent, earlier: _Earlier | None, acknowledged: int) -> Answer:
    """The answer for an event whose seq was already handled: the same as the first time.
    Raises the ``seq_reused`` DomainError if the seq was handled for another event."""
    if earlier is not None and earlier.event_id != event.event_id:
        raise DomainError(409, SEQ_REUSED, f"Event number {event.seq} of this device was "
                          "already used: its data was put back from an older copy. "
                          "Numbering its waiting events again.",
                          last_seq=acknowledged, seq=event.seq)
    if earlier is not None and earlier.reason is not None:
        return Answer(event.event_id, event.seq, "rejected", earlier.reason)
    return Answer(event.event_id, event.seq, "duplicate")
