"""The board's PIN dialog, by keyboard and by touch: a right PIN goes on, a wrong one says
how many tries are left, too many make the name wait; a post asks for it on a board, and
the status line's "Who is teaching?" picks a name without one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.app import open_main_window
from dojo_desktop.core.events import Event
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.teaching import IDLE_MS, LOCKED_MS, MAX_ATTEMPTS
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.settings import STAFF_ID
from dojo_desktop.services.views import Changes
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.class_story import ClassStoryDialog
from dojo_desktop.ui.my_pin_dialog import MyPinDialog
from dojo_desktop.ui.pin_dialog import PinDialog
from dojo_desktop.ui.teaching_picker import TeachingPicker
from dojo_protocol.pins import PIN_MEMORY_KIB, PIN_PARALLELISM, PIN_TIME_COST

ROSSI, OKAFOR = uuid7(), uuid7()


class Clock:
    def __init__(self) -> None:
        self.ms = time.time_ns() // 1_000_000

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def board(data_dir: Path, clock: Clock) -> Iterator[Classroom]:
    """A shared board that has pulled the school's staff: Ms Rossi's PIN is 2468."""
    room = open_classroom(data_dir, now_ms=clock)
    verifier = PasswordHasher(time_cost=PIN_TIME_COST, memory_cost=PIN_MEMORY_KIB,
                              parallelism=PIN_PARALLELISM).hash("2468")
    for kind, payload in (
            ("staff_member", {"staff_id": ROSSI, "name": "Ms Rossi", "role": "teacher"}),
            ("staff_member", {"staff_id": OKAFOR, "name": "Mr Okafor", "role": "teacher"}),
            ("staff_pin_set", {"staff_id": ROSSI, "verifier": verifier})):
        event = Event(kind, Hlc(clock(), 0, "server"), {**payload, "at_ms": 1})
        room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")
    yield room
    room.close()


def open_dialog(qtbot: QtBot, board: Classroom) -> PinDialog:
    board.staff.pick(ROSSI)
    dialog = PinDialog(board.staff, board.staff.members(), board.staff.current())
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def problem(dialog: PinDialog) -> str:
    label = named(dialog, QLabel, "PIN problem")
    return label.text() if label.isVisible() else ""


def test_typing_the_pin_and_pressing_enter_confirms(qtbot: QtBot, board: Classroom) -> None:
    dialog = open_dialog(qtbot, board)
    assert dialog.who.currentText() == "Ms Rossi"
    entry = named(dialog, QLineEdit, "PIN")
    assert dialog.focusWidget() is entry  # digits typed go straight in
    assert entry.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(entry, "24x6-8")  # only digits are taken
    assert entry.text() == "2468"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert not board.staff.needs_pin()


def test_tapping_the_keypad_confirms_and_a_wrong_pin_says_what_is_left(
        qtbot: QtBot, board: Classroom) -> None:
    dialog = open_dialog(qtbot, board)
    ok = named(dialog, QPushButton, "OK")
    for digit in "1111":
        click(qtbot, dialog, digit)
    click(qtbot, dialog, "OK")
    assert problem(dialog) == (f"That PIN is not right. {MAX_ATTEMPTS - 1} tries left "
                               "before a wait.")
    assert named(dialog, QLineEdit, "PIN").text() == "" and not ok.isEnabled()
    for digit in "2461":
        click(qtbot, dialog, digit)
    click(qtbot, dialog, "Delete the last digit")
    click(qtbot, dialog, "8")
    assert named(dialog, QLineEdit, "PIN").text() == "2468"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(qtbot, dialog, "OK")
    for name in (*"0123456789", "Delete the last digit", "OK", "Cancel", "Your name"):
        assert [w for w in [*dialog.findChildren(QPushButton), dialog.who]
                if w.accessibleName() == name], name


def test_too_many_wrong_pins_make_the_name_wait(qtbot: QtBot, board: Classroom,
                                                clock: Clock) -> None:
    dialog = open_dialog(qtbot, board)
    entry = named(dialog, QLineEdit, "PIN")
    for _ in range(MAX_ATTEMPTS):
        qtbot.keyClicks(entry, "0000")
        qtbot.keyClick(entry, Qt.Key.Key_Return)
    seconds = LOCKED_MS // 1000
    assert problem(dialog) == f"Too many wrong PINs. Try again in {seconds} s."
    assert not entry.isEnabled() and not named(dialog, QPushButton, "5").isEnabled()
    dialog._wait_timer.timeout.emit()  # a second passes
    assert problem(dialog) == f"Too many wrong PINs. Try again in {seconds - 1} s."
    clock.ms += LOCKED_MS
    for _ in range(seconds - 1):
        dialog._wait_timer.timeout.emit()
    assert entry.isEnabled() and problem(dialog) == ""
    qtbot.keyClicks(entry, "2468")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(entry, Qt.Key.Key_Enter)


def test_a_name_without_a_pin_is_told_how_to_get_one(qtbot: QtBot, board: Classroom) -> None:
    dialog = open_dialog(qtbot, board)
    dialog.who.setCurrentIndex(dialog.who.findText("Mr Okafor"))
    entry = named(dialog, QLineEdit, "PIN")
    assert dialog.focusWidget() is entry
    qtbot.keyClicks(entry, "1234")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert problem(dialog) == ("Mr Okafor has no PIN yet. Set one on your own computer, "
                               "or ask IT.")
    assert dialog.isVisible()


def test_a_post_on_the_board_waits_for_the_pin_and_a_cancel_posts_nothing(
        qtbot: QtBot, board: Classroom) -> None:
    class_id = board.roster.create_class("4B")[0].id
    story = ClassStoryDialog(board, class_id)
    qtbot.addWidget(story)
    story.show()
    qtbot.keyClicks(named(story, QPlainTextEdit, "Post text"), "Our trip!")
    click(qtbot, story, "Post")
    pin = story.findChild(PinDialog)
    assert pin is not None and pin.isVisible()
    click(qtbot, pin, "Cancel")
    assert board.stories.class_feed(class_id) == []
    click(qtbot, story, "Post")
    pin = next(d for d in story.findChildren(PinDialog) if d.isVisible())
    pin.who.setCurrentIndex(pin.who.findText("Ms Rossi"))
    qtbot.keyClicks(named(pin, QLineEdit, "PIN"), "2468")
    qtbot.keyClick(named(pin, QLineEdit, "PIN"), Qt.Key.Key_Return)
    [posted] = board.stories.class_feed(class_id)
    assert (posted.text, posted.author_name) == ("Our trip!", "Ms Rossi")
    assert "Ms Rossi" in named(story, QListWidget, "Posts").item(0).text()


def test_who_is_teaching_is_picked_without_a_pin(qtbot: QtBot,
                                                           board: Classroom) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    picker = TeachingPicker(board.staff, bar)
    bar.show()
    button = picker.button
    assert button.isVisible() and button.text() == "Who is teaching?"
    assert [a.text() for a in picker.menu.actions() if a.text()] == [
        "Mr Okafor", "Ms Rossi", "Nobody (forget my name)"]
    next(a for a in picker.menu.actions() if a.text() == "Ms Rossi").trigger()
    assert button.text() == "Ms Rossi" and button.accessibleName() == "Teaching: Ms Rossi"
    assert board.staff.needs_pin()  # picking asks for no PIN; speaking will
    next(a for a in picker.menu.actions() if a.text().startswith("Nobody")).trigger()
    assert button.text() == "Who is teaching?"
    assert not picker._timer.isActive()  # nothing to forget
    picker.show_changes(Changes(records=frozenset({"staff_member"})))
    assert button.isVisible()


def test_the_class_s_own_teachers_come_first(qtbot: QtBot, board: Classroom,
                                             clock: Clock) -> None:
    class_id = board.roster.create_class("4B")[0].id
    event = Event("class_teacher_assigned", Hlc(clock(), 0, "server"), {
        "class_id": class_id, "staff_id": ROSSI, "name": "Ms Rossi", "at_ms": 1})
    board.sync.store.apply_page([RemoteEvent(2, event, "server")], "c", "e")
    bar = QWidget()
    qtbot.addWidget(bar)
    picker = TeachingPicker(board.staff, bar, lambda: class_id)
    names = [a.text() or "--" for a in picker.menu.actions()]
    assert names == ["Ms Rossi", "--", "Mr Okafor", "--", "Nobody (forget my name)"]


def test_the_name_is_forgotten_two_hours_after_the_last_tap(
        qtbot: QtBot, board: Classroom, clock: Clock) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    picker = TeachingPicker(board.staff, bar)
    picker.pick(ROSSI)
    assert picker._timer.isActive()  # it fires when the name would be forgotten
    clock.ms += IDLE_MS + 1
    picker._timer.timeout.emit()
    assert picker.button.text() == "Who is teaching?" and not picker._timer.isActive()


def test_the_picker_is_hidden_on_a_device_that_knows_no_staff(
        qtbot: QtBot, classroom: Classroom) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    picker = TeachingPicker(classroom.staff, bar)
    bar.show()
    assert not picker.button.isVisible()


def test_a_person_sets_their_pin_on_their_own_device(qtbot: QtBot, board: Classroom) -> None:
    board.settings.set_preference(STAFF_ID, OKAFOR)
    dialog = MyPinDialog(board.staff)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(named(dialog, QLineEdit, "New PIN"), "1357")
    qtbot.keyClicks(named(dialog, QLineEdit, "New PIN again"), "1358")
    qtbot.keyClick(named(dialog, QLineEdit, "New PIN again"), Qt.Key.Key_Return)
    assert named(dialog, QLabel, "PIN problem").text() == (
        "The two PINs differ. Type the same PIN twice.")
    assert not board.staff.has_own_pin()
    qtbot.keyClicks(named(dialog, QLineEdit, "New PIN again"), "1357")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.keyClick(named(dialog, QLineEdit, "New PIN again"), Qt.Key.Key_Return)
    assert board.staff.has_own_pin()
    assert board.staff.check_pin(OKAFOR, "1357").ok


def test_a_picked_name_leaves_the_class_bar_as_it_was_and_fits_a_1280_pixel_screen(
        qtbot: QtBot, data_dir: Path) -> None:
    room = open_classroom(data_dir)
    try:
        window = open_main_window(room, demo=True)
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        assert not window.teaching.button.isVisible()  # no staff known yet
        base = window.bar.minimumSizeHint().width()
        for staff_id, name in ((ROSSI, "Mrs Alexandra Papadopoulou-Smith"), (OKAFOR, "Mr Okafor")):
            event = Event("staff_member", Hlc(room.ctx.now_ms(), 0, "server"),
                          {"staff_id": staff_id, "name": name, "role": "teacher", "at_ms": 1})
            room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")
        window.changes.publish(Changes(records=frozenset({"staff_member"})))
        window.teaching.pick(ROSSI)
        assert window.teaching.button.isVisible()
        assert window.bar.minimumSizeHint().width() == base <= 1280
        assert window.statusBar().minimumSizeHint().width() <= 1280
        assert window.teaching.button.text() == "Mrs Alexandra Papadopoulou-Smith"
        window.close()
    finally:
        room.close()
