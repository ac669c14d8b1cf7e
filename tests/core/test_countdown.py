"""The lesson timer's countdown: read from the clock at each look, so missed ticks never
slow it down, and shown as mm:ss rounded up."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dojo_desktop.core.countdown import MAX_SECONDS, Countdown, mm_ss


def test_it_counts_from_the_clock_not_from_ticks() -> None:
    timer = Countdown(300)
    timer.start(now=1000.0)
    # Nobody looked for 4 minutes (the app was busy): the time left is still right.
    assert timer.remaining(1240.0) == 60.0
    assert not timer.finished(1240.0)
    assert timer.finished(1300.0) and timer.remaining(1400.0) == 0.0


def test_pause_keeps_what_is_left_and_reset_goes_back_to_the_whole() -> None:
    timer = Countdown(120)
    timer.start(0.0)
    timer.pause(30.0)
    assert timer.remaining(500.0) == 90.0 and not timer.running
    timer.start(500.0)
    assert timer.remaining(510.0) == 80.0
    timer.reset()
    assert timer.remaining(9999.0) == 120.0 and not timer.finished(9999.0)


def test_adding_time_while_running_moves_the_end() -> None:
    timer = Countdown()
    timer.add(60, now=0.0)
    timer.add(10, now=0.0)
    assert timer.duration == 70
    timer.start(0.0)
    timer.add(60, now=50.0)
    assert timer.remaining(50.0) == 80.0 and timer.duration == 130
    timer.start(60.0)  # already running: nothing changes
    assert timer.remaining(60.0) == 70.0


def test_nothing_to_count_does_not_start_and_the_top_is_99_59() -> None:
    timer = Countdown(0)
    timer.start(0.0)
    assert not timer.running and not timer.finished(10.0)
    timer.set(10_000)
    assert timer.duration == MAX_SECONDS
    timer.add(60, now=0.0)
    assert timer.remaining(0.0) == MAX_SECONDS


@given(st.integers(0, MAX_SECONDS * 1000).map(lambda ms: ms / 1000))
def test_mm_ss_rounds_up_so_zero_shows_only_at_the_end(seconds: float) -> None:
    shown = mm_ss(seconds)
    minutes, secs = (int(part) for part in shown.split(":"))
    assert 0 <= secs < 60
    assert seconds <= minutes * 60 + secs < seconds + 1
    assert (shown == "00:00") == (seconds == 0)


def test_mm_ss_examples() -> None:
    assert [mm_ss(s) for s in (0, 0.2, 59.2, 60, 61, 600)] == [
        "00:00", "00:01", "01:00", "01:00", "01:01", "10:00"]
