"""Each child's own target of points for the day, set by a teacher, and their progress.

A target is a record kind of the protocol's registry (``target_set``, one record per child
and scope: a date, or standing), so it is stored, synced and repainted by the generic
record path. Which target holds on a day and how far a child is are the protocol's rule
(``dojo_protocol.targets``), the one the family portal follows too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.settings import SettingsService
from dojo_desktop.services.views import Changes
from dojo_protocol import limits
from dojo_protocol.periods import day_window_ms, school_day
from dojo_protocol.targets import (
    KIND,
    STANDING,
    Progress,
    Target,
    progress,
    target_for_day,
    targets_for_day,
)

__all__ = ["KIND", "Progress", "Target", "TargetService"]


class TargetService:
    """Sets, clears and reads the children's targets, and counts their progress today."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx, self._settings = ctx, settings

    def today(self) -> date:
        """The school's date now, in its timezone."""
        return school_day(self._ctx.now_ms(), self._settings.timezone())

    def set(self, student_id: str, class_id: str, points: int,
            skill_ids: Iterable[str] = (), day: date | None = None) -> Changes:
        """Set the child's target: for ``day`` only, or standing (every school day until
        changed or cleared) when no day is given. Empty ``skill_ids``: every skill counts."""
        if not 1 <= points <= limits.MAX_TARGET_POINTS:
            raise invalid("target.points", max=limits.MAX_TARGET_POINTS, points=points)
        return self._write(student_id, class_id, points, sorted(set(skill_ids)), day, False)

    def clear(self, student_id: str, class_id: str, day: date | None = None) -> Changes:
        """Clear the child's target for ``day``, or the standing one; a day's target
        cleared leaves the standing one (if any) to hold that day."""
        current = self._record(student_id, class_id, day)
        if current is None or current.cleared:
            return Changes()
        return self._write(student_id, class_id, current.points, sorted(current.skill_ids),
                           day, True)

    def _write(self, student_id: str, class_id: str, points: int, skill_ids: list[str],
               day: date | None, cleared: bool) -> Changes:
        payload: dict[str, object] = {
            "student_id": student_id, "class_id": class_id,
            "scope": day.isoformat() if day else STANDING, "points": points,
            "skill_ids": skill_ids, "cleared": cleared, "at_ms": self._ctx.now_ms()}
        self._ctx.record([self._ctx.event(KIND, payload)])
        return Changes(records=frozenset({KIND}))

    def _record(self, student_id: str, class_id: str, day: date | None) -> Target | None:
        scope = day.isoformat() if day else STANDING
        rows = self._ctx.reader.records(KIND, class_id,
                                        {"student_id": student_id, "scope": scope})
        return Target.from_payload(rows[0]) if rows else None

    def standing(self, student_id: str, class_id: str) -> Target | None:
        """The child's standing target, if set and not cleared."""
        target = self._record(student_id, class_id, None)
        return target if target is not None and not target.cleared else None

    def for_day(self, student_id: str, class_id: str, day: date | None = None,
                ) -> Target | None:
        """The target that holds for the child on ``day`` (today unless named)."""
        rows = self._ctx.reader.records(KIND, class_id, {"student_id": student_id})
        return target_for_day(rows, day or self.today())

    def progress(self, class_id: str, student_ids: list[str] | None = None,
                 ) -> dict[str, Progress]:
        """Today's progress of each child of the class with a target today (of
        ``student_ids`` only, if given); children without one are left out."""
        day = self.today()
        targets = targets_for_day(self._ctx.reader.records(KIND, class_id), day)
        if student_ids is not None:
            wanted = set(student_ids)
            targets = {sid: t for sid, t in targets.items() if sid in wanted}
        if not targets:
            return {}
        window = day_window_ms(day, self._settings.timezone())
        few = list(targets) if student_ids is not None else None
        points = self._ctx.reader.points_by_skill(class_id, window, few)
        return {sid: progress(target, points.get(sid, {})) for sid, target in targets.items()}

    @staticmethod
    def concerns(changes: Changes) -> bool:
        """True if ``changes`` holds targets (set here or pulled from another device)."""
        return KIND in changes.records
