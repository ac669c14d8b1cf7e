"""Which event kinds each staff role may push: the registry's ``writers`` of each kind, and
the rules that depend on what an event says."""

from __future__ import annotations

from typing import Any

from dojo_protocol.kinds import KINDS

SCHOOL_WIDE_SKILL_WRITERS = frozenset({"leader", "admin"})
SCHOOL_WIDE_SKILL = ("only a school leader may add or change a skill every class uses; "
                     "a teacher may add and change skills of their own class")
ANOTHER_CLASS_SKILL = "this skill belongs to another class; only a school leader may move it"


def permission_problem(role: str, kind: str, payload: dict[str, Any]) -> str | None:
    """None if a ``role`` device may push this event, else the reason in words."""
    known = KINDS.get(kind)
    if known is not None and known.family_authored(payload):
        return "only the family portal may write what a family did or who a family is"
    if known is None or role not in known.writers:
        return f"a {role} device may not push {kind} events"
    if (kind == "skill_saved" and not payload.get("class_id")
            and role not in SCHOOL_WIDE_SKILL_WRITERS):
        return SCHOOL_WIDE_SKILL
    return None


def skill_change_problem(role: str, payload: dict[str, Any],
                         stored_class: str | None) -> str | None:
    """None if a ``role`` device may save this version of a skill the server has as a
    skill of ``stored_class`` (None: school-wide), else the reason in words."""
    if role in SCHOOL_WIDE_SKILL_WRITERS:
        return None
    if stored_class is None:
        return SCHOOL_WIDE_SKILL
    if payload.get("class_id") != stored_class:
        return ANOTHER_CLASS_SKILL
    return None
