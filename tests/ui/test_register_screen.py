"""The register from the main window: one tap a child, saved at once, repainted when
another device marks the class, and usable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.attendance import KIND, Attendance
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.register_screen import RegisterDialog


def open_register(qtbot: QtBot, window: MainWindow) -> RegisterDialog:
    window.menu.register_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(d, RegisterDialog) for d in window.screens.screens))
    dialog = next(d for d in window.screens.screens if isinstance(d, RegisterDialog))
    assert isinstance(dialog, RegisterDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_a_tap_marks_a_child_and_everyone_else_is_present_in_one_more(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    students = window.classroom.roster.students(window.class_id)
    first, second = students[0], students[1]
    dialog = open_register(qtbot, window)
    assert all(b.accessibleName() for b in dialog.findChildren(QAbstractButton))
    click(qtbot, dialog, f"{first.display_name}: Absent")
    click(qtbot, dialog, f"{second.display_name}: Late")
    register = window.classroom.attendance.register(window.class_id)
    assert register == {first.id: Attendance.ABSENT, second.id: Attendance.LATE}
    summary = named(dialog, QLabel, "Register summary").text()
    assert summary == f"1 in school, 1 absent, {len(students) - 2} not marked yet"
    click(qtbot, dialog, "Everyone else present")
    register = window.classroom.attendance.register(window.class_id)
    assert len(register) == len(students)
    assert register[first.id] is Attendance.ABSENT  # a mark already made stays
    assert not named(dialog, QAbstractButton, "Everyone else present").isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: not window.screens.screens)


def test_a_mark_pulled_from_another_device_shows_at_once(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    assert window.class_id is not None
    child = window.classroom.roster.students(window.class_id)[2]
    dialog = open_register(qtbot, window)
    absent = named(dialog, QAbstractButton, f"{child.display_name}: Absent")
    assert not absent.isChecked()
    today = window.classroom.attendance.today().isoformat()
    mark = Event(kind_named(KIND), Hlc(window.classroom.ctx.now_ms() + 1000, 0, "ta-laptop"),
                 {"student_id": child.id, "class_id": window.class_id, "date": today,
                  "status": "absent", "at_ms": 1})
    page = window.classroom.sync.store.apply_page([RemoteEvent(1, mark, "ta-laptop")],
                                                 "cursor", "epoch")
    window.changes.publish(window.classroom.changes_from_sync(page))
    assert absent.isChecked()
    dialog.reject()


def test_the_register_works_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    first = window.classroom.roster.students(window.class_id)[0]
    dialog = open_register(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QAbstractButton))
    focused = QApplication.focusWidget()
    assert isinstance(focused, QAbstractButton)
    assert focused.accessibleName() == f"{first.display_name}: Present"
    # Arrows move between a child's marks, Space marks, Tab goes on to the next child.
    qtbot.keyClick(focused, Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    second = window.classroom.roster.students(window.class_id)[1]
    assert window.classroom.attendance.register(window.class_id) == {
        first.id: Attendance.ABSENT, second.id: Attendance.PRESENT}
    dialog.reject()
