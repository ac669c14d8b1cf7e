"""Which children's targets have been celebrated today: once per child and school day."""

from __future__ import annotations

from datetime import date


class DailyCelebrations:
    """Remembers, for the current school day, the children already celebrated (or who had
    reached their target when the board first showed it); a new day starts afresh."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._done: set[str] = set()

    def _on(self, day: date) -> None:
        if day != self._day:
            self._day, self._done = day, set()

    def first_time(self, student_id: str, day: date) -> bool:
        """True the first time on ``day`` that ``student_id`` reaches their target."""
        self._on(day)
        if student_id in self._done:
            return False
        self._done.add(student_id)
        return True

    def already(self, student_id: str, day: date) -> None:
        """``student_id`` had reached it before the board saw: no celebration today."""
        self._on(day)
        self._done.add(student_id)
