"""Points periods: boundaries at local midnight in the school's timezone, across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dojo_protocol.periods import (
    DEFAULT_TERM_STARTS,
    PeriodKind,
    period_start_ms,
    period_window_ms,
)

LONDON = "Europe/London"


def ms(year: int, month: int, day: int, hour: int = 0, minute: int = 0, *,
       zone: str = "UTC", second: int = 0, micro: int = 0) -> int:
    """The UTC millisecond of a wall-clock time in ``zone``."""
    local = datetime(year, month, day, hour, minute, second, micro, tzinfo=ZoneInfo(zone))
    return int(local.timestamp() * 1000)


def utc(ms_value: int) -> datetime:
    return datetime.fromtimestamp(ms_value / 1000, tz=UTC)


def local(ms_value: int, zone: str) -> datetime:
    return datetime.fromtimestamp(ms_value / 1000, tz=ZoneInfo(zone))


@pytest.mark.parametrize(("zone", "monday_utc"), [
    # Wednesday 14 January 2026 -> Monday 12 January 00:00 local.
    (LONDON, datetime(2026, 1, 12, 0, 0, tzinfo=UTC)),  # GMT, +0
    ("America/New_York", datetime(2026, 1, 12, 5, 0, tzinfo=UTC)),  # EST, -5
    ("Australia/Sydney", datetime(2026, 1, 11, 13, 0, tzinfo=UTC)),  # AEDT, +11
    ("Asia/Kolkata", datetime(2026, 1, 11, 18, 30, tzinfo=UTC)),  # IST, +5:30
])
def test_weekly_starts_monday_midnight_school_time(zone: str, monday_utc: datetime) -> None:
    now = ms(2026, 1, 14, 10, 30, zone=zone)
    start = period_start_ms(PeriodKind.WEEKLY, now, zone)
    assert utc(start) == monday_utc
    assert local(start, zone).replace(tzinfo=None) == datetime(2026, 1, 12)


@pytest.mark.parametrize("zone", [LONDON, "America/New_York", "Australia/Sydney",
                                  "Asia/Kolkata"])
def test_sunday_night_and_monday_morning_are_different_weeks(zone: str) -> None:
    sunday_late = ms(2026, 1, 18, 23, 59, zone=zone, second=59, micro=999_000)
    monday_first = ms(2026, 1, 19, 0, 0, zone=zone)
    assert monday_first - sunday_late == 1
    sunday_week = period_start_ms(PeriodKind.WEEKLY, sunday_late, zone)
    monday_week = period_start_ms(PeriodKind.WEEKLY, monday_first, zone)
    assert sunday_week == ms(2026, 1, 12, zone=zone)
    assert monday_week == monday_first
    assert sunday_late < monday_week  # an award on Sunday night is not counted on Monday


def test_the_same_utc_instant_is_a_different_week_in_different_zones() -> None:
    # Sunday 18 Jan 2026 20:00 UTC is already Monday morning in Sydney and Kolkata.
    now = ms(2026, 1, 18, 20, 0)
    assert utc(period_start_ms(PeriodKind.WEEKLY, now, "America/New_York")) == datetime(
        2026, 1, 12, 5, 0, tzinfo=UTC)
    assert utc(period_start_ms(PeriodKind.WEEKLY, now, "Australia/Sydney")) == datetime(
        2026, 1, 18, 13, 0, tzinfo=UTC)
    assert utc(period_start_ms(PeriodKind.WEEKLY, now, "Asia/Kolkata")) == datetime(
        2026, 1, 18, 18, 30, tzinfo=UTC)


def test_weekly_across_the_spring_dst_change_in_london() -> None:
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    during = ms(2026, 3, 29, 12, 0, zone=LONDON)
    assert utc(period_start_ms(PeriodKind.WEEKLY, during, LONDON)) == datetime(
        2026, 3, 23, 0, 0, tzinfo=UTC)  # Monday 23 March 00:00 GMT
    after = ms(2026, 3, 31, 9, 0, zone=LONDON)
    assert utc(period_start_ms(PeriodKind.WEEKLY, after, LONDON)) == datetime(
        2026, 3, 29, 23, 0, tzinfo=UTC)  # Monday 30 March 00:00 BST
    # The last minute of Sunday (BST) is still the old week.
    sunday_late = ms(2026, 3, 29, 23, 59, zone=LONDON)
    assert utc(period_start_ms(PeriodKind.WEEKLY, sunday_late, LONDON)) == datetime(
        2026, 3, 23, 0, 0, tzinfo=UTC)


def test_weekly_across_the_autumn_dst_change_in_london() -> None:
    # Clocks go back at 02:00 BST on Sunday 25 October 2026; 01:00-02:00 happens twice.
    during = ms(2026, 10, 25, 12, 0, zone=LONDON)
    assert utc(period_start_ms(PeriodKind.WEEKLY, during, LONDON)) == datetime(
        2026, 10, 18, 23, 0, tzinfo=UTC)  # Monday 19 October 00:00 BST
    repeated_hour = int(datetime(2026, 10, 25, 1, 30, tzinfo=UTC).timestamp() * 1000)
    assert local(repeated_hour, LONDON).hour == 1  # the second 01:30 is at 01:30 UTC
    assert period_start_ms(PeriodKind.WEEKLY, repeated_hour, LONDON) == int(
        datetime(2026, 10, 18, 23, 0, tzinfo=UTC).timestamp() * 1000)
    after = ms(2026, 10, 27, 9, 0, zone=LONDON)
    assert utc(period_start_ms(PeriodKind.WEEKLY, after, LONDON)) == datetime(
        2026, 10, 26, 0, 0, tzinfo=UTC)  # Monday 26 October 00:00 GMT


@pytest.mark.parametrize(("now_local", "start_utc"), [
    # The DST days themselves start at local midnight (before the change).
    (datetime(2026, 3, 29, 0, 30), datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
    (datetime(2026, 3, 29, 15, 0), datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
    (datetime(2026, 3, 30, 8, 0), datetime(2026, 3, 29, 23, 0, tzinfo=UTC)),
    (datetime(2026, 10, 25, 0, 30), datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),
    (datetime(2026, 10, 25, 18, 0), datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),
    (datetime(2026, 10, 26, 8, 0), datetime(2026, 10, 26, 0, 0, tzinfo=UTC)),
])
def test_daily_on_and_around_dst_days_starts_at_local_midnight(
    now_local: datetime, start_utc: datetime,
) -> None:
    now = int(now_local.replace(tzinfo=ZoneInfo(LONDON)).timestamp() * 1000)
    start = period_start_ms(PeriodKind.DAILY, now, LONDON)
    assert utc(start) == start_utc
    assert local(start, LONDON).time() == time(0, 0)
    assert local(start, LONDON).date() == now_local.date()


def test_a_dst_day_is_23_or_25_hours_long() -> None:
    def day_length(day: date) -> timedelta:
        noon = ms(day.year, day.month, day.day, 12, zone=LONDON)
        next_noon = ms(day.year, day.month, day.day + 1, 12, zone=LONDON)
        return timedelta(milliseconds=period_start_ms(PeriodKind.DAILY, next_noon, LONDON)
                         - period_start_ms(PeriodKind.DAILY, noon, LONDON))

    assert day_length(date(2026, 3, 29)) == timedelta(hours=23)
    assert day_length(date(2026, 10, 25)) == timedelta(hours=25)
    assert day_length(date(2026, 6, 10)) == timedelta(hours=24)


@pytest.mark.parametrize(("now_local", "first_local"), [
    (datetime(2026, 1, 31, 23, 59), datetime(2026, 1, 1)),
    (datetime(2026, 2, 1, 0, 0), datetime(2026, 2, 1)),
    (datetime(2026, 3, 31, 12, 0), datetime(2026, 3, 1)),
    (datetime(2026, 12, 31, 23, 0), datetime(2026, 12, 1)),
])
def test_monthly_starts_on_the_first_at_local_midnight(
    now_local: datetime, first_local: datetime,
) -> None:
    zone = "America/New_York"
    now = int(now_local.replace(tzinfo=ZoneInfo(zone)).timestamp() * 1000)
    start = period_start_ms(PeriodKind.MONTHLY, now, zone)
    assert local(start, zone).replace(tzinfo=None) == first_local


@pytest.mark.parametrize(("today", "term_first"), [
    (date(2026, 1, 1), date(2026, 1, 1)),
    (date(2026, 2, 10), date(2026, 1, 1)),
    (date(2026, 4, 14), date(2026, 1, 1)),
    (date(2026, 4, 15), date(2026, 4, 15)),
    (date(2026, 8, 31), date(2026, 4, 15)),
    (date(2026, 9, 1), date(2026, 9, 1)),
    (date(2026, 12, 31), date(2026, 9, 1)),
])
def test_term_with_the_default_term_dates(today: date, term_first: date) -> None:
    assert DEFAULT_TERM_STARTS == ((9, 1), (1, 1), (4, 15))
    now = ms(today.year, today.month, today.day, 10, zone=LONDON)
    start = period_start_ms(PeriodKind.TERM, now, LONDON)
    assert local(start, LONDON).replace(tzinfo=None) == datetime.combine(term_first, time())


@pytest.mark.parametrize(("today", "term_first"), [
    (date(2026, 1, 3), date(2025, 8, 25)),  # before this year's first term: last year's
    (date(2026, 1, 5), date(2026, 1, 5)),
    (date(2026, 8, 24), date(2026, 1, 5)),
    (date(2026, 8, 25), date(2026, 8, 25)),
])
def test_term_with_a_schools_own_dates(today: date, term_first: date) -> None:
    terms = ((8, 25), (1, 5))
    zone = "Australia/Sydney"
    now = ms(today.year, today.month, today.day, 10, zone=zone)
    start = period_start_ms(PeriodKind.TERM, now, zone, term_starts=terms)
    assert local(start, zone).replace(tzinfo=None) == datetime.combine(term_first, time())


def test_never_counts_from_the_beginning() -> None:
    for zone in (LONDON, "Asia/Kolkata"):
        assert period_start_ms(PeriodKind.NEVER, ms(2026, 5, 5, 12), zone) == 0


def test_week_starting_on_sunday() -> None:
    zone = "America/New_York"
    saturday = ms(2026, 1, 17, 23, 0, zone=zone)
    sunday = ms(2026, 1, 18, 0, 0, zone=zone)
    monday = ms(2026, 1, 19, 9, 0, zone=zone)
    assert period_start_ms(PeriodKind.WEEKLY, saturday, zone, week_starts_on=6) == ms(
        2026, 1, 11, zone=zone)
    assert period_start_ms(PeriodKind.WEEKLY, sunday, zone, week_starts_on=6) == sunday
    assert period_start_ms(PeriodKind.WEEKLY, monday, zone, week_starts_on=6) == sunday
    # With the default (Monday) the same Sunday belongs to the week before.
    assert period_start_ms(PeriodKind.WEEKLY, sunday, zone) == ms(2026, 1, 12, zone=zone)


ZONES = sorted(available_timezones())
PERIOD_DAYS = {PeriodKind.DAILY: 1, PeriodKind.WEEKLY: 7, PeriodKind.MONTHLY: 31,
               PeriodKind.TERM: 366}
INSTANTS = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31),
                        timezones=st.just(UTC))
RESETTING_KINDS = st.sampled_from([PeriodKind.DAILY, PeriodKind.WEEKLY, PeriodKind.MONTHLY,
                                   PeriodKind.TERM])


@settings(deadline=None)
@given(instant=INSTANTS, zone=st.sampled_from(ZONES), kind=RESETTING_KINDS,
       week_starts_on=st.integers(min_value=0, max_value=6))
def test_a_period_starts_at_the_beginning_of_a_local_day_at_or_before_now(
    instant: datetime, zone: str, kind: PeriodKind, week_starts_on: int,
) -> None:
    now = int(instant.timestamp() * 1000)
    start = period_start_ms(kind, now, zone, week_starts_on)
    assert start <= now
    assert now - start < (PERIOD_DAYS[kind] + 1) * 86_400_000
    first = local(start, zone)
    # The start is the first instant of a local day: a millisecond earlier is another day.
    assert local(start - 1, zone).date() < first.date()
    midnight = datetime.combine(first.date(), time(0, 0), tzinfo=ZoneInfo(zone))
    midnight_exists = local(int(midnight.timestamp() * 1000), zone).replace(
        tzinfo=None) == midnight.replace(tzinfo=None)
    if midnight_exists:  # in a few zones a DST change skips midnight itself
        assert first.time() == time(0, 0)
        assert first.microsecond == 0
        if kind is PeriodKind.WEEKLY:
            assert first.weekday() == week_starts_on
        if kind is PeriodKind.MONTHLY:
            assert first.day == 1
    today = local(now, zone).date()
    assert first.date() <= today


@settings(deadline=None)
@given(instant=INSTANTS, zone=st.sampled_from(ZONES), kind=RESETTING_KINDS,
       week_starts_on=st.integers(min_value=0, max_value=6))
def test_periods_tile_time_each_instant_in_exactly_one(
    instant: datetime, zone: str, kind: PeriodKind, week_starts_on: int,
) -> None:
    now = int(instant.timestamp() * 1000)
    start, end = period_window_ms(kind, now, zone, week_starts_on)
    assert end is not None
    assert start == period_start_ms(kind, now, zone, week_starts_on)
    assert start <= now < end
    # The next period begins where this one ends, and the one before ends where it begins:
    # an award's time falls in one period only, whatever "now" a device asks at.
    assert period_window_ms(kind, end, zone, week_starts_on)[0] == end
    assert period_window_ms(kind, end - 1, zone, week_starts_on) == (start, end)
    assert period_window_ms(kind, start - 1, zone, week_starts_on)[1] == start


def test_the_week_ends_where_the_next_one_starts_and_never_has_no_end() -> None:
    wednesday = ms(2026, 1, 14, 10, 30, zone=LONDON)
    assert period_window_ms(PeriodKind.WEEKLY, wednesday, LONDON) == (
        ms(2026, 1, 12, zone=LONDON), ms(2026, 1, 19, zone=LONDON))
    assert period_window_ms(PeriodKind.MONTHLY, ms(2026, 12, 31, 23, zone=LONDON), LONDON) == (
        ms(2026, 12, 1, zone=LONDON), ms(2027, 1, 1, zone=LONDON))
    assert period_window_ms(PeriodKind.TERM, ms(2026, 12, 31, 23, zone=LONDON), LONDON) == (
        ms(2026, 9, 1, zone=LONDON), ms(2027, 1, 1, zone=LONDON))
    assert period_window_ms(PeriodKind.NEVER, wednesday, LONDON) == (0, None)


def test_the_rule_reads_the_schools_settings_and_defaults_what_it_cannot_read() -> None:
    from dojo_protocol.periods import SchoolPeriod

    assert SchoolPeriod.from_settings({}) == SchoolPeriod()
    read = SchoolPeriod.from_settings(
        {"period": "monthly", "week_starts_on": 6, "term_starts": [[9, 5], [1, 6]]})
    assert read == SchoolPeriod(PeriodKind.MONTHLY, 6, ((9, 5), (1, 6)))
    unreadable = SchoolPeriod.from_settings(
        {"period": "fortnightly", "week_starts_on": "Sunday", "term_starts": [[2, 30]]})
    assert unreadable == SchoolPeriod()
