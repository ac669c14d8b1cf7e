"""Push: a device's batch of events, answered per event, stored in one transaction.

Per device the server keeps ``last_seq``. An event at or below it was seen before: it is
answered ``duplicate`` (or ``rejected`` again, with the first reason). The next one is
checked and either applied, taking the school's next ``server_seq``, or rejected; both
advance ``last_seq``, so one bad event never blocks a device. A seq further ahead is a
gap: the whole push is rolled back and answered 409 with ``last_seq`` so the client
resends from ``last_seq + 1``. Events must come oldest first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.events import is_uuid, validate_hlc, validate_payload
from dojo_protocol.models import (
    BUSY,
    GAP,
    PROTOCOL_VERSION,
    UPGRADE_REQUIRED,
    EventResult,
    PushRequest,
    PushResponse,
    WireEvent,
)
from dojo_server.db.audiences import Audiences
from dojo_server.db.bulk import existing_values, insert_rows, table_of
from dojo_server.db.models import DeviceRow, EventRow, RejectedEvent, SchoolCounter
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError
from dojo_server.domain.permissions import permission_problem
from dojo_server.domain.projections import catch_up
from dojo_server.domain.projections.base import LoggedEvent

WRONG_DEVICE = "wrong_device"
_OTHER_CLASS = "this device may only record events for its own class"
_EVENTS = table_of(EventRow)
_REJECTED = table_of(RejectedEvent)
_DEVICE_SEEN = (update(DeviceRow).where(DeviceRow.id == bindparam("b_id"))
                .values(last_seq=bindparam("b_last_seq"), last_seen_ms=bindparam("b_seen")))


@dataclass(frozen=True)
class PushOutcome:
    """The answer for the device, and how far the school's sequence got (for waking pulls)."""

    response: PushResponse
    applied: int
    newest_seq: int = 0  # the highest server_seq this push took; 0 if none
    # The highest server_seq this push took per class (None: school-wide events).
    newest_by_class: dict[str | None, int] = field(default_factory=dict)


@dataclass
class BatchOutcome:
    """What :func:`apply_batches` did for one push inside the caller's transaction."""

    results: list[EventResult]
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


def check_protocol(version: int) -> None:
    """426 unless the client speaks this server's protocol version."""
    if version == PROTOCOL_VERSION:
        return
    if version > PROTOCOL_VERSION:
        message = ("This version of Dojo Desktop is newer than the school server. Ask IT to "
                   "update the server; your points are kept on this computer meanwhile.")
    else:
        message = ("This version of Dojo Desktop is too old for the school server. Please "
                   "update it; your points are kept on this computer meanwhile.")
    raise DomainError(426, UPGRADE_REQUIRED, message)


def push(db: Database, identity: DeviceIdentity, request: PushRequest,
         client_time_ms: int | None) -> PushOutcome:
    """Store ``request`` for the calling device in one transaction."""
    check_protocol(request.protocol_version)
    if request.device_id != identity.device_id:
        raise DomainError(403, WRONG_DEVICE, "This batch names a different device than the "
                          "one signed in.")
    checked = check_events(request.events, identity)  # before taking the write lock
    try:
        # Written together with the other pushes waiting for the write turn.
        outcome = db.groups.run(apply_batches, PushJob(identity, checked, now_ms()))
    except IntegrityError as exc:  # another device pushed the same event id at this moment
        raise DomainError(503, BUSY, "The school server is busy. Trying again shortly.") from exc
    server_time = now_ms()
    skew = 0 if client_time_ms is None else client_time_ms - server_time
    response = PushResponse(results=outcome.results, last_seq=outcome.last_seq,
                            server_time_ms=server_time, clock_skew_ms=skew)
    return PushOutcome(response, len(outcome.inserted), outcome.newest_seq,
                       outcome.newest_by_class())


class CheckedEvent(NamedTuple):
    """An event with what can be decided without the database: its problem, if any, and
    its payload as the JSON text to store. (A tuple: quicker to make than a dataclass.)"""

    event: WireEvent
    problem: str | None
    payload_json: str


