"""Hybrid logical clock: packing, ordering, monotonicity and folding in remote clocks."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dojo_desktop.core.hlc import Hlc, HybridClock
from dojo_protocol.events import all_hlcs, validate_hlc

DAY_MS = 86_400_000
T0 = 1_790_000_000_000  # a wall time in 2026

# A device id has no whitespace (the protocol's grammar): no spaces, controls or line breaks.
devices = st.text(st.characters(blacklist_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]),
                  min_size=1, max_size=40)
hlcs = st.builds(
    Hlc,
    wall_ms=st.integers(min_value=0, max_value=10**15 - 1),
    counter=st.integers(min_value=0, max_value=10**6 - 1),
    device=devices,
)


def stepping_wall(readings: list[int]) -> Callable[[], int]:
    """A wall clock that returns ``readings`` in turn, then repeats the last one."""
    remaining = list(readings)

    def wall() -> int:
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    return wall


@settings(deadline=None)
@given(hlcs)
def test_pack_parse_round_trip(stamp: Hlc) -> None:
    packed = stamp.pack()
    assert Hlc.parse(packed) == stamp
    assert Hlc.parse(packed).pack() == packed


@settings(deadline=None)
@given(st.lists(hlcs, min_size=2, max_size=30))
def test_packed_strings_sort_like_the_stamps(stamps: list[Hlc]) -> None:
    assert [s.pack() for s in sorted(stamps)] == sorted(s.pack() for s in stamps)
    for a, b in itertools.pairwise(stamps):
        assert (a < b) == (a.pack() < b.pack())
        assert (a == b) == (a.pack() == b.pack())


@settings(deadline=None)
@given(st.lists(hlcs, min_size=2, max_size=30, unique=True))
def test_sqlite_orders_packed_stamps_like_the_stamps(stamps: list[Hlc]) -> None:
    """Last-writer-wins compares packed HLCs in SQL, so SQLite must agree with Python."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE TABLE t (hlc TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [(s.pack(),) for s in stamps])
        in_sql = [r[0] for r in conn.execute("SELECT hlc FROM t ORDER BY hlc")]
    finally:
        conn.close()
    assert in_sql == [s.pack() for s in sorted(stamps)]


@pytest.mark.parametrize("junk", [
    "",
    "abc",
    "1-2-3",
    "000000000000001-000001-",  # no device
    "00000000000001-000001-dev",  # 14 wall digits
    "0000000000000001-000001-dev",  # 16 wall digits
    "000000000000001-00001-dev",  # 5 counter digits
    "000000000000001-0000001-dev",  # 7 counter digits
    "00000000000000a-000001-dev",
    "000000000000001-00000x-dev",
    "000000000000001_000001_dev",
    "-00000000000001-000001-dev",
])
def test_parse_rejects_malformed_text(junk: str) -> None:
    with pytest.raises(ValueError):
        Hlc.parse(junk)


@pytest.mark.parametrize("junk", [
    "+00000000000001-000001-dev",  # a sign
    " 00000000000001-000001-dev",  # a space
    "000000000_00001-000001-dev",  # a digit separator
    "000000000000001-00000١-dev",  # an Arabic-Indic digit
])
def test_parse_rejects_numbers_that_are_not_plain_digits(junk: str) -> None:
    """``int()`` accepts these, but they are not what ``pack`` writes and sort wrongly."""
    with pytest.raises(ValueError):
        Hlc.parse(junk)


_near_stamps = st.builds(
    lambda wall, counter, device: f"{wall}-{counter}-{device}",
    st.text(st.sampled_from("0123456789\u0661\u0663\uff11\u09e7 +_a"), min_size=14,
            max_size=16),
    st.text(st.sampled_from("0123456789\u0661\u0663\uff11 "), min_size=5, max_size=7),
    st.text(max_size=110))
_texts = st.one_of(st.text(max_size=40), _near_stamps, hlcs.map(Hlc.pack),
                   hlcs.map(lambda h: h.pack() + "\n"), hlcs.map(lambda h: h.pack() + " x"))


