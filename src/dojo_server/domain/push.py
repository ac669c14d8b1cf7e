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
from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.audience import event_class
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
_EVENTS = table_of(EventRow)


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
    """What :func:`apply_batch` did inside the caller's transaction."""

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
    received = now_ms()
    school_id = identity.school_id
    try:
        # Taken together with other pushes waiting for the write turn. The portal's read
        # tables follow in the same transaction, once for the group's pushes to the
        # school, from the rows just stored.
        outcome = db.groups.run(
            lambda session: apply_batch(session, identity, checked, received),
            finish=(("read tables", school_id), lambda session, outcomes: catch_up(
                session, school_id, [event for done in outcomes for event in done.logged])),
            alone=(DomainError,))
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


def apply_batch(session: Session, identity: DeviceIdentity, checked: Sequence[CheckedEvent],
                received_ms: int) -> BatchOutcome:
    """Answer and store ``events`` inside the caller's write transaction.

    Locks the device row, then (if any event is applied) the school's counter row, and
    holds both until the caller commits. That is what keeps ``server_seq`` in commit
    order: a second push to the school waits here, so a pull can never see seq n+1
    committed while n is still in flight. The rows go in as one executemany.
    """
    conn = session.connection()  # Core statements: the ORM's per-statement work is not needed
    device = conn.execute(select(DeviceRow.school_id, DeviceRow.last_seq)
                             .where(DeviceRow.id == identity.device_id)
                             .with_for_update()).one()
    school_id, last_seq = device.school_id, device.last_seq
    acknowledged = last_seq  # what a gap answer reports: the batch is rolled back
    earlier = _earlier_answers(conn, identity.device_id,
                               [c.event.seq for c in checked if c.event.seq <= last_seq])
    taken_ids = existing_values(conn, _EVENTS, "event_id",
                                [c.event.event_id for c in checked])
    outcome = BatchOutcome([], last_seq)
    rejected: list[dict[str, Any]] = []
    payloads: list[dict[str, Any]] = []
    for event, problem, payload_json in checked:
        if event.seq <= last_seq:
            outcome.results.append(_repeat(event, earlier.get(event.seq)))
            continue
        if event.seq != last_seq + 1:
            raise DomainError(409, GAP, f"Events were missing before number {event.seq}; "
                              "sending again from where the server stopped.",
                              last_seq=acknowledged)
        reason = problem or (
            "event_id was already used by another event" if event.event_id in taken_ids
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
                "received_ms": received_ms,
                "class_id": event_class(event.kind, event.payload)})
            payloads.append(event.payload)
            taken_ids.add(event.event_id)
            outcome.results.append(EventResult(event_id=event.event_id, seq=event.seq,
                                               status="applied"))
        last_seq = event.seq
    if outcome.inserted:
        outcome.newest_seq = _number(conn, school_id, outcome.inserted)
        insert_rows(conn, _EVENTS, outcome.inserted)
        outcome.logged = [LoggedEvent(row["server_seq"], row["kind"], payload, row["hlc"],
                                      row["device_id"])
                          for row, payload in zip(outcome.inserted, payloads, strict=True)]
    insert_rows(conn, table_of(RejectedEvent), rejected)
    conn.execute(update(DeviceRow).where(DeviceRow.id == identity.device_id)
                    .values(last_seq=last_seq, last_seen_ms=received_ms))
    outcome.last_seq = last_seq
    return outcome


def _number(conn: Connection, school_id: str, rows: list[dict[str, Any]]) -> int:
    """Give ``rows`` the school's next server sequence numbers; the highest one given.

    The counter row stays locked until the caller commits (see :func:`apply_batch`).
    """
    first = conn.scalars(select(SchoolCounter.next_seq)
                            .where(SchoolCounter.school_id == school_id)
                            .with_for_update()).one()
    for offset, row in enumerate(rows):
        row["server_seq"] = first + offset
    newest = first + len(rows) - 1
    conn.execute(update(SchoolCounter).where(SchoolCounter.school_id == school_id)
                    .values(next_seq=newest + 1))
    return newest


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
        return "this device may only record events for its own class"
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
