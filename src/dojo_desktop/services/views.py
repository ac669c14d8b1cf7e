"""What the services hand to the UI: read models and the changes a write made."""

from __future__ import annotations

from dataclasses import dataclass, field

from dojo_desktop.core.model import Award, Skill, Student


@dataclass(frozen=True)
class StudentCard:
    """A student as a tile shows them: who, and their points this period."""

    student: Student
    points: int
    avatar_path: str | None = None  # a local image file when the avatar is an image

    @property
    def id(self) -> str:
        return self.student.id


@dataclass(frozen=True)
class HistoryEntry:
    """One award in a student's history."""

    award: Award
    skill_name: str
    skill_icon: str
    undone: bool


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each screen repaints only that (cf. Anki's OpChanges)."""

    students: frozenset[str] = field(default_factory=frozenset)
    classes: bool = False
    skills: bool = False
    settings: bool = False
    preferences: bool = False
    roster: bool = False  # students added, removed or renamed: rebuild the grid
    stories: bool = False  # story posts, edits, approvals
    messages: bool = False  # messages, receipts, guardian links
    records: frozenset[str] = field(default_factory=frozenset)  # record kinds changed


@dataclass(frozen=True)
class AwardResult:
    """The outcome of one tap: the batch, its awards and what to repaint."""

    batch_id: str
    award_ids: tuple[str, ...]
    points: int
    skill: Skill
    changes: Changes
