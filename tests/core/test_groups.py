"""Groups: sizes within one, chosen pairs apart, balanced groups close in points."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dojo_desktop.core.groups import group_count, make_groups, spread


def children(n: int) -> list[str]:
    return [f"c{i:02d}" for i in range(n)]


@given(n=st.integers(1, 32), k=st.integers(1, 10), seed=st.integers(0, 2**32))
def test_every_child_once_and_sizes_within_one(n: int, k: int, seed: int) -> None:
    kids = children(n)
    groups = make_groups(kids, k, random.Random(seed))
    assert sorted(c for g in groups for c in g) == kids
    assert len(groups) == min(k, n)
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 1


@st.composite
def apart_pairs(draw: st.DrawFn) -> tuple[int, int, list[tuple[str, str]]]:
    """A class, a number of groups, and pairs that can always be kept apart: each child in
    at most one pair (two or more groups can always part a pair)."""
    n = draw(st.integers(4, 32))
    k = draw(st.integers(2, max(2, n // 2)))
    kids = draw(st.permutations(children(n)))
    count = draw(st.integers(0, n // 2))
    return n, k, [(kids[2 * i], kids[2 * i + 1]) for i in range(count)]


@given(case=apart_pairs(), seed=st.integers(0, 2**32), balanced=st.booleans(),
       scores=st.lists(st.integers(-5, 60), min_size=32, max_size=32))
def test_pairs_kept_apart_stay_apart(case: tuple[int, int, list[tuple[str, str]]], seed: int,
                                     balanced: bool, scores: list[int]) -> None:
    n, k, pairs = case
    points = dict(zip(children(n), scores, strict=False)) if balanced else None
    groups = make_groups(children(n), k, random.Random(seed), points=points, apart=pairs)
    where = {c: i for i, g in enumerate(groups) for c in g}
    assert all(where[a] != where[b] for a, b in pairs)
    sizes = [len(g) for g in groups]
    assert max(sizes) - min(sizes) <= 1


@given(n=st.integers(2, 32), k=st.integers(2, 8), seed=st.integers(0, 2**32),
       scores=st.lists(st.integers(0, 60), min_size=32, max_size=32))
def test_balanced_groups_are_within_one_childs_points_of_each_other(
        n: int, k: int, seed: int, scores: list[int]) -> None:
    points = dict(zip(children(n), scores, strict=False))
    groups = make_groups(children(n), k, random.Random(seed), points=points)
    assert spread(groups, points) <= max(points.values())


def test_balanced_beats_random_on_a_class_of_real_totals() -> None:
    rng = random.Random(7)
    points = {c: rng.randint(0, 40) for c in children(28)}
    balanced = make_groups(children(28), 7, random.Random(1), points=points)
    dealt = [spread(make_groups(children(28), 7, random.Random(s)), points) for s in range(50)]
    assert spread(balanced, points) <= 3
    assert spread(balanced, points) < min(dealt)


@pytest.mark.parametrize(("n", "size", "count", "expected"), [
    (28, 4, None, 7), (28, 5, None, 6), (3, 4, None, 1), (28, None, 3, 3), (2, None, 5, 2),
])
def test_how_many_groups(n: int, size: int | None, count: int | None, expected: int) -> None:
    assert group_count(n, size=size, count=count) == expected
