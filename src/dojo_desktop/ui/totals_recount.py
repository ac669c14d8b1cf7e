"""Totals checked against the database once the taps pause, off the path of each tap."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

RECOUNT_AFTER_MS = 300


class TotalsRecount(QObject):
    """Collects the students awarded lately and recounts them all in one query.

    A tap shows its new totals by adding the award's points to what the tiles show; this
    makes sure the tiles still agree with the database (a period that has just ended, an
    award another device made meanwhile) without a query on the tap itself.
    """

    def __init__(self, recount: Callable[[frozenset[str]], None], parent: QObject) -> None:
        super().__init__(parent)
        self._recount = recount
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_AFTER_MS)
        self._timer.timeout.connect(self.run_now)

    def note(self, student_ids: Iterable[str]) -> None:
        """Recount these students a little later (the wait restarts with every tap)."""
        self._pending.update(student_ids)
        self._timer.start()

    def is_pending(self) -> bool:
        return bool(self._pending)

    def run_now(self) -> None:
        self._timer.stop()
        ids, self._pending = frozenset(self._pending), set()
        if ids:
            self._recount(ids)

    def cancel(self) -> None:
        """Forget what is pending, e.g. when the window closes with the database."""
        self._timer.stop()
        self._pending.clear()
