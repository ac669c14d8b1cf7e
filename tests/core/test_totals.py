"""Totals: the sum of awards not undone, counted from the start of the period."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dojo_desktop.core.model import Award
from dojo_desktop.core.totals import period_totals

START = 1_000_000


def award(award_id: str, student: str, points: int, at_ms: int, batch: str | None = None,
          ) -> Award:
    return Award(award_id, student, "class-1", "skill-1", points, at_ms, batch or award_id)


def test_sums_points_per_student_from_the_period_start() -> None:
    awards = [
        award("a1", "ann", 1, START - 1),  # last period
        award("a2", "ann", 2, START),  # exactly at the start: counted
        award("a3", "ann", 1, START + 10),
        award("a4", "bob", -1, START + 20),
        award("a5", "bob", 3, START + 30),
    ]
    assert period_totals(awards, set(), START) == {"ann": 3, "bob": 2}


def test_an_undone_single_award_is_not_counted() -> None:
    awards = [award("a1", "ann", 2, START + 1), award("a2", "ann", 1, START + 2)]
    assert period_totals(awards, {"a1"}, START) == {"ann": 1}


def test_an_undone_batch_is_not_counted_for_anyone() -> None:
    batch = [award(f"b{i}", student, 1, START + 5, batch="batch-1")
             for i, student in enumerate(["ann", "bob", "cat"])]
    other = [award("c1", "ann", 2, START + 6), award("c2", "cat", -1, START + 7)]
    undone = {a.id for a in batch}
    assert period_totals(batch + other, undone, START) == {"ann": 2, "cat": -1}
    assert period_totals(batch + other, set(), START) == {"ann": 3, "bob": 1, "cat": 0}


def test_a_student_whose_only_award_was_undone_has_no_total() -> None:
    awards = [award("a1", "ann", 1, START + 1), award("a2", "bob", 1, START + 1)]
    assert period_totals(awards, {"a2"}, START) == {"ann": 1}


def test_undoing_an_award_from_before_the_period_changes_nothing() -> None:
    awards = [award("old", "ann", 5, START - 100), award("new", "ann", 1, START + 100)]
    assert period_totals(awards, {"old"}, START) == period_totals(awards, set(), START)


def test_unknown_undone_ids_are_ignored() -> None:
    awards = [award("a1", "ann", 1, START)]
    assert period_totals(awards, {"not-an-award"}, START) == {"ann": 1}


def test_no_awards_no_totals() -> None:
    assert period_totals([], {"x"}, START) == {}


awards_lists = st.lists(
    st.builds(
        award,
        award_id=st.uuids().map(str),
        student=st.sampled_from(["ann", "bob", "cat", "dev"]),
        points=st.integers(min_value=-5, max_value=5).filter(bool),
        at_ms=st.integers(min_value=START - 5_000, max_value=START + 5_000),
    ),
    max_size=40,
    unique_by=lambda a: a.id,
)


@settings(deadline=None)
@given(awards_lists, st.data())
def test_undoing_removes_exactly_the_undone_points(awards: list[Award], data: st.DataObject,
                                                   ) -> None:
    undone = set(data.draw(st.sets(st.sampled_from([a.id for a in awards]))
                           if awards else st.just(set())))
    everything = period_totals(awards, set(), START)
    remaining = period_totals(awards, undone, START)
    for student in {a.student_id for a in awards}:
        removed = sum(a.points for a in awards
                      if a.student_id == student and a.id in undone and a.at_ms >= START)
        assert remaining.get(student, 0) == everything.get(student, 0) - removed
    counted = {a.student_id for a in awards if a.at_ms >= START and a.id not in undone}
    assert set(remaining) == counted
