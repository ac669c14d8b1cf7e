"""Quiet hours: when a message written now reaches families, in the school's timezone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MONDAY_TO_FRIDAY = frozenset(range(5))


@dataclass(frozen=True)
class WorkingHours:
    """The hours messages go out: from ``start`` to ``end`` on ``days`` (0 = Monday)."""

    start: dt.time = dt.time(7, 30)
    end: dt.time = dt.time(18, 0)
    days: frozenset[int] = MONDAY_TO_FRIDAY

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("working hours must end after they start")
        if not self.days or not self.days <= frozenset(range(7)):
            raise ValueError("working hours need at least one day of the week (0..6)")

    def to_json(self) -> dict[str, object]:
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M"),
                "days": sorted(self.days)}

    @classmethod
    def from_json(cls, raw: object) -> WorkingHours:
        """Read what :meth:`to_json` wrote; raises ValueError on anything else."""
        if not isinstance(raw, dict):
            raise ValueError("working hours must be an object")
        try:
            return cls(dt.time.fromisoformat(str(raw["start"])),
                       dt.time.fromisoformat(str(raw["end"])),
                       frozenset(int(d) for d in raw["days"]))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"working hours are incomplete: {exc}") from exc


def hours_within_policy(policy: WorkingHours, wanted: WorkingHours) -> WorkingHours:
    """A teacher's own hours, kept inside the school's: never earlier, later or on more days.

    Raises ValueError when nothing of ``wanted`` lies inside the policy.
    """
    start = max(policy.start, wanted.start)
    end = min(policy.end, wanted.end)
    days = policy.days & wanted.days
    if start >= end or not days:
        raise ValueError("those hours lie outside the school's working hours")
    return WorkingHours(start, end, days)


def send_after_ms(now_ms: int, timezone: str, hours: WorkingHours,
                  urgent: bool = False) -> int | None:
    """``None`` if a message written at ``now_ms`` goes at once (urgent, or within working
    hours); otherwise the Unix ms of the next working morning in ``timezone``."""
    if urgent:
        return None
    zone = ZoneInfo(timezone)
    local = dt.datetime.fromtimestamp(now_ms / 1000, zone)
    if local.weekday() in hours.days and hours.start <= local.time() < hours.end:
        return None
    day = local.date()
    if local.time() >= hours.start or local.weekday() not in hours.days:
        day += dt.timedelta(days=1)
    while day.weekday() not in hours.days:
        day += dt.timedelta(days=1)
    morning = dt.datetime.combine(day, hours.start, zone)
    # A morning that falls in a DST gap is moved forward by the gap, as clocks do.
    return int(morning.timestamp() * 1000)
