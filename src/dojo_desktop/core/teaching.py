"""Who is teaching on a shared device (a room's board): a name picked, a PIN typed.

Picking a name needs no PIN: awards from then on carry that person. Anything that speaks
for them (a post, a message, an approval) needs their PIN, which confirms them for a short
while. A picked name is forgotten after two hours without a tap, or when the school day
changes, so the next lesson's teacher never acts under the last one's name. Wrong PINs
are limited: after a few, that name waits a minute before the next try.
"""

from __future__ import annotations

from dataclasses import dataclass, field

IDLE_MS = 2 * 60 * 60 * 1000  # a picked name lasts this long after the last tap
CONFIRMED_MS = 5 * 60 * 1000  # a PIN speaks for its person this long after their last act
MAX_ATTEMPTS = 5  # wrong PINs in a row for one name, then a wait
LOCKED_MS = 60 * 1000


@dataclass(frozen=True)
class StaffMember:
    """A member of staff as devices know them (a ``staff_member`` record)."""

    id: str
    name: str  # as families see it: "Ms Rossi"
    role: str
    has_pin: bool = False


@dataclass
class TeachingSession:
    """The person picked on this device today, and until when their PIN holds."""

    staff_id: str | None = None
    day: str = ""  # the school day it was picked on (YYYY-MM-DD)
    last_ms: int = 0  # the last tap under this name
    confirmed_ms: int | None = None  # when the PIN was typed or last used

    def pick(self, staff_id: str | None, now_ms: int, day: str) -> None:
        """``staff_id`` is teaching from now (None: nobody); their PIN is asked anew."""
        if staff_id != self.staff_id:
            self.confirmed_ms = None
        self.staff_id, self.day, self.last_ms = staff_id, day, now_ms

    def current(self, now_ms: int, day: str) -> str | None:
        """Who is teaching, or None (nobody picked, or the name has expired)."""
        if self.staff_id is not None and (day != self.day
                                          or now_ms - self.last_ms > IDLE_MS):
            self.pick(None, now_ms, day)
        return self.staff_id

    def touch(self, now_ms: int, day: str) -> None:
        """A tap under the current name: it lasts two hours from now."""
        if self.current(now_ms, day) is not None:
            self.last_ms = now_ms

    def confirm(self, staff_id: str, now_ms: int, day: str) -> None:
        """``staff_id`` typed their PIN: they are teaching, and may speak for a while."""
        self.pick(staff_id, now_ms, day)
        self.confirmed_ms = now_ms

    def confirmed(self, now_ms: int, day: str) -> str | None:
        """Who may speak now without typing their PIN again, or None."""
        staff_id = self.current(now_ms, day)
        if staff_id is None or self.confirmed_ms is None:
            return None
        if now_ms - self.confirmed_ms > CONFIRMED_MS:
            self.confirmed_ms = None
            return None
        return staff_id

    def spoke(self, now_ms: int) -> None:
        """The confirmed person acted: their PIN holds for a while from now."""
        if self.confirmed_ms is not None:
            self.confirmed_ms = self.last_ms = now_ms


@dataclass
class PinAttempts:
    """Wrong PINs per name: after :data:`MAX_ATTEMPTS` in a row, a wait of a minute."""

    wrong: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, int] = field(default_factory=dict)

    def wait_ms(self, staff_id: str, now_ms: int) -> int:
        """How long ``staff_id`` must wait before the next try (0: they may try now)."""
        return max(0, self.locked_until.get(staff_id, 0) - now_ms)

    def failed(self, staff_id: str, now_ms: int) -> int:
        """Count a wrong PIN; returns the tries left before the wait (0: waiting now)."""
        wrong = self.wrong.get(staff_id, 0) + 1
        if wrong >= MAX_ATTEMPTS:
            self.locked_until[staff_id] = now_ms + LOCKED_MS
            wrong = 0
        self.wrong[staff_id] = wrong
        return 0 if wrong == 0 else MAX_ATTEMPTS - wrong

    def succeeded(self, staff_id: str) -> None:
        self.wrong.pop(staff_id, None)
        self.locked_until.pop(staff_id, None)
