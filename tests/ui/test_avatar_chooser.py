"""AvatarChooser: drawn avatars as toggle buttons, a picture from a file, plain-word errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.core.model import Student
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.avatar_chooser import COLUMNS, AvatarChooser
from dojo_desktop.ui.avatars import AVATAR_COUNT
from dojo_desktop.ui.resources import touch_target_px


def button(parent: QWidget, name: str) -> QAbstractButton:
    found = [b for b in parent.findChildren(QAbstractButton) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


@pytest.fixture
def student(classroom: Classroom) -> Student:
    group, _ = classroom.roster.create_class("4B")
    return classroom.roster.add_student(group.id, "Amira", "Khan", avatar="drawn:2")[0]


def open_chooser(qtbot: QtBot, classroom: Classroom, student: Student,
                 picture: Path | None = None) -> AvatarChooser:
    chooser = AvatarChooser(classroom, student, None,
                            ask_file=lambda _parent, _title, _filter: picture)
    qtbot.addWidget(chooser)
    chooser.show()
    return chooser


def stored_avatar(classroom: Classroom, student: Student) -> str:
    found = classroom.roster.student(student.id)
    assert found is not None
    return found.avatar


def test_every_drawn_avatar_is_a_big_toggle_with_the_current_one_on(
        qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student)
    toggles = chooser.avatar_buttons()
    assert len(toggles) == AVATAR_COUNT
    assert all(t.isCheckable() and t.height() >= touch_target_px(chooser) for t in toggles)
    assert [t.accessibleName() for t in toggles if t.isChecked()] == ["Avatar 3"]
    assert chooser.windowTitle() == "Choose an avatar for Amira Khan"


def test_choose_a_drawn_avatar(qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student)
    qtbot.mouseClick(button(chooser, "Avatar 11"), Qt.MouseButton.LeftButton)
    assert [t.accessibleName() for t in chooser.avatar_buttons() if t.isChecked()] == [
        "Avatar 11"]
    with qtbot.waitSignal(chooser.accepted, timeout=1000):
        qtbot.mouseClick(button(chooser, "Use this avatar"), Qt.MouseButton.LeftButton)
    assert chooser.chosen_avatar() == "drawn:10"
    assert stored_avatar(classroom, student) == "drawn:10"


def test_arrow_keys_move_between_avatars_and_enter_chooses(
        qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student)
    chooser.activateWindow()
    qtbot.waitUntil(chooser.isActiveWindow, timeout=2000)
    assert button(chooser, "Avatar 3").hasFocus()
    qtbot.keyClick(button(chooser, "Avatar 3"), Qt.Key.Key_Right)
    qtbot.keyClick(button(chooser, "Avatar 4"), Qt.Key.Key_Down)
    below = button(chooser, f"Avatar {4 + COLUMNS}")
    assert below.hasFocus() and below.isChecked()
    with qtbot.waitSignal(chooser.accepted, timeout=1000):
        qtbot.keyClick(below, Qt.Key.Key_Return)
    assert stored_avatar(classroom, student) == f"drawn:{3 + COLUMNS}"


def test_use_a_picture(qtbot: QtBot, classroom: Classroom, student: Student,
                       tmp_path: Path) -> None:
    picture = tmp_path / "amira.png"
    Image.new("RGB", (640, 480), (200, 80, 40)).save(picture)
    chooser = open_chooser(qtbot, classroom, student, picture)
    with qtbot.waitSignal(chooser.accepted, timeout=5000):
        qtbot.mouseClick(button(chooser, "Use a picture…"), Qt.MouseButton.LeftButton)
    avatar = stored_avatar(classroom, student)
    assert avatar.startswith("image:")
    assert chooser.chosen_avatar() == avatar
    stored = classroom.roster.student(student.id)
    assert stored is not None
    path = classroom.roster.avatar_path(stored)
    assert path is not None
    with Image.open(path) as image:
        assert image.size == (256, 256)


def test_a_file_that_is_not_a_picture_is_explained(
        qtbot: QtBot, classroom: Classroom, student: Student, tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture", encoding="utf-8")
    chooser = open_chooser(qtbot, classroom, student, fake)
    qtbot.mouseClick(button(chooser, "Use a picture…"), Qt.MouseButton.LeftButton)
    error = next(label for label in chooser.findChildren(QLabel)
                 if label.accessibleName() == "Problem")
    assert error.isVisible()
    assert error.text().startswith("notes.png is not a picture Dojo Desktop can read")
    assert chooser.isVisible() and chooser.result() != QDialog.DialogCode.Accepted
    assert stored_avatar(classroom, student) == "drawn:2"


def test_cancel_changes_nothing(qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student)
    qtbot.mouseClick(button(chooser, "Avatar 20"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(chooser.rejected, timeout=1000):
        qtbot.mouseClick(button(chooser, "Cancel"), Qt.MouseButton.LeftButton)
    assert chooser.chosen_avatar() is None
    assert stored_avatar(classroom, student) == "drawn:2"


def test_cancelled_file_dialog_keeps_the_chooser_open(
        qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student, None)
    qtbot.mouseClick(button(chooser, "Use a picture…"), Qt.MouseButton.LeftButton)
    assert chooser.isVisible()
    assert stored_avatar(classroom, student) == "drawn:2"


def test_tab_enters_the_grid_once_and_leaves_to_the_buttons(
        qtbot: QtBot, classroom: Classroom, student: Student) -> None:
    chooser = open_chooser(qtbot, classroom, student)
    chooser.activateWindow()
    qtbot.waitUntil(chooser.isActiveWindow, timeout=2000)
    qtbot.keyClick(button(chooser, "Avatar 3"), Qt.Key.Key_Tab)
    assert button(chooser, "Use a picture…").hasFocus()
    qtbot.keyClick(button(chooser, "Use a picture…"), Qt.Key.Key_Backtab)
    assert button(chooser, "Avatar 3").hasFocus()
