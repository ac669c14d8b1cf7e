"""Which devices an event is for: the one class it is about, or the whole school.

A device enrolled for one class (a classroom's whiteboard) pulls its class's events and
the school-wide ones; a device enrolled for the whole school pulls everything. An event
is scoped to a class only when its payload names exactly one class and everything it
refers to lives in that class: a class's roster, its awards and attendance, its own
skills, a post or announcement to that class alone. Everything else (school skills and
settings, a student's messages and receipts, undos, edits of posts, families) goes to
the whole school: sending a device more than it needs is safe, since every event
applies in any order and an event about something the device does not hold changes
nothing there.
"""

from __future__ import annotations

from typing import Any

# Kinds whose ``class_id`` says where they belong (a skill without one is school-wide).
_OF_ONE_CLASS = frozenset({"class_created", "class_updated", "student_added",
                           "award_given", "attendance_marked", "skill_saved"})


def event_class(kind: str, payload: dict[str, Any]) -> str | None:
    """The class ``payload`` of a ``kind`` event is about, or None for the whole school."""
    if kind in _OF_ONE_CLASS:
        return _id_or_none(payload.get("class_id"))
    if kind == "story_posted":
        if payload.get("scope") != "class":
            return None
        class_ids = payload.get("class_ids") or [payload.get("class_id")]
        if not isinstance(class_ids, list) or len(class_ids) != 1:
            return None
        return _id_or_none(class_ids[0])
    if kind == "message_sent" and not payload.get("student_id"):
        return _id_or_none(payload.get("class_id"))  # a class announcement
    return None


def _id_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
