"""Event shapes: every change a device makes travels as one of these.

The same shapes are written to the outbox, pushed to the school server and applied
when pulled from it, so a change made here and one made on another device take the
same path into the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_protocol.kinds import KINDS


class EventKind(StrEnum):
    """Names for the kinds the app's own code builds or tests by name. The registry
    (``dojo_protocol.kinds``) is what defines a kind: a kind of record added there needs no
    member here; its events carry its name as a plain string."""

    CLASS_CREATED = "class_created"
    CLASS_UPDATED = "class_updated"
    STUDENT_ADDED = "student_added"
    STUDENT_UPDATED = "student_updated"
    SKILL_SAVED = "skill_saved"
    SKILLS_REORDERED = "skills_reordered"
    AWARD_GIVEN = "award_given"
    AWARD_UNDONE = "award_undone"
    SETTING_CHANGED = "setting_changed"
    ATTENDANCE_MARKED = "attendance_marked"
    STORY_POSTED = "story_posted"
    STORY_UPDATED = "story_updated"
    STORY_DELETED = "story_deleted"
    MESSAGE_SENT = "message_sent"
    MESSAGE_READ = "message_read"
    GUARDIAN_LINKED = "guardian_linked"
    GUARDIAN_UNLINKED = "guardian_unlinked"


@dataclass(frozen=True)
class Event:
    """One change, stamped with the HLC of the device that made it. ``kind`` is a kind of
    the registry (an ``EventKind`` member where there is one)."""

    kind: str
    hlc: Hlc
    payload: dict[str, Any]
    id: str = field(default_factory=uuid7)


_KINDS: dict[str, str] = {name: name for name in KINDS} | {k.value: k for k in EventKind}


def received_event(kind: str, hlc: str, payload: dict[str, Any], event_id: str) -> Event:
    """An event as the server handed it out; ValueError says what this app cannot read in
    it (a kind of a newer version, a stamp outside the protocol's grammar)."""
    return Event(kind_named(kind), Hlc.parse(hlc), payload, event_id)


def kind_named(name: str) -> str:
    """The kind called ``name`` (its ``EventKind`` member if it has one); ValueError if the
    registry has no such kind."""
    known = _KINDS.get(name)
    if known is None:
        raise ValueError(f"unknown kind {name!r}")
    return known


def award_given(
    hlc: Hlc,
    *,
    award_id: str,
    student_id: str,
    class_id: str,
    skill_id: str,
    points: int,
    batch_id: str,
    at_ms: int,
    note: str = "",
) -> Event:
    """An award of ``points`` to one student; a tap on several students shares ``batch_id``."""
    return Event(
        EventKind.AWARD_GIVEN,
        hlc,
        {
            "award_id": award_id,
            "student_id": student_id,
            "class_id": class_id,
            "skill_id": skill_id,
            "points": points,
            "batch_id": batch_id,
            "at_ms": at_ms,
            "note": note,
        },
    )


def award_undone(hlc: Hlc, *, award_ids: list[str], at_ms: int) -> Event:
    """Cancels the listed awards. Awards are never edited or deleted."""
    return Event(EventKind.AWARD_UNDONE, hlc, {"award_ids": list(award_ids), "at_ms": at_ms})
