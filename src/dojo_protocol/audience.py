"""Which devices an event is for, as far as its payload tells: one class, or the school.

A device enrolled for one class (a classroom's whiteboard) pulls its class's events and
the school-wide ones; a device enrolled for the whole school pulls everything. From its
payload alone, an event belongs to a class when it names exactly one class and everything
it refers to lives in that class: a class's roster, its awards and attendance, its own
skills, a post or announcement to that class alone. Events that name a student, an award,
a post or a message instead (a family's thread, a receipt, an undo, a post's edit) are
given the class of what they name by the server, which knows it
(``dojo_server.db.audiences``); what is left goes to the whole school: school skills
and settings, posts to several classes. Sending a device more than it needs is safe, since
every event applies in any order and an event about something the device does not hold
changes nothing there."""

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
