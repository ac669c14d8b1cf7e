"""SkillEditorDialog on a teacher's device and on a leader's: only a leader changes a skill
every class uses; a teacher adds and changes the skills of their class."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.settings import STAFF_ROLE
from dojo_desktop.ui.skill_editor import SkillEditorDialog

LOCKED = "Why this skill cannot be changed here"


@pytest.fixture
def class_id(classroom: Classroom) -> str:
    return classroom.roster.create_class("4B")[0].id


def open_editor(qtbot: QtBot, classroom: Classroom, class_id: str | None,
                role: str) -> SkillEditorDialog:
    classroom.settings.set_preference(STAFF_ROLE, role)  # as pairing keeps it
    dialog = SkillEditorDialog(classroom, class_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def select(editor: SkillEditorDialog, name: str) -> None:
    widget = named(editor, QListWidget, "Skills")
    rows = [i for i in range(widget.count()) if widget.item(i).text().startswith(name)]
    widget.setCurrentRow(rows[0])


def rename(qtbot: QtBot, editor: SkillEditorDialog, name: str) -> None:
    edit = named(editor, QLineEdit, "Skill name")
    edit.clear()
    qtbot.keyClicks(edit, name)


def test_a_teacher_sees_why_a_school_wide_skill_cannot_be_changed(
        qtbot: QtBot, classroom: Classroom, class_id: str) -> None:
    editor = open_editor(qtbot, classroom, class_id, "teacher")
    select(editor, "Teamwork")
    assert not named(editor, QLineEdit, "Skill name").isEnabled()
    assert not named(editor, QPushButton, "Save").isEnabled()
    assert not named(editor, QPushButton, "Archive").isEnabled()
    reason = named(editor, QLabel, LOCKED)
    assert reason.isVisible()
    assert "only a school leader can change it" in reason.text()
    assert "add a skill for this class" in reason.text()


def test_a_teacher_adds_a_skill_for_their_class_by_keyboard(
        qtbot: QtBot, classroom: Classroom, class_id: str) -> None:
    editor = open_editor(qtbot, classroom, class_id, "teacher")
    select(editor, "Teamwork")
    click(qtbot, editor, "Add a skill for this class")
    only_here = named(editor, QCheckBox, "Only for this class")
    assert only_here.isChecked() and not only_here.isEnabled()
    assert not named(editor, QLabel, LOCKED).isVisible()
    rename(qtbot, editor, "Tidy tables")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        qtbot.keyClick(named(editor, QLineEdit, "Skill name"), Qt.Key.Key_Return)
    saved = next(s for s in classroom.skills.list(class_id) if s.name == "Tidy tables")
    assert saved.class_id == class_id
    # Their own class's skill stays theirs to change.
    select(editor, "Tidy tables")
    assert named(editor, QPushButton, "Save").isEnabled()
    assert not named(editor, QLabel, LOCKED).isVisible()


def test_a_teacher_without_a_class_cannot_add_a_skill_for_everyone(
        qtbot: QtBot, classroom: Classroom) -> None:
    editor = open_editor(qtbot, classroom, None, "teacher")
    assert not named(editor, QPushButton, "Add a skill for this class").isEnabled()


def test_a_leader_renames_a_school_wide_skill(
        qtbot: QtBot, classroom: Classroom, class_id: str) -> None:
    editor = open_editor(qtbot, classroom, class_id, "leader")
    select(editor, "Teamwork")
    assert not named(editor, QLabel, LOCKED).isVisible()
    assert named(editor, QCheckBox, "Only for this class").isEnabled()
    rename(qtbot, editor, "Great teamwork")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        click(qtbot, editor, "Save")
    renamed = next(s for s in classroom.skills.list() if s.name == "Great teamwork")
    assert renamed.class_id is None
    named(editor, QPushButton, "Add skill")  # for the whole school or one class