@settings(deadline=None, max_examples=500)
@given(_texts)
@example("000000000000001-00000\u0661-dev")
@example("\u0661" * 15 + "-000000-dev")
@example("000000000000001-000001-dev\n")
@example("000000000000001-000001-dev\u2028x")
@example("000000000000001-000001-" + "d" * 97)
@example("000000000000001-000001-" + "d" * 98)
def test_parse_takes_exactly_what_the_server_takes(text: str) -> None:
    """One grammar: the app reads every stamp the server stores, and no other."""
    try:
        Hlc.parse(text)
    except ValueError:
        parsed = False
    else:
        parsed = True
    assert parsed is (validate_hlc(text) is None) is all_hlcs([text])


@settings(deadline=None)
@given(hlcs)
def test_every_stamp_the_app_packs_is_one_the_server_takes(stamp: Hlc) -> None:
    assert validate_hlc(stamp.pack()) is None


@settings(deadline=None)
@given(st.text(max_size=40))
def test_parse_accepts_only_what_pack_writes(text: str) -> None:
    try:
        stamp = Hlc.parse(text)
    except ValueError:
        return
    assert stamp.pack() == text


def test_monotonic_when_the_wall_clock_steps_back() -> None:
    readings = [T0, T0, T0 - 1, T0 - 60_000, T0 - DAY_MS, T0 + 1, T0 + 1, T0 - 5]
    clock = HybridClock("dev-a", wall=stepping_wall(readings))
    made = [clock.now() for _ in readings]
    assert all(a < b for a, b in itertools.pairwise(made))
    assert [s.wall_ms for s in made] == [T0, T0, T0, T0, T0, T0 + 1, T0 + 1, T0 + 1]
    assert all(s.device == "dev-a" for s in made)
    packed = [s.pack() for s in made]
    assert packed == sorted(packed)


def test_a_restarted_clock_continues_after_its_last_stamp() -> None:
    """The app restores the clock from the last HLC it stored; the wall may be behind."""
    last = Hlc(T0 + 5_000, 7, "dev-a")
    clock = HybridClock("dev-a", last, wall=lambda: T0)
    assert clock.now() > last
    assert clock.now() > last


@pytest.mark.parametrize("offset_ms", [DAY_MS, -DAY_MS, 0])
def test_local_stamps_after_observe_order_after_the_remote(offset_ms: int) -> None:
    wall = [T0]
    clock = HybridClock("dev-local", wall=lambda: wall[0])
    before = clock.now()
    remote = Hlc(T0 + offset_ms, 42, "dev-remote")
    clock.observe(remote)
    after = [clock.now()]
    for step in (1, 1_000, 60_000):  # local time moves on, still behind a remote a day ahead
        wall[0] += step
        after.append(clock.now())
    assert all(stamp > remote for stamp in after)
    assert all(stamp > before for stamp in after)
    assert all(a < b for a, b in itertools.pairwise(after))
    assert all(stamp.pack() > remote.pack() for stamp in after)


def test_a_remote_a_day_ahead_is_left_behind_once_the_wall_clock_passes_it() -> None:
    wall = [T0]
    clock = HybridClock("dev-local", wall=lambda: wall[0])
    remote = Hlc(T0 + DAY_MS, 3, "dev-remote")
    clock.observe(remote)
    held = clock.now()
    assert (held.wall_ms, held.counter) == (T0 + DAY_MS, 4)
    wall[0] = T0 + DAY_MS + 10
    caught_up = clock.now()
    assert (caught_up.wall_ms, caught_up.counter) == (T0 + DAY_MS + 10, 0)
    assert caught_up > held > remote


operations = st.lists(
    st.one_of(
        st.tuples(st.just("now"), st.integers(min_value=T0 - DAY_MS, max_value=T0 + DAY_MS)),
        st.tuples(st.just("observe"), hlcs.filter(lambda h: h.wall_ms < 10**14)),
    ),
    min_size=1,
    max_size=40,
)


@settings(deadline=None)
@given(operations)
def test_every_stamp_is_later_than_everything_made_or_observed_before(
    ops: list[tuple[str, object]],
) -> None:
    wall = [T0]
    clock = HybridClock("dev-local", wall=lambda: wall[0])
    newest: Hlc | None = None
    for op, arg in ops:
        if op == "observe":
            assert isinstance(arg, Hlc)
            clock.observe(arg)
            newest = arg if newest is None or (arg.wall_ms, arg.counter) > (
                newest.wall_ms, newest.counter) else newest
        else:
            assert isinstance(arg, int)
            wall[0] = arg
            stamp = clock.now()
            if newest is not None:
                assert (stamp.wall_ms, stamp.counter) > (newest.wall_ms, newest.counter)
            newest = stamp
