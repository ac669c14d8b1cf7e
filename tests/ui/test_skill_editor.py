"""SkillEditorDialog: add, check, archive and reorder skills against a real classroom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
)
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.core.model import Polarity, Skill
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.skill_editor import ICON_NAMES, SkillEditorDialog


@pytest.fixture
def class_id(classroom: Classroom) -> str:
    return classroom.roster.create_class("4B")[0].id


@pytest.fixture
def editor(qtbot: QtBot, classroom: Classroom, class_id: str) -> SkillEditorDialog:
    dialog = SkillEditorDialog(classroom, class_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def list_texts(editor: SkillEditorDialog) -> list[str]:
    widget = named(editor, QListWidget, "Skills")
    return [widget.item(i).text() for i in range(widget.count())]


def select(editor: SkillEditorDialog, name: str) -> None:
    widget = named(editor, QListWidget, "Skills")
    rows = [i for i in range(widget.count()) if widget.item(i).text().startswith(name)]
    widget.setCurrentRow(rows[0])


def fill_form(qtbot: QtBot, editor: SkillEditorDialog, name: str, criteria: str = "") -> None:
    for field, text in (("Skill name", name), ("What earns this", criteria)):
        edit = named(editor, QLineEdit, field)
        edit.clear()
        qtbot.keyClicks(edit, text)


def names(skills: list[Skill]) -> list[str]:
    return [s.name for s in skills]


def test_lists_every_skill_with_points_and_archived_greyed(
        qtbot: QtBot, classroom: Classroom, class_id: str) -> None:
    off_task = next(s for s in classroom.skills.list() if s.name == "Off task")
    classroom.skills.archive(off_task.id)
    dialog = SkillEditorDialog(classroom, class_id, None)
    qtbot.addWidget(dialog)
    texts = list_texts(dialog)
    assert len(texts) == len(classroom.skills.list(include_archived=True))
    assert "Helping others   +1" in texts
    assert "Off task   −1 (archived)" in texts


def test_add_a_skill_through_the_form(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom) -> None:
    click(qtbot, editor, "Add skill")
    fill_form(qtbot, editor, "Kindness", "Was kind to someone who needed it.")
    click(qtbot, editor, "Icon: rocket")
    named(editor, QSpinBox, "Points").setValue(3)
    with qtbot.waitSignal(editor.changed, timeout=1000):
        click(qtbot, editor, "Save")
    saved = [s for s in classroom.skills.list() if s.name == "Kindness"]
    assert len(saved) == 1
    assert (saved[0].icon, saved[0].points, saved[0].polarity, saved[0].class_id) == (
        "rocket", 3, Polarity.POSITIVE, None)
    assert saved[0].criteria == "Was kind to someone who needed it."
    assert "Kindness   +3" in list_texts(editor)
    assert editor.selected_skill() == saved[0]


def test_needs_work_skill_gets_negative_points_and_can_be_class_only(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom, class_id: str) -> None:
    click(qtbot, editor, "Add skill")
    fill_form(qtbot, editor, "Calling out")
    spin = named(editor, QSpinBox, "Points")
    spin.setValue(2)
    qtbot.mouseClick(named(editor, QRadioButton, "Needs work"), Qt.MouseButton.LeftButton)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (-5, -1, -2)
    click(qtbot, editor, "Only for this class")
    click(qtbot, editor, "Save")
    saved = next(s for s in classroom.skills.list(class_id) if s.name == "Calling out")
    assert (saved.polarity, saved.points, saved.class_id) == (Polarity.NEEDS_WORK, -2, class_id)
    assert "Calling out" not in names(classroom.skills.list())


def test_points_stay_within_the_range_of_the_kind(
        qtbot: QtBot, editor: SkillEditorDialog) -> None:
    click(qtbot, editor, "Add skill")
    spin = named(editor, QSpinBox, "Points")
    for typed, kept in ((0, 1), (9, 5), (-3, 1)):
        spin.setValue(typed)
        assert spin.value() == kept
    qtbot.mouseClick(named(editor, QRadioButton, "Needs work"), Qt.MouseButton.LeftButton)
    for typed, kept in ((0, -1), (3, -1), (-9, -5)):
        spin.setValue(typed)
        assert spin.value() == kept


@pytest.mark.parametrize(("name", "criteria", "message"), [
    ("   ", "", "A skill needs a name."),
    ("x" * 41, "", "A skill name can be at most 40 characters."),
    ("Tidy desk", "y" * 201, "The criteria can be at most 200 characters."),
])
def test_invalid_input_shows_inline_error_and_stores_nothing(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom,
        name: str, criteria: str, message: str) -> None:
    before = classroom.skills.list(include_archived=True)
    click(qtbot, editor, "Add skill")
    fill_form(qtbot, editor, name, criteria)
    with qtbot.assertNotEmitted(editor.changed):
        click(qtbot, editor, "Save")
    error = named(editor, QLabel, "Problem")
    assert error.isVisible()
    assert error.text() == message
    assert classroom.skills.list(include_archived=True) == before
    # The typed text stays so the teacher can fix it.
    assert named(editor, QLineEdit, "Skill name").text() == name


def test_enter_in_the_name_field_saves_an_edit(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom) -> None:
    select(editor, "Teamwork")
    edit = named(editor, QLineEdit, "Skill name")
    edit.selectAll()
    qtbot.keyClicks(edit, "Working together")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "Working together" in names(classroom.skills.list())
    assert "Teamwork" not in names(classroom.skills.list(include_archived=True))
    assert editor.isVisible()


def test_archive_hides_a_skill_and_restore_brings_it_back(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom) -> None:
    select(editor, "Teamwork")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        click(qtbot, editor, "Archive")
    assert "Teamwork" not in names(classroom.skills.list())
    assert "Teamwork   +1 (archived)" in list_texts(editor)
    click(qtbot, editor, "Restore")
    assert "Teamwork" in names(classroom.skills.list())
    assert "Teamwork   +1" in list_texts(editor)


def test_move_up_and_down_reorders_within_the_kind(
        qtbot: QtBot, editor: SkillEditorDialog, classroom: Classroom) -> None:
    original = names(classroom.skills.list())
    select(editor, "Working hard")
    click(qtbot, editor, "Move up")
    assert names(classroom.skills.list())[:2] == ["Working hard", "Helping others"]
    assert editor.selected_skill() is not None
    assert editor.selected_skill().name == "Working hard"  # type: ignore[union-attr]
    assert not named(editor, QPushButton, "Move up").isEnabled()
    click(qtbot, editor, "Move down")
    assert names(classroom.skills.list()) == original
    # The last positive skill cannot move below the first needs-work one.
    select(editor, "Persistence")
    assert not named(editor, QPushButton, "Move down").isEnabled()
    assert named(editor, QPushButton, "Move up").isEnabled()


def test_every_control_is_named_and_touch_sized(editor: SkillEditorDialog) -> None:
    target = touch_target_px(editor)
    for button in editor.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()
        if isinstance(button, QPushButton | QToolButton):
            assert button.minimumHeight() >= target or button.height() >= target, button.text()
    for edit in editor.findChildren(QLineEdit):
        if edit.parent() is not None and not isinstance(edit.parent(), QSpinBox):
            assert edit.accessibleName()
    assert len([b for b in editor.findChildren(QToolButton) if b.isCheckable()]) == len(
        ICON_NAMES)