def check_events(events: Sequence[WireEvent], identity: DeviceIdentity) -> list[CheckedEvent]:
    """Check each event on its own; done outside the write transaction, which other
    pushes wait for."""
    checked = []
    for event in events:
        problem = _problem(event, identity)
        payload = "" if problem else payload_text(event.payload)
        checked.append(CheckedEvent(event, problem, payload))
    return checked


def payload_text(payload: dict[str, Any]) -> str:
    """``payload`` as the JSON text to store: the same value, written compactly.

    orjson writes NaN and infinities as null and refuses integers past 64 bits and lone
    surrogates; such payloads (and, to be sure, any with a null) are written by ``json``
    as before.
    """
    try:
        text = orjson.dumps(payload)
    except orjson.JSONEncodeError:
        return json.dumps(payload, ensure_ascii=False)
    if b"null" in text:
        return json.dumps(payload, ensure_ascii=False)
    return text.decode()


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
    A device with two pushes among ``jobs`` has the second written after the first.
    """
    answers: list[BatchOutcome | DomainError | None] = [None] * len(jobs)
    pending = list(enumerate(jobs))
    while pending:  # rounds of pushes from distinct devices
        round_jobs: dict[str, tuple[int, PushJob]] = {}
        later: list[tuple[int, PushJob]] = []
        for index, job in pending:
            if job.identity.device_id in round_jobs:
                later.append((index, job))
            else:
                round_jobs[job.identity.device_id] = (index, job)
        for index, answer in _apply_round(session, list(round_jobs.values())):
            answers[index] = answer
        pending = later
    return [answer for answer in answers if answer is not None]


def _apply_round(session: Session, jobs: list[tuple[int, PushJob]]
                 ) -> list[tuple[int, BatchOutcome | DomainError]]:
    """:func:`apply_batches` for pushes of distinct devices."""
    conn = session.connection()  # Core statements: the ORM's per-statement work is not needed
    devices = {row.id: row for row in conn.execute(
        select(DeviceRow.id, DeviceRow.school_id, DeviceRow.last_seq)
        .where(DeviceRow.id.in_(sorted(job.identity.device_id for _, job in jobs)))
        .order_by(DeviceRow.id).with_for_update())}
    taken_ids = existing_values(conn, _EVENTS, "event_id", [
        c.event.event_id for _, job in jobs for c in job.checked])
    audiences = Audiences.load(session, (
        (devices[job.identity.device_id].school_id, c.event.kind, c.event.payload)
        for _, job in jobs for c in job.checked if c.problem is None))
    answers: list[tuple[int, BatchOutcome | DomainError]] = []
    done: list[_Answered] = []
    for index, job in jobs:
        device = devices[job.identity.device_id]
        try:
            outcome, payloads, rejected = _answer(conn, job, device.school_id,
                                                  device.last_seq, taken_ids, audiences)
        except DomainError as gap:
            answers.append((index, gap))
            continue
        taken_ids.update(row["event_id"] for row in outcome.inserted)
        answers.append((index, outcome))
        done.append(_Answered(job, device.school_id, outcome, payloads, rejected))
    _write(session, conn, done)
    return answers


def _answer(conn: Connection, job: PushJob, school_id: str, last_seq: int,
            taken_ids: set[str], audiences: Audiences
            ) -> tuple[BatchOutcome, list[dict[str, Any]], list[dict[str, Any]]]:
    """One push's answers and rows, not written yet: (outcome, the inserted events'
    payloads, the rejected rows). Raises the gap's DomainError before anything else."""
    identity, received_ms = job.identity, job.received_ms
    acknowledged = last_seq  # what a gap answer reports: the batch is not written
    earlier = _earlier_answers(conn, identity.device_id,
                               [c.event.seq for c in job.checked if c.event.seq <= last_seq])
    outcome = BatchOutcome([], last_seq)
    rejected: list[dict[str, Any]] = []
    payloads: list[dict[str, Any]] = []
    mine: set[str] = set()
    for event, problem, payload_json in job.checked:
        if event.seq <= last_seq:
            outcome.results.append(_repeat(event, earlier.get(event.seq)))
            continue
        if event.seq != last_seq + 1:
            raise DomainError(409, GAP, f"Events were missing before number {event.seq}; "
                              "sending again from where the server stopped.",
                              last_seq=acknowledged)
        class_id = None if problem else audiences.class_of(school_id, event.kind,
                                                           event.payload)
        reason = problem or (
            "event_id was already used by another event"
            if event.event_id in taken_ids or event.event_id in mine else None) or (
            _OTHER_CLASS if identity.class_id and class_id not in (None, identity.class_id)
            else None)
        if reason:
            rejected.append({"device_id": identity.device_id, "seq": event.seq,
                             "event_id": event.event_id, "kind": event.kind,
                             "reason": reason, "received_ms": received_ms})
            outcome.results.append(EventResult(event_id=event.event_id, seq=event.seq,
                                               status="rejected", reason=reason))
        else:
            outcome.inserted.append({
                "school_id": school_id, "event_id": event.event_id,
                "device_id": identity.device_id, "seq": event.seq, "kind": event.kind,
                "hlc": event.hlc, "payload": payload_json,
                "received_ms": received_ms, "class_id": class_id})
            audiences.learn(school_id, event.kind, event.payload, class_id)
            payloads.append(event.payload)
            mine.add(event.event_id)
            outcome.results.append(EventResult(event_id=event.event_id, seq=event.seq,
                                               status="applied"))
        last_seq = event.seq
    outcome.last_seq = last_seq
    return outcome, payloads, rejected


