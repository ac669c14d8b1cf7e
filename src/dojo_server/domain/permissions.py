"""Which event kinds each staff role may push: the registry's ``writers`` of each kind."""

from __future__ import annotations

from typing import Any

from dojo_protocol.kinds import KINDS


def permission_problem(role: str, kind: str, payload: dict[str, Any]) -> str | None:
    """None if a ``role`` device may push this event, else the reason in words."""
    known = KINDS.get(kind)
    if known is not None and known.family_authored(payload):
        return "only the family portal may write what a family did or who a family is"
    if known is not None and role in known.writers:
        return None
    return f"a {role} device may not push {kind} events"
