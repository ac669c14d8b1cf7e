"""Which event kinds each staff role may push: the registry's ``writers`` of each kind, and
the rules that depend on what an event says."""

from __future__ import annotations

from typing import Any

from dojo_protocol.kinds import KINDS

SCHOOL_WIDE_SKILL_WRITERS = frozenset({"leader", "admin"})
SCHOOL_WIDE_SKILL = ("only a school leader may add or change a skill every class uses; "
                     "a teacher may add and change skills of their own class")


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
