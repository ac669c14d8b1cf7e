"""The lesson timer's arithmetic: a countdown read from a monotonic clock, never from ticks.

Each reading takes the clock's value (seconds, e.g. ``time.monotonic()``), so a screen that
repaints late because the app was busy still shows the right time, and the end is noticed
at the first repaint after it, however many ticks were missed.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SECONDS = 99 * 60 + 59  # what mm:ss can show


@dataclass
class Countdown:
    """A countdown of ``duration`` seconds that can be started, paused and reset."""

    duration: float = 0.0
    _left_at_pause: float = 0.0
    _ends_at: float | None = None  # the clock's value at the end, while running

    def __post_init__(self) -> None:
        self.duration = _clamp(self.duration)
        self._left_at_pause = self.duration

    @property
    def running(self) -> bool:
        return self._ends_at is not None

    def remaining(self, now: float) -> float:
        """Seconds left at clock value ``now`` (never below zero)."""
        if self._ends_at is None:
            return self._left_at_pause
        return max(0.0, self._ends_at - now)

    def finished(self, now: float) -> bool:
        """True once a started countdown has reached zero."""
        return self._ends_at is not None and now >= self._ends_at

    def start(self, now: float) -> None:
        """Run from what is left (nothing happens when nothing is left)."""
        if self._ends_at is None and self._left_at_pause > 0:
            self._ends_at = now + self._left_at_pause

    def pause(self, now: float) -> None:
        """Stop, keeping what is left."""
        if self._ends_at is not None:
            self._left_at_pause = self.remaining(now)
            self._ends_at = None

    def reset(self) -> None:
        """Back to the whole duration, stopped."""
        self._ends_at = None
        self._left_at_pause = self.duration

    def set(self, seconds: float) -> None:
        """A new duration, stopped at its start."""
        self.duration = _clamp(seconds)
        self.reset()

    def add(self, seconds: float, now: float) -> None:
        """Add time to what is left (running or not); the duration grows with it."""
        left = self.remaining(now)
        grown = _clamp(left + seconds)
        self.duration = _clamp(self.duration + (grown - left))
        if self._ends_at is None:
            self._left_at_pause = grown
        else:
            self._ends_at = now + grown


def mm_ss(seconds: float) -> str:
    """``seconds`` as minutes and seconds, rounded up: 59.2 s left shows 01:00 → 00:59."""
    whole = int(seconds) + (seconds % 1 > 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _clamp(seconds: float) -> float:
    return min(float(MAX_SECONDS), max(0.0, float(seconds)))
