"""One clock for every rising '+N': a whole-class award animates 28 tiles on one timer."""

from __future__ import annotations

import time
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

AWARD_ANIMATION_MS = 700
FRAME_MS = 16


class Animated(Protocol):
    """A widget that paints its '+N' at a progress from 0.0 to 1.0 (1.0: not showing)."""

    def set_award_progress(self, progress: float) -> None: ...


def ease_out_cubic(t: float) -> float:
    return 1.0 - (1.0 - t) ** 3


class AwardAnimator(QObject):
    """Drives the '+N' of every tile that shows one, each from its own start time.

    One timer for all of them rather than one animation object per tile: starting 28
    animations and running 28 timers cost more than painting the tiles.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._started: dict[Animated, float] = {}
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    def start(self, item: Animated) -> None:
        """Show ``item``'s '+N' from the beginning (again, if it was already rising)."""
        self._started[item] = time.perf_counter()
        item.set_award_progress(0.0)
        if not self._timer.isActive():
            self._timer.start()

    def stop(self, item: Animated) -> None:
        if self._started.pop(item, None) is not None:
            item.set_award_progress(1.0)

    def is_running(self, item: Animated) -> bool:
        return item in self._started

    def _tick(self) -> None:
        now = time.perf_counter()
        for item, started in list(self._started.items()):
            if isinstance(item, shiboken6.Shiboken.Object) and not shiboken6.isValid(item):
                del self._started[item]  # the tile was deleted with its class
                continue
            progress = (now - started) * 1000 / AWARD_ANIMATION_MS
            if progress >= 1.0:
                del self._started[item]
                item.set_award_progress(1.0)
            else:
                item.set_award_progress(ease_out_cubic(progress))
        if not self._started:
            self._timer.stop()


_shared: AwardAnimator | None = None


def award_animator() -> AwardAnimator:
    """The application's one animator (made on first use, owned by the application)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared):
        _shared = AwardAnimator(QCoreApplication.instance())
    return _shared
