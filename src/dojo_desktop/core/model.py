"""Domain records: classes, students, skills and awards as the app sees them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dojo_protocol.limits import MAX_POINTS, MIN_POINTS


class Polarity(StrEnum):
    """Whether a skill rewards (positive) or records something to work on."""

    POSITIVE = "positive"
    NEEDS_WORK = "needs_work"


@dataclass(frozen=True)
class ClassGroup:
    """A class of students (named ``ClassGroup`` because ``class`` is a keyword)."""

    id: str
    name: str
    year_group: str = ""
    archived: bool = False


@dataclass(frozen=True)
class Student:
    """A child on the roster. ``avatar`` is ``drawn:N`` or ``image:<sha256>``."""

    id: str
    first_name: str
    last_name: str
    avatar: str = "drawn:0"
    archived: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Skill:
    """Something an adult can award, with the written rule for when to award it."""

    id: str
    name: str
    icon: str
    polarity: Polarity
    points: int
    criteria: str = ""
    position: int = 0
    archived: bool = False
    class_id: str | None = None  # None: school-wide

    @property
    def is_positive(self) -> bool:
        return self.polarity is Polarity.POSITIVE


@dataclass(frozen=True)
class Award:
    """One point (or several) given to one student for one skill."""

    id: str
    student_id: str
    class_id: str
    skill_id: str
    points: int
    at_ms: int
    batch_id: str
    note: str = ""
    undone: bool = False


def check_skill_points(polarity: Polarity, points: int) -> None:
    """Raise ValueError unless ``points`` fits the polarity (1..5 or -5..-1)."""
    if polarity is Polarity.POSITIVE and not 1 <= points <= MAX_POINTS:
        raise ValueError(f"a positive skill gives 1 to {MAX_POINTS} points, not {points}")
    if polarity is Polarity.NEEDS_WORK and not MIN_POINTS <= points <= -1:
        raise ValueError(f"a needs-work skill gives -1 to {MIN_POINTS} points, not {points}")
