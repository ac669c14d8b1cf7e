"""The lesson timer: minutes and seconds set with big buttons, a huge mm:ss countdown, and
a soft chime at the end. Time is read from a monotonic clock at every tick, so a busy app
repaints late but never runs slow."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from dojo_desktop.core.countdown import Countdown, mm_ss
from dojo_desktop.ui.lesson_tools.sizing import big_button, big_label, pixel_font, room_unit
from dojo_desktop.ui.lesson_tools.tool_page import Board, ToolPage

TICK_MS = 200  # how often the numbers are redrawn; the time itself comes from the clock
PRESET_MINUTES = (1, 2, 5, 10)
DEFAULT_SECONDS = 5 * 60


class TimerTool(ToolPage):
    """A countdown for the class: +1 min, +10 s, presets, start/pause and reset."""

    def __init__(self, board: Board, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(board, parent)
        self.clock = clock  # seconds, monotonic: the time is read from it at each tick
        self.countdown = Countdown(DEFAULT_SECONDS)
        self._chimed = False
        self._ticks = QTimer(self)
        self._ticks.setInterval(TICK_MS)
        self._ticks.timeout.connect(self.tick)

        self.display = big_label(self, self.tr("Time left"))
        self.display.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.status = big_label(self, self.tr("Timer status"))
        self.add_minute = big_button(self, self.tr("+1 min"), self.tr("Add one minute"))
        self.add_minute.clicked.connect(lambda: self._add(60))
        self.add_seconds = big_button(self, self.tr("+10 s"), self.tr("Add ten seconds"))
        self.add_seconds.clicked.connect(lambda: self._add(10))
        self.presets = []
        for minutes in PRESET_MINUTES:
            button = big_button(self, self.tr("{n} min").format(n=minutes),
                                self.tr("Set the timer to {n} min").format(n=minutes))
            button.clicked.connect(lambda _=False, m=minutes: self.set_seconds(m * 60))
            self.presets.append(button)
        self.start_pause = big_button(self, self.tr("Start"), primary=True)
        self.start_pause.clicked.connect(self.toggle)
        self.reset = big_button(self, self.tr("Reset"), self.tr("Reset the timer"))
        self.reset.clicked.connect(self._reset)

        adjust = QGridLayout()
        for column, button in enumerate((self.add_minute, self.add_seconds, *self.presets)):
            adjust.addWidget(button, 0, column)
        run = QHBoxLayout()
        run.addStretch(1)
        run.addWidget(self.start_pause, 2)
        run.addWidget(self.reset, 1)
        run.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.display, 3)
        layout.addWidget(self.status)
        layout.addLayout(adjust)
        layout.addLayout(run)
        self._layout = layout
        self._show()

    def main_control(self) -> QWidget:
        return self.start_pause

    def restyle(self, unit: int) -> None:
        # The digits take most of the sheet: about a third of its height (less on a short
        # window, where the buttons' touch size takes more of it).
        room = room_unit(self)
        self.display.setFont(pixel_font(self, unit * 4.2 if room >= unit else room * 3.2))
        self.status.setFont(pixel_font(self, unit * 0.55))
        run_height = max(unit, round(min(unit, room) * 1.4))
        self.start_pause.setMinimumHeight(run_height)
        self.reset.setMinimumHeight(run_height)
        self._layout.setSpacing(min(unit, room) // 3)

    # Setting ----------------------------------------------------------------------------

    def set_seconds(self, seconds: float) -> None:
        """A new duration, stopped at its start (a preset)."""
        self.countdown.set(seconds)
        self._stopped()

    def _add(self, seconds: float) -> None:
        now = self.clock()
        if self.countdown.finished(now):
            self.countdown.set(0)
        self.countdown.add(seconds, now)
        self._chimed = False
        self._show()

    def _reset(self) -> None:
        self.countdown.reset()
        self._stopped()

    def _stopped(self) -> None:
        self._ticks.stop()
        self._chimed = False
        self._show()

    # Running ----------------------------------------------------------------------------

    def toggle(self) -> None:
        """Start, or pause a running countdown (after the end: start again from the top)."""
        now = self.clock()
        if self.countdown.running and not self.countdown.finished(now):
            self.countdown.pause(now)
            self._ticks.stop()
        else:
            if self.countdown.finished(now):
                self.countdown.reset()
            self.countdown.start(now)
            self._chimed = False
            if self.countdown.running:
                self._ticks.start()
        self._show()

    def tick(self) -> None:
        """Redraw from the clock; at the end, chime once and stop ticking."""
        if self.countdown.finished(self.clock()) and not self._chimed:
            self._chimed = True
            self._ticks.stop()
            self.board.chime()
        self._show()

    def set_class(self, class_id: str | None) -> None:
        # The timer belongs to the lesson, not to one class, and keeps running; only the
        # window closing (no class) stops it.
        super().set_class(class_id)
        if class_id is None:
            self._ticks.stop()

    def _show(self) -> None:
        now = self.clock()
        left = self.countdown.remaining(now)
        finished = self.countdown.finished(now)
        self.display.setText(mm_ss(left))
        self.display.setAccessibleName(self.tr("Time left: {time}").format(time=mm_ss(left)))
        self.display.setStyleSheet("color: #B45309;" if finished else "color: #0F172A;")
        if finished:
            status = self.tr("Time is up!")
        elif self.countdown.running:
            status = self.tr("Counting down")
        elif left == 0:
            status = self.tr("Choose a time, then Start")
        elif left < self.countdown.duration:
            status = self.tr("Paused")
        else:
            status = self.tr("Ready")
        self.status.setText(status)
        running = self.countdown.running and not finished
        self.start_pause.setText(self.tr("Pause") if running else self.tr("Start"))
        self.start_pause.setAccessibleName(self.start_pause.text())
