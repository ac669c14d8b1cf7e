"""A fair random pick: every child once before anyone twice, children not in school skipped."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class FairBag:
    """The children picked in the current round. A round ends when every child in school
    has had a turn; a child away at their turn keeps it for when they are back."""

    picked: set[str] = field(default_factory=set)
    last: str | None = None

    def draw(self, in_school: Iterable[str], rng: random.Random) -> str | None:
        """One child of ``in_school`` who has not had a turn this round (a new round when
        all have); None when nobody is in school. The last child of a round is not the
        first of the next, where there is anyone else."""
        present = sorted(set(in_school))
        if not present:
            return None
        waiting = [child for child in present if child not in self.picked]
        if not waiting:
            self.picked.clear()
            waiting = [child for child in present if child != self.last] or present
        chosen = rng.choice(waiting)
        self.picked.add(chosen)
        self.last = chosen
        return chosen
