"""Which event kinds each staff role may push."""

from __future__ import annotations

from typing import Any

from dojo_protocol.events import ALL_KINDS, FAMILY_KINDS, family_authored

# A TA logs points and attendance for the class; the roster, skills, settings, stories
# and messages to families are the teacher's. Leaders and admins may do what teachers do.
TA_KINDS = frozenset({"award_given", "award_undone", "attendance_marked"})
_STAFF_KINDS = ALL_KINDS - FAMILY_KINDS
_ALLOWED: dict[str, frozenset[str]] = {
    "teacher": _STAFF_KINDS,
    "leader": _STAFF_KINDS,
    "admin": _STAFF_KINDS,
    "ta": TA_KINDS,
}


def permission_problem(role: str, kind: str, payload: dict[str, Any]) -> str | None:
    """None if a ``role`` device may push this event, else the reason in words."""
    if family_authored(kind, payload):
        return "only the family portal may write what a family did or who a family is"
    if kind in _ALLOWED.get(role, frozenset()):
        return None
    return f"a {role} device may not push {kind} events"