@dataclass
class _Answered:
    """A push of a round, answered and not yet written."""

    job: PushJob
    school_id: str
    outcome: BatchOutcome
    payloads: list[dict[str, Any]]  # of outcome.inserted, decoded
    rejected: list[dict[str, Any]]  # rejected_events rows


def _write(session: Session, conn: Connection, done: list[_Answered]) -> None:
    """Number, store and project the answered pushes of one round: a statement or two for
    all of them."""
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
        conn.execute(_DEVICE_SEEN, [
            {"b_id": answered.job.identity.device_id, "b_last_seq": answered.outcome.last_seq,
             "b_seen": answered.job.received_ms} for answered in done])
    for school_id in sorted(by_school):
        # The portal's read tables follow, from the rows just stored.
        catch_up(session, school_id, [event for answered in by_school[school_id]
                                      for event in answered.outcome.logged])


def _number(conn: Connection, school_id: str, rows: list[dict[str, Any]]) -> int:
    """Give ``rows`` the school's next server sequence numbers; the highest one given.

    One statement moves the counter and reads it; the row it updates stays locked until
    the caller commits (see :func:`apply_batches`).
    """
    following = conn.scalars(update(SchoolCounter)
                             .where(SchoolCounter.school_id == school_id)
                             .values(next_seq=SchoolCounter.next_seq + len(rows))
                             .returning(SchoolCounter.next_seq)).one()
    first = following - len(rows)
    for offset, row in enumerate(rows):
        row["server_seq"] = first + offset
    return following - 1


def _problem(event: WireEvent, identity: DeviceIdentity) -> str | None:
    """Why ``event`` cannot be applied, or None."""
    if event.device_id != identity.device_id:
        return "the event names another device"
    if not is_uuid(event.event_id):
        return "event_id must be a UUID"
    problem = (validate_hlc(event.hlc) or validate_payload(event.kind, event.payload)
               or permission_problem(identity.role, event.kind, event.payload))
    if problem:
        return problem
    class_id = event.payload.get("class_id")
    if identity.class_id and class_id and class_id != identity.class_id:
        return _OTHER_CLASS
    return None


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


def _repeat(event: WireEvent, earlier: _Earlier | None) -> EventResult:
    """The answer for an event whose seq was already handled: the same as the first time."""
    if earlier is not None and earlier.event_id != event.event_id:
        return EventResult(event_id=event.event_id, seq=event.seq, status="rejected",
                           reason=f"seq {event.seq} was already used by another event of "
                                  "this device; its numbering seems to have restarted")
    if earlier is not None and earlier.reason is not None:
        return EventResult(event_id=event.event_id, seq=event.seq, status="rejected",
                           reason=earlier.reason)
    return EventResult(event_id=event.event_id, seq=event.seq, status="duplicate")
