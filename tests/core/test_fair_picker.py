"""The fair picker: everyone in school once before anyone twice, absent children never."""

from __future__ import annotations

import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from dojo_desktop.core.fair_picker import FairBag

CLASS = [f"child-{i:02d}" for i in range(28)]


@given(seed=st.integers(0, 2**32), size=st.integers(1, 30), rounds=st.integers(1, 8),
       absent=st.sets(st.integers(0, 29), max_size=10))
def test_everyone_once_before_anyone_twice_and_absent_children_never(
        seed: int, size: int, rounds: int, absent: set[int]) -> None:
    children = [f"child-{i:02d}" for i in range(size)]
    in_school = [c for i, c in enumerate(children) if i not in absent]
    bag, rng = FairBag(), random.Random(seed)
    picks = [bag.draw(in_school, rng) for _ in range(len(in_school) * rounds)]
    if not in_school:
        assert picks == [] or set(picks) == {None}
        return
    for r in range(rounds):
        turn = picks[r * len(in_school):(r + 1) * len(in_school)]
        assert sorted(turn) == sorted(in_school)  # each child exactly once a round
    if len(in_school) > 1:
        assert all(a != b for a, b in itertools.pairwise(picks))


def test_a_child_back_from_the_office_gets_the_turn_they_missed() -> None:
    bag, rng = FairBag(), random.Random(1)
    away = CLASS[0]
    first = {bag.draw(CLASS[1:], rng) for _ in range(10)}
    assert away not in first
    rest = {bag.draw(CLASS, rng) for _ in range(len(CLASS) - 10)}
    assert away in rest and first | rest == set(CLASS)


def test_the_order_is_random() -> None:
    orders = set()
    for seed in range(20):
        bag, rng = FairBag(), random.Random(seed)
        orders.add(tuple(bag.draw(CLASS, rng) for _ in range(len(CLASS))))
    assert len(orders) == 20


def test_nobody_in_school_picks_nobody() -> None:
    assert FairBag().draw([], random.Random(0)) is None
