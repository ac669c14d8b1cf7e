"""Backoff: full jitter under an exponential ceiling capped at 60 s; Retry-After wins."""

from __future__ import annotations

from dojo_desktop.sync.scheduler import Backoff


def test_ceiling_doubles_up_to_the_cap() -> None:
    backoff = Backoff(base=0.5, cap=60.0, rng=lambda: 1.0)
    delays = [backoff.next_delay() for _ in range(10)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]


def test_full_jitter_spreads_between_zero_and_the_ceiling() -> None:
    values = iter([0.0, 0.25, 0.999])
    backoff = Backoff(base=4.0, cap=60.0, rng=lambda: next(values))
    assert backoff.next_delay() == 0.0
    assert backoff.next_delay() == 2.0
    assert 15.9 < backoff.next_delay() < 16.0


def test_retry_after_is_honoured_and_reset_starts_over() -> None:
    backoff = Backoff(base=0.5, cap=60.0, rng=lambda: 0.1)
    assert backoff.next_delay(retry_after=7.0) == 7.0
    backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() == 0.05
