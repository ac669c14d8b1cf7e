"""What a push's events must be before any is written: the protocol version, and each event
on its own (ids, clock stamp, payload, who may write it, the device's class) with its
``events`` row made ready, outside the write transaction that other pushes wait for."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import orjson

from dojo_protocol.audience import event_class
from dojo_protocol.events import (
    all_hlcs,
    all_uuids,
    is_uuid,
    plainly_valid_award,
    validate_hlc,
    validate_payload,
)
from dojo_protocol.kinds import AUTHOR_KEY, KINDS, REFERRING_KINDS
from dojo_protocol.models import PROTOCOL_VERSION, UPGRADE_REQUIRED, WireEvent
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.errors import DomainError
from dojo_server.domain.permissions import permission_problem
from dojo_server.sync.authorship import PIN_KIND, author_problem

OTHER_CLASS = "this device may only record events for its own class"
AWARD = "award_given"
_AWARD = KINDS[AWARD]
# What the awards' shortcut in check_events takes from the registry instead of asking it
# per event: no payload makes an award a family's, and it concerns the class it names.
_AWARD_SHORTCUT = (_AWARD.family is False and _AWARD.concerns_rule is None
                   and _AWARD.refers is None and _AWARD.class_key == "class_id"
                   and AWARD not in REFERRING_KINDS)


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


class CheckedEvent(NamedTuple):
    """An event with what can be decided without the database: its problem, if any, or
    else its ``events`` row but for ``server_seq`` (and ``class_id`` when ``refers``: the
    class of what it names, found in the write). (A tuple: quicker to make than a
    dataclass.)"""

    event: WireEvent
    problem: str | None
    row: dict[str, Any] | None
    refers: bool = False


def check_events(events: Sequence[WireEvent], identity: DeviceIdentity,
                 received_ms: int, staff: Mapping[str, str] | None = None
                 ) -> list[CheckedEvent]:
    """Check each event on its own and make the rows of the valid ones; done outside the
    write transaction, which other pushes wait for. ``staff``: the school's staff and
    their roles, when a shared device's events name who made them (``authorship``)."""
    # The usual batch has well-formed ids and clocks throughout: two matches for all.
    well_formed = (all_uuids([event.event_id for event in events])
                   and all_hlcs([event.hlc for event in events]))
    school_id, device_id = identity.school_id, identity.device_id
    own_class, former_class = identity.class_id, identity.former_class_id
    # The bulk of a drained outbox: awards by the device's own person, well formed. For
    # them the checks of _problem come down to these (its device, its payload's rules,
    # the role may give awards, its class), asked here without the per-kind look-ups.
    awards_pass = well_formed and _AWARD_SHORTCUT and identity.role in _AWARD.writers
    checked = []
    for event in events:
        payload = event.payload
        if (awards_pass and event.kind == AWARD and event.device_id == device_id
                and AUTHOR_KEY not in payload and plainly_valid_award(payload)):
            class_id = payload["class_id"]  # a UUID: checked just now
            if own_class and class_id != own_class and class_id != former_class:
                checked.append(CheckedEvent(event, OTHER_CLASS, None))
                continue
            checked.append(CheckedEvent(event, None, {
                "school_id": school_id, "event_id": event.event_id, "device_id": device_id,
                "seq": event.seq, "kind": AWARD, "hlc": event.hlc,
                "payload": payload_text(payload), "received_ms": received_ms,
                "class_id": class_id}))
            continue
        problem = _problem(event, identity, well_formed, staff or {})
        if problem:
            checked.append(CheckedEvent(event, problem, None))
            continue
        kind = event.kind
        refers = kind in REFERRING_KINDS
        checked.append(CheckedEvent(event, None, {
            "school_id": school_id, "event_id": event.event_id, "device_id": device_id,
            "seq": event.seq, "kind": kind, "hlc": event.hlc,
            "payload": payload_text(payload), "received_ms": received_ms,
            "class_id": None if refers else event_class(kind, payload)}, refers))
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


def _problem(event: WireEvent, identity: DeviceIdentity, well_formed: bool,
             staff: Mapping[str, str]) -> str | None:
    """Why ``event`` cannot be applied, or None. ``well_formed``: every event of its batch
    is known to have a UUID and a well-formed HLC."""
    if event.device_id != identity.device_id:
        return "the event names another device"
    if not well_formed and not is_uuid(event.event_id):
        return "event_id must be a UUID"
    problem = ((None if well_formed else validate_hlc(event.hlc))
               or validate_payload(event.kind, event.payload)
               or permission_problem(identity.role, event.kind, event.payload))
    if problem:
        return problem
    if AUTHOR_KEY in event.payload or event.kind == PIN_KIND:
        problem = author_problem(identity, event.kind, event.payload, staff)
        if problem:
            return problem
    class_id = event.payload.get("class_id")
    # A board moved to this year's class still sends what it recorded offline for last
    # year's: that was its class when it recorded it.
    if (identity.class_id and class_id and class_id != identity.class_id
            and class_id != identity.former_class_id):
        return OTHER_CLASS
    return None
