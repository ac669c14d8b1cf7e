"""One clock for every rising '+N': a whole-class award animates 28 tiles on one timer.

The '+N' pops up out of the avatar, stays still long enough to be read from the back of
the room, then fades. While it stays still nothing is repainted: a long '+N' costs no more
frames than a short one.
"""

from __future__ import annotations

import time
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from dojo_desktop.ui.scale import app_scale

AWARD_ANIMATION_MS = 1800
FRAME_MS = 16
RISE_END = 0.18  # of the animation: the '+N' has risen ...
FADE_START = 0.75  # ... and stays, full strength, until here


class Animated(Protocol):
    """A widget that paints its '+N' at a progress from 0.0 to 1.0 (1.0: not showing)."""

    def set_award_progress(self, progress: float) -> None: ...


def ease_out_cubic(t: float) -> float:
    return 1.0 - (1.0 - t) ** 3


def award_look(progress: float) -> tuple[float, float]:
    """How far the '+N' has risen (0.0 to 1.0) and how opaque it is at ``progress``."""
    rise = ease_out_cubic(min(1.0, progress / RISE_END))
    opacity = 1.0 if progress <= FADE_START else \
        max(0.0, (1.0 - progress) / (1.0 - FADE_START))
    return rise, opacity


class AwardAnimator(QObject):
    """Drives the '+N' of every tile that shows one, each from its own start time.

    One timer for all of them rather than one animation object per tile: starting 28
    animations and running 28 timers cost more than painting the tiles.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._started: dict[Animated, float] = {}
        self._shown: dict[Animated, tuple[float, float]] = {}
        self.text_px = 0  # the '+N''s least font size, for the screen of the last award
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    def start(self, item: Animated) -> None:
        """Show ``item``'s '+N' from the beginning (again, if it was already rising)."""
        self._started[item] = time.perf_counter()
        self._shown.pop(item, None)
        if not self._timer.isActive():  # once for a whole-class award's 28 tiles
            self.text_px = app_scale(item if isinstance(item, QWidget) else None).award_px
            self._timer.start()
        item.set_award_progress(0.0)

    def stop(self, item: Animated) -> None:
        self._shown.pop(item, None)
        if self._started.pop(item, None) is not None:
            item.set_award_progress(1.0)

    def is_running(self, item: Animated) -> bool:
        return item in self._started

    def _tick(self) -> None:
        now = time.perf_counter()
        for item, started in list(self._started.items()):
            if isinstance(item, shiboken6.Shiboken.Object) and not shiboken6.isValid(item):
                del self._started[item]  # the tile was deleted with its class
                self._shown.pop(item, None)
                continue
            progress = (now - started) * 1000 / AWARD_ANIMATION_MS
            if progress >= 1.0:
                del self._started[item]
                self._shown.pop(item, None)
                item.set_award_progress(1.0)
            else:
                look = award_look(progress)
                if self._shown.get(item) != look:  # at rest: nothing to repaint
                    self._shown[item] = look
                    item.set_award_progress(progress)
        if not self._started:
            self._timer.stop()


_shared: AwardAnimator | None = None


def award_animator() -> AwardAnimator:
    """The application's one animator (made on first use, owned by the application)."""
    global _shared
    if _shared is None or not shiboken6.isValid(_shared):
        _shared = AwardAnimator(QCoreApplication.instance())
    return _shared
