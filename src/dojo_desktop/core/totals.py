"""Totals: the sum of awards not undone, counted from the start of the period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dojo_desktop.core.model import Award


def period_totals(
    awards: Iterable[Award], undone_ids: set[str], start_ms: int
) -> dict[str, int]:
    """Points per student id for awards at or after ``start_ms`` that were not undone."""
    totals: dict[str, int] = defaultdict(int)
    for award in awards:
        if award.at_ms >= start_ms and award.id not in undone_ids:
            totals[award.student_id] += award.points
    return dict(totals)
