"""Which event kinds each staff role may push."""

from __future__ import annotations

from dojo_protocol.events import ALL_KINDS

# A TA logs points and attendance for the class; the roster, skills, settings, stories
# and messages to families are the teacher's. Leaders and admins may do what teachers do.
TA_KINDS = frozenset({"award_given", "award_undone", "attendance_marked"})
_ALLOWED: dict[str, frozenset[str]] = {
    "teacher": ALL_KINDS,
    "leader": ALL_KINDS,
    "admin": ALL_KINDS,
    "ta": TA_KINDS,
}


def permission_problem(role: str, kind: str) -> str | None:
    """None if ``role`` may push ``kind``, else the reason in words."""
    if kind in _ALLOWED.get(role, frozenset()):
        return None
    return f"a {role} device may not push {kind} events"
