"""A child's own target for the day: which target holds on a day, and how far the child is.

One rule for the board's rings and the family portal. A target is a ``target_set`` record
(one per student and scope): for one date, or ``standing`` for every school day until it is
changed or cleared. On a day with a target of its own, that one holds; else the standing
one. Points count toward it if they were awarded that school day (in the school's
timezone), not undone, and, when the target names skills, for one of those skills.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

KIND = "target_set"
STANDING = "standing"


@dataclass(frozen=True)
class Target:
    """A target as set: points to reach, the skills that count (none: every skill), and
    its scope (an ISO date, or :data:`STANDING`)."""

    points: int
    skill_ids: frozenset[str] = frozenset()
    scope: str = STANDING
    cleared: bool = False

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Target:
        return cls(int(payload["points"]), frozenset(payload.get("skill_ids") or ()),
                   str(payload["scope"]), bool(payload.get("cleared", False)))

    @property
    def standing(self) -> bool:
        return self.scope == STANDING


@dataclass(frozen=True)
class Progress:
    """How far a child is toward the day's target (never shown as a number to compare)."""

    earned: int
    target: int

    @property
    def fraction(self) -> float:
        """0.0 to 1.0: the share of the target reached so far (needs-work points may take
        some back, never below nothing)."""
        return max(0.0, min(1.0, self.earned / self.target)) if self.target > 0 else 0.0

    @property
    def reached(self) -> bool:
        return self.target > 0 and self.earned >= self.target


def target_for_day(records: Iterable[Mapping[str, Any]], day: date) -> Target | None:
    """The target that holds on ``day`` among one child's ``target_set`` payloads: the
    day's own if set and not cleared, else the standing one if not cleared, else none."""
    own = standing = None
    for payload in records:
        target = Target.from_payload(payload)
        if target.cleared:
            continue
        if target.scope == day.isoformat():
            own = target
        elif target.standing:
            standing = target
    return own or standing


def targets_for_day(records: Iterable[Mapping[str, Any]],
                    day: date) -> dict[str, Target]:
    """:func:`target_for_day` for each student the payloads name (student id -> target)."""
    by_student: dict[str, list[Mapping[str, Any]]] = {}
    for payload in records:
        by_student.setdefault(str(payload["student_id"]), []).append(payload)
    found = {sid: target_for_day(rows, day) for sid, rows in by_student.items()}
    return {sid: target for sid, target in found.items() if target is not None}


def points_toward(target: Target, points_by_skill: Mapping[str, int]) -> int:
    """The day's points (per skill, undone awards already left out) that count toward
    ``target``: every skill's, or only the skills it names."""
    if not target.skill_ids:
        return sum(points_by_skill.values())
    return sum(points for skill_id, points in points_by_skill.items()
               if skill_id in target.skill_ids)


def progress(target: Target, points_by_skill: Mapping[str, int]) -> Progress:
    """How far the child is toward ``target`` with the day's points per skill."""
    return Progress(points_toward(target, points_by_skill), target.points)
