"""Points periods: which awards the big screen counts, in the school's timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class PeriodKind(StrEnum):
    """How often the totals on the tiles start again from zero."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    TERM = "term"
    NEVER = "never"


# Autumn, spring and summer terms; a school sets its own dates.
DEFAULT_TERM_STARTS: tuple[tuple[int, int], ...] = ((9, 1), (1, 1), (4, 15))


def period_start_ms(
    kind: PeriodKind,
    now_ms: int,
    timezone: str,
    week_starts_on: int = 0,
    term_starts: tuple[tuple[int, int], ...] = DEFAULT_TERM_STARTS,
) -> int:
    """The UTC millisecond at which the current period began (0 for ``never``).

    The boundary is local midnight in ``timezone``, so a weekly period starts at Monday
    00:00 school time whatever the season: a DST change moves the UTC instant, not the
    wall-clock one. ``week_starts_on`` is 0 for Monday … 6 for Sunday.
    """
    if kind is PeriodKind.NEVER:
        return 0
    zone = ZoneInfo(timezone)
    today = datetime.fromtimestamp(now_ms / 1000, tz=zone).date()
    if kind is PeriodKind.DAILY:
        first = today
    elif kind is PeriodKind.WEEKLY:
        first = today - timedelta(days=(today.weekday() - week_starts_on) % 7)
    elif kind is PeriodKind.MONTHLY:
        first = today.replace(day=1)
    else:
        first = _term_start(today, term_starts)
    return _local_midnight_ms(first, zone)


def _term_start(today: date, term_starts: tuple[tuple[int, int], ...]) -> date:
    candidates = [
        date(year, month, day)
        for year in (today.year - 1, today.year)
        for month, day in term_starts
    ]
    return max(d for d in candidates if d <= today)


def _local_midnight_ms(day: date, zone: ZoneInfo) -> int:
    local = datetime.combine(day, time(0, 0), tzinfo=zone)
    return int(local.astimezone(UTC).timestamp() * 1000)
