"""RosterEditorDialog and NewClassDialog: add, rename, archive, avatars and CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.avatar_chooser import AvatarChooser
from dojo_desktop.ui.class_dialog import NewClassDialog
from dojo_desktop.ui.import_problems import ImportProblemsDialog
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.roster_editor import RosterEditorDialog


def type_into(qtbot: QtBot, parent: QWidget, name: str, text: str) -> None:
    edit = named(parent, QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


class FakeFileAsker:
    """Stands in for the system file dialog: answers with a set path and records the asks."""

    def __init__(self, answer: Path | None = None) -> None:
        self.answer = answer
        self.filters: list[str] = []

    def __call__(self, parent: QWidget, title: str, name_filter: str) -> Path | None:
        self.filters.append(name_filter)
        return self.answer


@pytest.fixture
def class_id(classroom: Classroom) -> str:
    return classroom.roster.create_class("4B")[0].id


@pytest.fixture
def asker() -> FakeFileAsker:
    return FakeFileAsker()


@pytest.fixture
def editor(qtbot: QtBot, classroom: Classroom, class_id: str,
           asker: FakeFileAsker) -> RosterEditorDialog:
    classroom.roster.add_student(class_id, "Amira", "Khan")
    classroom.roster.add_student(class_id, "Ben", "Okafor")
    dialog = RosterEditorDialog(classroom, class_id, None, ask_file=asker)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown(editor: RosterEditorDialog) -> list[str]:
    widget = named(editor, QListWidget, "Students")
    return [widget.item(i).text() for i in range(widget.count())]


def select(editor: RosterEditorDialog, text: str) -> None:
    named(editor, QListWidget, "Students").setCurrentRow(shown(editor).index(text))


def roster(classroom: Classroom, class_id: str) -> list[str]:
    return sorted(s.display_name for s in classroom.roster.students(class_id))


def test_lists_the_class_with_a_title(editor: RosterEditorDialog) -> None:
    assert editor.windowTitle() == "Students in 4B"
    assert sorted(shown(editor)) == ["Amira Khan", "Ben Okafor"]


def test_enter_adds_a_student_and_keeps_the_fields_ready(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str) -> None:
    type_into(qtbot, editor, "New student's first name", "Chloe")
    type_into(qtbot, editor, "New student's last name", "Smith")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        qtbot.keyClick(named(editor, QLineEdit, "New student's last name"), Qt.Key.Key_Return)
    assert "Chloe Smith" in roster(classroom, class_id)
    assert "Chloe Smith" in shown(editor)
    assert named(editor, QLineEdit, "New student's first name").text() == ""
    assert editor.isVisible()
    type_into(qtbot, editor, "New student's first name", "Dev")
    click(qtbot, editor, "Add student")
    assert "Dev" in roster(classroom, class_id)


def test_empty_first_name_is_refused_inline(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str) -> None:
    type_into(qtbot, editor, "New student's last name", "Smith")
    with qtbot.assertNotEmitted(editor.changed):
        click(qtbot, editor, "Add student")
    error = named(editor, QLabel, "Problem adding")
    assert error.isVisible()
    assert error.text() == "The first name cannot be empty."
    assert roster(classroom, class_id) == ["Amira Khan", "Ben Okafor"]
    assert named(editor, QLineEdit, "New student's last name").text() == "Smith"


def test_rename_the_selected_student(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str) -> None:
    select(editor, "Ben Okafor")
    assert named(editor, QLineEdit, "Selected student's first name").text() == "Ben"
    type_into(qtbot, editor, "Selected student's first name", "Benjamin")
    click(qtbot, editor, "Save name")
    assert roster(classroom, class_id) == ["Amira Khan", "Benjamin Okafor"]
    assert editor.selected_student() is not None
    assert editor.selected_student().first_name == "Benjamin"  # type: ignore[union-attr]
    type_into(qtbot, editor, "Selected student's first name", "  ")
    click(qtbot, editor, "Save name")
    assert named(editor, QLabel, "Problem saving").text() == "The first name cannot be empty."
    assert roster(classroom, class_id) == ["Amira Khan", "Benjamin Okafor"]


def test_archive_hides_and_restore_brings_back(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str) -> None:
    select(editor, "Amira Khan")
    click(qtbot, editor, "Archive")
    assert roster(classroom, class_id) == ["Ben Okafor"]
    assert shown(editor) == ["Ben Okafor"]
    assert named(editor, QAbstractButton, "Show archived students").text().endswith("(1)")
    click(qtbot, editor, "Show archived students")
    assert shown(editor) == ["Ben Okafor", "Amira Khan (archived)"]
    select(editor, "Amira Khan (archived)")
    click(qtbot, editor, "Restore")
    assert roster(classroom, class_id) == ["Amira Khan", "Ben Okafor"]


def test_choose_a_drawn_avatar(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str) -> None:
    select(editor, "Ben Okafor")
    click(qtbot, editor, "Change avatar…")
    chooser = editor.findChild(AvatarChooser)
    assert chooser is not None and chooser.isVisible()
    click(qtbot, chooser, "Avatar 6")
    with qtbot.waitSignal(editor.changed, timeout=1000):
        click(qtbot, chooser, "Use this avatar")
    ben = next(s for s in classroom.roster.students(class_id) if s.first_name == "Ben")
    assert ben.avatar == "drawn:5"
    assert editor.selected_student() == ben


def test_import_a_good_csv(qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom,
                           class_id: str, asker: FakeFileAsker, tmp_path: Path) -> None:
    csv_file = tmp_path / "class.csv"
    csv_file.write_text("First name,Last name\nChloe,Smith\nDev,Patel\nElif,Yilmaz\n",
                        encoding="utf-8")
    asker.answer = csv_file
    with qtbot.waitSignal(editor.changed, timeout=1000):
        click(qtbot, editor, "Import from CSV…")
    assert "*.csv" in asker.filters[0]
    assert len(classroom.roster.students(class_id)) == 5
    status = named(editor, QLabel, "Status")
    assert status.isVisible() and status.text() == "Imported 3 students."
    assert "Elif Yilmaz" in shown(editor)


def test_a_bad_csv_lists_every_problem_and_imports_nothing(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str,
        asker: FakeFileAsker, tmp_path: Path) -> None:
    csv_file = tmp_path / "broken.csv"
    csv_file.write_text("First name,Last name\nChloe,Smith\n,Patel\nElif,Yilmaz,extra\n",
                        encoding="utf-8")
    asker.answer = csv_file
    with qtbot.assertNotEmitted(editor.changed):
        click(qtbot, editor, "Import from CSV…")
        qtbot.waitUntil(lambda: editor.findChild(ImportProblemsDialog) is not None)
    problems = editor.findChild(ImportProblemsDialog)
    assert problems is not None and problems.isVisible()
    lines = problems.problem_lines()
    assert len(lines) == 2
    assert lines[0].startswith("Line 3, column “First name”")
    assert lines[1].startswith("Line 4")
    assert problems.windowTitle() == "Problems in broken.csv"
    assert len(classroom.roster.students(class_id)) == 2


def test_an_unreadable_file_is_explained(
        qtbot: QtBot, editor: RosterEditorDialog, classroom: Classroom, class_id: str,
        asker: FakeFileAsker, tmp_path: Path) -> None:
    asker.answer = tmp_path / "missing.csv"
    click(qtbot, editor, "Import from CSV…")
    status = named(editor, QLabel, "Status")
    qtbot.waitUntil(status.isVisible)
    assert status.isVisible() and status.text().startswith("missing.csv cannot be read")
    assert len(classroom.roster.students(class_id)) == 2


def test_cancelled_file_dialog_does_nothing(
        qtbot: QtBot, editor: RosterEditorDialog, asker: FakeFileAsker) -> None:
    with qtbot.assertNotEmitted(editor.changed):
        click(qtbot, editor, "Import from CSV…")
    assert editor.findChild(ImportProblemsDialog) is None


def test_controls_are_named_and_touch_sized(editor: RosterEditorDialog) -> None:
    target = touch_target_px(editor)
    for button in editor.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()
        assert button.minimumHeight() >= target, button.text()
    for edit in editor.findChildren(QLineEdit):
        assert edit.accessibleName()


def test_new_class_dialog_creates_a_class(qtbot: QtBot, classroom: Classroom) -> None:
    dialog = NewClassDialog(classroom)
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog, "Create class")
    assert named(dialog, QLabel, "Problem").text() == "The class name cannot be empty."
    assert classroom.roster.classes() == []
    type_into(qtbot, dialog, "Class name", "5C")
    type_into(qtbot, dialog, "Year group", "Year 5")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(named(dialog, QLineEdit, "Year group"), Qt.Key.Key_Return)
    created = classroom.roster.classes()
    assert [(c.id, c.name, c.year_group) for c in created] == [(dialog.class_id(), "5C",
                                                                "Year 5")]
