"""Checking one event against the registry (``dojo_protocol.kinds``): ``validate_payload``.

The kinds, their keys and limits are listed once, in the registry; this module applies
them, with a fast path for awards, which come by the thousand when a device drains its
outbox. The id and clock-stamp checks live in ``dojo_protocol.checks``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dojo_protocol import limits
from dojo_protocol.checks import (
    Check,
    all_hlcs,
    all_uuids,
    five_canonical_uuids,
    is_uuid,
    validate_hlc,
)
from dojo_protocol.kinds import AUTHOR_KEY, KINDS

__all__ = ["ALL_KINDS", "FAMILY_KINDS", "all_hlcs", "all_uuids", "family_authored", "is_uuid",
           "plainly_valid_award", "validate_hlc", "validate_payload",
           "validate_payload_in_full"]

ALL_KINDS: frozenset[str] = frozenset(KINDS)
# Kinds only the family portal writes, whatever their payload says.
FAMILY_KINDS: frozenset[str] = frozenset(k.name for k in KINDS.values() if k.family is True)


def family_authored(kind: str, payload: dict[str, Any]) -> bool:
    """True if only the server's portal may write this event (a family's act or link)."""
    known = KINDS.get(kind)
    return known is not None and known.family_authored(payload)


def validate_payload(kind: str, payload: dict[str, Any]) -> str | None:
    """None if ``payload`` is a valid ``kind`` event, else the first problem in words.

    Awards come by the thousand when a device drains its outbox: a valid one is passed by
    a single expression; anything else gets the answer of :func:`validate_payload_in_full`.
    """
    if kind == "award_given" and plainly_valid_award(payload) and (
            AUTHOR_KEY not in payload or is_uuid(payload[AUTHOR_KEY])):
        return None
    return validate_payload_in_full(kind, payload)


def plainly_valid_award(p: dict[str, Any]) -> bool:
    """True only if every rule for an ``award_given`` payload holds (but the one on its
    ``AUTHOR_KEY``); False means "ask each rule" (:func:`validate_payload`)."""
    try:
        points, at_ms, note = p["points"], p["at_ms"], p.get("note", "")
        # The five ids one per line, matched at once: the line breaks keep each id whole,
        # and join refuses what is not text.
        ids = "\n".join((p["award_id"], p["student_id"], p["class_id"], p["skill_id"],
                         p["batch_id"]))
        return bool(type(points) is int and limits.MIN_POINTS <= points <= limits.MAX_POINTS
                    and points != 0 and type(at_ms) is int and 0 <= at_ms <= 2**62
                    and isinstance(note, str) and len(note) <= limits.MAX_AWARD_NOTE
                    and five_canonical_uuids(ids))
    except (KeyError, TypeError):  # a key missing, or an id that is not text
        return False


def validate_payload_in_full(kind: str, payload: dict[str, Any]) -> str | None:
    """Like :func:`validate_payload`, rule by rule for every kind."""
    known = KINDS.get(kind)
    if known is None:
        return f"unknown event kind {kind!r}"
    if AUTHOR_KEY in payload and not is_uuid(payload[AUTHOR_KEY]):
        return f"{AUTHOR_KEY} must be the staff id of who made it"
    for key, (check, required) in known.keys.items():
        if key not in payload:
            if required:
                return f"{key} is missing"
            continue
        problem = check(payload[key])
        if problem:
            return f"{key} {problem}"
    if known.fields:
        problem = _check_fields(payload.get("fields"), known.fields)
        if problem:
            return problem
    return known.rule(payload) if known.rule is not None else None


def _check_fields(fields: Any, allowed: Mapping[str, Check]) -> str | None:
    if not isinstance(fields, dict) or not fields:
        return "fields must be an object naming at least one field"
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        return f"fields names unknown fields: {', '.join(map(str, unknown))}"
    for key, value in fields.items():
        problem = allowed[key](value)
        if problem:
            return f"fields.{key} {problem}"
    return None
