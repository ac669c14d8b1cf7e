"""UUIDv7 ids: layout, version and variant bits, creation order, embedded time."""

from __future__ import annotations

import itertools
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import given, settings
from hypothesis import strategies as st

from dojo_desktop.core import ids
from dojo_desktop.core.ids import uuid7, uuid7_time_ms

UUID7_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
MAX_MS = (1 << 48) - 1


@contextmanager
def fresh_id_state() -> Iterator[None]:
    """Start from "no id made yet" so explicit ``now_ms`` values are used as given.

    The generator keeps the last millisecond it used (that is what makes it monotonic),
    so a test that feeds it arbitrary times resets that memory and puts it back after.
    """
    saved = ids._last_ms, ids._last_rand
    ids._last_ms, ids._last_rand = 0, 0
    try:
        yield
    finally:
        ids._last_ms, ids._last_rand = saved


def test_text_form_version_and_variant() -> None:
    for _ in range(200):
        value = uuid7()
        assert UUID7_TEXT.match(value), value
        parsed = uuid.UUID(value)
        assert parsed.version == 7
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == value


def test_default_time_is_the_wall_clock() -> None:
    before = time.time_ns() // 1_000_000
    value = uuid7()
    after = time.time_ns() // 1_000_000
    assert before - 1 <= uuid7_time_ms(value) <= after + 1


def test_ids_in_the_same_millisecond_sort_in_creation_order() -> None:
    with fresh_id_state():
        made = [uuid7(now_ms=1_700_000_000_000) for _ in range(2000)]
    assert len(set(made)) == len(made)
    assert made == sorted(made)
    assert [uuid.UUID(v).int for v in made] == sorted(uuid.UUID(v).int for v in made)
    assert {uuid7_time_ms(v) for v in made} == {1_700_000_000_000}
    assert all(uuid.UUID(v).version == 7 and uuid.UUID(v).variant == uuid.RFC_4122
               for v in made)


def test_ids_across_milliseconds_sort_by_time() -> None:
    with fresh_id_state():
        made = [uuid7(now_ms=1_700_000_000_000 + ms) for ms in range(0, 500, 3)]
    assert made == sorted(made)
    assert [uuid7_time_ms(v) for v in made] == list(range(1_700_000_000_000,
                                                          1_700_000_000_500, 3))


def test_a_clock_stepping_back_never_breaks_the_order() -> None:
    with fresh_id_state():
        first = uuid7(now_ms=5_000)
        stepped_back = uuid7(now_ms=4_000)
        later = uuid7(now_ms=5_001)
    assert first < stepped_back < later
    assert uuid7_time_ms(stepped_back) == 5_000  # held at the newest time seen
    assert uuid7_time_ms(later) == 5_001


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=MAX_MS))
def test_time_round_trips(now_ms: int) -> None:
    with fresh_id_state():
        value = uuid7(now_ms=now_ms)
    assert uuid7_time_ms(value) == now_ms
    assert UUID7_TEXT.match(value)


@settings(deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=MAX_MS), min_size=1, max_size=60))
def test_any_sequence_of_clock_readings_gives_increasing_ids(readings: list[int]) -> None:
    with fresh_id_state():
        made = [uuid7(now_ms=ms) for ms in readings]
    assert all(a < b for a, b in itertools.pairwise(made))
    # The embedded time is the latest reading so far: never earlier, never invented.
    running_max = 0
    for ms, value in zip(readings, made, strict=True):
        running_max = max(running_max, ms)
        assert uuid7_time_ms(value) == running_max


def test_ids_made_on_many_threads_are_unique() -> None:
    made: list[list[str]] = [[] for _ in range(8)]

    def work(out: list[str]) -> None:
        out.extend(uuid7() for _ in range(2000))

    threads = [threading.Thread(target=work, args=(out,)) for out in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [v for out in made for v in out]
    assert len(set(everything)) == len(everything) == 16000
    for out in made:  # each thread sees its own ids in creation order
        assert out == sorted(out)
