"""Points periods: which awards count as "this period", in the school's timezone. One rule
for the board's tiles and the family portal, read from the school's synced settings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The school settings (``setting_changed`` keys) the rule reads.
PERIOD_KEY = "period"
WEEK_START_KEY = "week_starts_on"
TERM_STARTS_KEY = "term_starts"
TIMEZONE_KEY = "timezone"


class PeriodKind(StrEnum):
    """How often the totals on the tiles start again from zero."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    TERM = "term"
    NEVER = "never"


# Autumn, spring and summer terms; a school sets its own dates.
DEFAULT_TERM_STARTS: tuple[tuple[int, int], ...] = ((9, 1), (1, 1), (4, 15))


@dataclass(frozen=True)
class SchoolPeriod:
    """The school's points period: its kind, the weekday weeks start on (0 Monday … 6
    Sunday) and the terms' first days."""

    kind: PeriodKind = PeriodKind.WEEKLY
    week_starts_on: int = 0
    term_starts: tuple[tuple[int, int], ...] = DEFAULT_TERM_STARTS

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> SchoolPeriod:
        """The period the school's settings (decoded values by key) describe; a value
        that cannot be read leaves that part at its default, as on every device."""
        try:
            kind = PeriodKind(settings.get(PERIOD_KEY, PeriodKind.WEEKLY.value))
        except ValueError:
            kind = PeriodKind.WEEKLY
        try:
            week_start = int(settings.get(WEEK_START_KEY, 0)) % 7
        except (TypeError, ValueError):
            week_start = 0
        raw = settings.get(TERM_STARTS_KEY)
        try:
            terms = tuple((int(m), int(d)) for m, d in raw) if raw else DEFAULT_TERM_STARTS
            for month, day in terms:
                date(2001, month, day)  # a day of every year: not 29 February
        except (TypeError, ValueError):
            terms = DEFAULT_TERM_STARTS
        return cls(kind, week_start, terms)

    def first_day(self, now_ms: int, timezone: str) -> date | None:
        """The local date the current period began on; None for ``never``."""
        return period_first_day(self.kind, now_ms, timezone, self.week_starts_on,
                                self.term_starts)

    def start_ms(self, now_ms: int, timezone: str) -> int:
        """The UTC millisecond at which the current period began (0 for ``never``)."""
        return period_start_ms(self.kind, now_ms, timezone, self.week_starts_on,
                               self.term_starts)

    def window_ms(self, now_ms: int, timezone: str) -> tuple[int, int | None]:
        """The current period as UTC milliseconds ``[start, end)``: an award counts in it
        only if its time falls inside, so one stamped ahead by a device whose clock runs
        fast counts in the period of its date, never in this one and the next too.
        ``end`` is None for ``never``."""
        return period_window_ms(self.kind, now_ms, timezone, self.week_starts_on,
                                self.term_starts)


def period_first_day(kind: PeriodKind, now_ms: int, timezone: str, week_starts_on: int = 0,
                     term_starts: tuple[tuple[int, int], ...] = DEFAULT_TERM_STARTS,
                     ) -> date | None:
    """The local date in ``timezone`` the period holding ``now_ms`` began on (None for
    ``never``). ``week_starts_on`` is 0 for Monday … 6 for Sunday."""
    if kind is PeriodKind.NEVER:
        return None
    today = datetime.fromtimestamp(now_ms / 1000, tz=ZoneInfo(timezone)).date()
    if kind is PeriodKind.DAILY:
        return today
    if kind is PeriodKind.WEEKLY:
        return today - timedelta(days=(today.weekday() - week_starts_on) % 7)
    if kind is PeriodKind.MONTHLY:
        return today.replace(day=1)
    return _term_start(today, term_starts)


def period_start_ms(kind: PeriodKind, now_ms: int, timezone: str, week_starts_on: int = 0,
                    term_starts: tuple[tuple[int, int], ...] = DEFAULT_TERM_STARTS) -> int:
    """The UTC millisecond at which the current period began (0 for ``never``).

    The boundary is local midnight in ``timezone``, so a weekly period starts at 00:00
    school time on its first weekday whatever the season: a DST change moves the UTC
    instant, not the wall-clock one.
    """
    first = period_first_day(kind, now_ms, timezone, week_starts_on, term_starts)
    return 0 if first is None else _local_midnight_ms(first, ZoneInfo(timezone))


def period_window_ms(kind: PeriodKind, now_ms: int, timezone: str, week_starts_on: int = 0,
                     term_starts: tuple[tuple[int, int], ...] = DEFAULT_TERM_STARTS,
                     ) -> tuple[int, int | None]:
    """The period holding ``now_ms`` as UTC milliseconds ``[start, end)``, both at local
    midnight in ``timezone``; ``(0, None)`` for ``never``."""
    first = period_first_day(kind, now_ms, timezone, week_starts_on, term_starts)
    if first is None:
        return 0, None
    zone = ZoneInfo(timezone)
    return (_local_midnight_ms(first, zone),
            _local_midnight_ms(_next_first_day(kind, first, term_starts), zone))


def _next_first_day(kind: PeriodKind, first: date,
                    term_starts: tuple[tuple[int, int], ...]) -> date:
    """The first day of the period after the one that began on ``first``."""
    if kind is PeriodKind.DAILY:
        return first + timedelta(days=1)
    if kind is PeriodKind.WEEKLY:
        return first + timedelta(days=7)
    if kind is PeriodKind.MONTHLY:
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return min(date(year, month, day) for year in (first.year, first.year + 1)
               for month, day in term_starts if date(year, month, day) > first)


def decoded_settings(values: Mapping[str, str]) -> dict[str, Any]:
    """Settings as ``setting_changed`` carries them (JSON text by key), decoded; a value
    that is not JSON is left out."""
    decoded: dict[str, Any] = {}
    for key, text in values.items():
        try:
            decoded[key] = json.loads(text)
        except ValueError:
            continue
    return decoded


def school_timezone(settings: Mapping[str, Any], fallback: str) -> str:
    """The timezone the school set in its settings, if it is one, else ``fallback``."""
    name = settings.get(TIMEZONE_KEY)
    if isinstance(name, str) and name:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return fallback
        return name
    return fallback


def school_day(now_ms: int, timezone: str) -> date:
    """The local date in ``timezone`` at ``now_ms``."""
    return datetime.fromtimestamp(now_ms / 1000, tz=ZoneInfo(timezone)).date()


def day_window_ms(day: date, timezone: str) -> tuple[int, int]:
    """The school day ``day`` as UTC milliseconds ``[start, end)``, local midnight to
    midnight in ``timezone``."""
    zone = ZoneInfo(timezone)
    return _local_midnight_ms(day, zone), _local_midnight_ms(day + timedelta(days=1), zone)


def _term_start(today: date, term_starts: tuple[tuple[int, int], ...]) -> date:
    candidates = [date(year, month, day) for year in (today.year - 1, today.year)
                  for month, day in term_starts]
    return max(d for d in candidates if d <= today)


def _local_midnight_ms(day: date, zone: ZoneInfo) -> int:
    local = datetime.combine(day, time(0, 0), tzinfo=zone)
    return int(local.astimezone(UTC).timestamp() * 1000)
