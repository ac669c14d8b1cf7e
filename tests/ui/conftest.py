"""UI test setup: Qt offscreen, and small factories for cards and skills."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.core.default_skills import DEFAULT_SKILLS
from dojo_desktop.core.model import Skill, Student
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.main_window import MainWindow

FIRST_NAMES = (
    "Amira", "Ben", "Chloe", "Dev", "Elif", "Farah", "George", "Hana", "Isaac", "Jia",
    "Kofi", "Lena", "Mateo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tomasz",
    "Uma", "Victor", "Wren", "Xavier", "Yusuf", "Zara", "Aleksandra", "Bartholomew",
)
LAST_NAMES = (
    "Khan", "Okafor", "Smith", "Patel", "Yilmaz", "Haddad", "Brown", "Sato", "Cohen", "Li",
    "Mensah", "Novak", "Garcia", "Adeyemi", "Berg", "Sharma", "Doyle", "Silva", "Nasser",
    "Kowalczyk", "Iyer", "Dubois", "Walsh", "Ortiz", "Demir", "Ahmed", "Wojciechowska", "Jones",
)


def make_card(
    index: int = 0,
    points: int = 0,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    avatar: str | None = None,
    avatar_path: str | None = None,
) -> StudentCard:
    """A card for student number ``index`` (ids are stable: ``student-00`` ...)."""
    student = Student(
        id=f"student-{index:02d}",
        first_name=first_name or FIRST_NAMES[index % len(FIRST_NAMES)],
        last_name=last_name or LAST_NAMES[index % len(LAST_NAMES)],
        avatar=avatar or f"drawn:{index}",
    )
    return StudentCard(student=student, points=points, avatar_path=avatar_path)


def make_cards(count: int = 28) -> list[StudentCard]:
    return [make_card(i, points=(i * 7) % 23) for i in range(count)]


def make_skills() -> list[Skill]:
    return [
        Skill(
            id=f"skill-{i}",
            name=name,
            icon=icon,
            polarity=polarity,
            points=points,
            criteria=criteria,
            position=i,
        )
        for i, (name, icon, polarity, points, criteria) in enumerate(DEFAULT_SKILLS)
    ]


@pytest.fixture
def cards() -> list[StudentCard]:
    return make_cards()


@pytest.fixture
def skills() -> list[Skill]:
    return make_skills()


@pytest.fixture
def card_factory() -> Callable[..., StudentCard]:
    """``card_factory(index, points, first_name=..., ...)`` builds one StudentCard."""
    return make_card


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    """The main window on the demo class in a fresh data folder, shown at laptop size."""
    classroom = open_classroom(data_dir)
    win = open_main_window(classroom, demo=True)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    classroom.close()
