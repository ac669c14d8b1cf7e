"""The lesson tools' use cases: a fair pick of a child, and groups made from the class.

Nothing here is stored: a fair picker's round lives in memory for this class and school day
(closing the app starts a new round, which is harmless: it is a game of turns, not a
record), and so do the pairs a teacher keeps apart in groups.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable
from datetime import date

from dojo_desktop.core.fair_picker import FairBag
from dojo_desktop.core.groups import group_count, make_groups
from dojo_desktop.core.model import Student
from dojo_desktop.services.attendance import AttendanceService
from dojo_desktop.services.awards import AwardService
from dojo_desktop.services.roster import RosterService


class LessonService:
    """Picks children in turn and makes groups, for one open classroom."""

    def __init__(self, roster: RosterService, awards: AwardService,
                 attendance: AttendanceService, rng: random.Random | None = None) -> None:
        self._roster, self._awards, self._attendance = roster, awards, attendance
        self._rng = rng or random.Random()
        self._bags: dict[tuple[str, date], FairBag] = {}
        self._apart: dict[str, set[frozenset[str]]] = {}

    def in_school(self, class_id: str) -> list[Student]:
        """The class's children, less those marked absent in today's register."""
        absent = self._attendance.absent(class_id)
        return [s for s in self._roster.students(class_id) if s.id not in absent]

    def pick(self, class_id: str) -> Student | None:
        """A child of the class at random: everyone in school once before anyone twice
        (today, on this device), never a child marked absent; None if nobody is in."""
        today = self._attendance.today()
        for key in [k for k in self._bags if k[1] != today]:
            del self._bags[key]  # yesterday's rounds
        children = {s.id: s for s in self.in_school(class_id)}
        chosen = self._bags.setdefault((class_id, today), FairBag()).draw(children, self._rng)
        return children.get(chosen) if chosen is not None else None

    def turns_left(self, class_id: str) -> int:
        """Children in school who have not had a turn in this round."""
        bag = self._bags.get((class_id, self._attendance.today()))
        picked = bag.picked if bag is not None else set()
        return sum(1 for s in self.in_school(class_id) if s.id not in picked)

    def apart(self, class_id: str) -> list[frozenset[str]]:
        """The pairs of children kept in different groups."""
        return sorted(self._apart.get(class_id, set()), key=sorted)

    def keep_apart(self, class_id: str, first: str, second: str, apart: bool = True) -> None:
        """Keep two children in different groups (or stop doing so)."""
        pairs = self._apart.setdefault(class_id, set())
        pair = frozenset((first, second))
        if len(pair) == 2:
            (pairs.add if apart else pairs.discard)(pair)

    def groups(self, class_id: str, *, size: int | None = None, count: int | None = None,
               balanced: bool = False) -> list[list[Student]]:
        """The children in school in groups of ``size`` (or ``count`` groups), at random
        or balanced by this period's points, the pairs kept apart in different groups."""
        children = {s.id: s for s in self.in_school(class_id)}
        if not children:
            return []
        k = group_count(len(children), size=size, count=count)
        points = self._awards.totals(class_id, list(children)) if balanced else None
        if points is not None:
            points = {child: points.get(child, 0) for child in children}
        made = make_groups(list(children), k, self._rng, points=points,
                           apart=self._pairs_among(class_id, children))
        return [[children[c] for c in group] for group in made]

    def _pairs_among(self, class_id: str, children: Collection[str]) -> Iterable[frozenset[str]]:
        return [p for p in self._apart.get(class_id, set()) if p <= set(children)]
