"""Awarding points, undoing them, and the totals and history the screens show."""

from __future__ import annotations

from dojo_desktop.core import events as ev
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import invalid
from dojo_desktop.services.settings import SettingsService
from dojo_desktop.services.views import AwardResult, Changes, HistoryEntry


class AwardService:
    """Awards and undos. Each call is one transaction; nothing waits on the network."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def give(self, class_id: str, student_ids: list[str], skill_id: str,
             note: str = "") -> AwardResult:
        """Award ``skill_id`` to each student: one batch, one transaction."""
        if not student_ids:
            raise invalid("award.no_students")
        skill = self._ctx.reader.skill(skill_id)
        if skill is None or skill.archived:
            raise invalid("award.skill_gone")
        batch_id = uuid7()
        at_ms = self._ctx.now_ms()
        events = []
        award_ids = []
        for student_id in dict.fromkeys(student_ids):
            award_id = uuid7()
            award_ids.append(award_id)
            events.append(ev.award_given(
                self._ctx.clock.now(), award_id=award_id, student_id=student_id,
                class_id=class_id, skill_id=skill_id, points=skill.points, batch_id=batch_id,
                at_ms=at_ms, note=note))
        self._ctx.record(events)
        return AwardResult(batch_id, tuple(award_ids), skill.points, skill,
                           Changes(students=frozenset(student_ids)))

    def undo(self, award_ids: list[str]) -> Changes:
        """Cancel awards (an ``award_undone`` event; nothing is deleted)."""
        awards = self._ctx.reader.awards(award_ids)
        pending = [a.id for a in awards if not a.undone]
        if not pending:
            return Changes()
        self._ctx.record([ev.award_undone(self._ctx.clock.now(), award_ids=pending,
                                          at_ms=self._ctx.now_ms())])
        return Changes(students=frozenset(a.student_id for a in awards if a.id in pending))

    def undo_batch(self, batch_id: str) -> Changes:
        """Cancel every award of one tap."""
        return self.undo(self._ctx.reader.awards_in_batch(batch_id))

    def period_window_ms(self) -> tuple[int, int | None]:
        """This period as UTC ms ``[start, end)``, by the school's rule."""
        s = self._settings
        return s.points_period().window_ms(self._ctx.now_ms(), s.timezone())

    def totals(self, class_id: str, student_ids: list[str] | None = None) -> dict[str, int]:
        """Points this period per student (students with none are left out)."""
        return self._ctx.reader.period_totals(class_id, self.period_window_ms(), student_ids)

    def class_total(self, class_id: str) -> int:
        return sum(self.totals(class_id).values())

    def history(self, student_id: str, class_id: str | None = None, limit: int = 200,
                offset: int = 0) -> list[HistoryEntry]:
        """A student's awards, newest first, including undone ones (marked)."""
        return [HistoryEntry(award, name, icon, award.undone) for award, name, icon
                in self._ctx.reader.history(student_id, class_id, limit, offset)]
