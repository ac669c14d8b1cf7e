"""The messages screen: threads with unread counts, receipts, the positive note, quiet hours
in the composer, and announcements to a class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QPlainTextEdit, QTimeEdit
from pytestqt.qtbot import QtBot
from screen_helpers import click, named, rows

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import student_thread_id
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.services.settings import STAFF_NAME
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.messages import MessagesDialog

ZONE = "Europe/London"
Opener = Callable[[str], MessagesDialog]


class Clock:
    """The time the services read, set by the test in the school's wall time."""

    def __init__(self) -> None:
        self.ms = 0
        self.set(dt.datetime(2026, 1, 14, 10, 0))  # a Wednesday morning

    def __call__(self) -> int:
        return self.ms

    def set(self, local: dt.datetime) -> None:
        self.ms = int(local.replace(tzinfo=ZoneInfo(ZONE)).timestamp() * 1000)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def room(data_dir: Path, clock: Clock) -> Iterator[Classroom]:
    opened = open_classroom(data_dir, now_ms=clock)
    opened.settings.set_timezone(ZONE)
    opened.settings.set_preference(STAFF_NAME, "Ms Rossi")
    yield opened
    opened.close()


@pytest.fixture
def class_id(room: Classroom) -> str:
    group, _ = room.roster.create_class("4B")
    for first, last in [("Amira", "Khan"), ("Ben", "Okafor")]:
        room.roster.add_student(group.id, first, last)
    return group.id


def student(room: Classroom, class_id: str, first: str) -> str:
    return next(s.id for s in room.roster.students(class_id) if s.first_name == first)


def from_portal(room: Classroom, kind: EventKind, payload: dict[str, object]) -> None:
    event = Event(kind, Hlc(room.ctx.now_ms(), 0, "server"), payload)
    room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")


@pytest.fixture
def screens(room: Classroom) -> Iterator[list[MessagesDialog]]:
    """Screens opened by a test, closed before its database is."""
    opened: list[MessagesDialog] = []
    yield opened
    for dialog in opened:
        dialog.close()
        dialog.deleteLater()


@pytest.fixture
def open_messages(qtbot: QtBot, room: Classroom,
                  screens: list[MessagesDialog]) -> Callable[[str], MessagesDialog]:
    def show(class_id: str) -> MessagesDialog:
        dialog = MessagesDialog(room, class_id)
        qtbot.addWidget(dialog)
        screens.append(dialog)
        dialog.show()
        return dialog
    return show


def write(qtbot: QtBot, dialog: MessagesDialog, text: str) -> None:
    qtbot.keyClicks(named(dialog, QPlainTextEdit, "Message text"), text)


def test_a_family_reply_shows_unread_until_the_thread_is_opened(
        qtbot: QtBot, room: Classroom, class_id: str, open_messages: Opener) -> None:
    ben = student(room, class_id, "Ben")
    guardian = uuid7()
    from_portal(room, EventKind.GUARDIAN_LINKED, {"guardian_id": guardian, "student_id": ben,
                                                  "name": "Ada Okafor", "at_ms": 1})
    from_portal(room, EventKind.MESSAGE_SENT, {
        "message_id": uuid7(), "thread_id": student_thread_id(ben), "student_id": ben,
        "body": "Ben loved the trip!", "sender": "guardian", "guardian_id": guardian,
        "sender_name": "Ada Okafor", "at_ms": 2})
    dialog = open_messages(class_id)
    threads = named(dialog, QListWidget, "Conversations")
    assert rows(threads)[0].startswith("Announcement to all families of 4B")
    assert rows(threads)[2] == "Ben Okafor  •  1 new\nBen loved the trip!"
    assert threads.item(2).font().bold()
    threads.setCurrentRow(2)
    assert named(dialog, QLabel, "Conversation with").text() == "Ben Okafor's family: Ada Okafor"
    assert rows(named(dialog, QListWidget, "Messages in this conversation"))[0].startswith(
        "Ada Okafor · ")
    assert rows(threads)[2] == "Ben Okafor\nBen loved the trip!"
    assert room.messages.unread_total(class_id) == 0


def test_the_composer_starts_on_a_positive_note(qtbot: QtBot, room: Classroom,
                                                class_id: str, open_messages: Opener) -> None:
    amira = student(room, class_id, "Amira")
    room.skills.ensure_defaults()
    skill = next(s for s in room.skills.list() if s.points > 0)
    room.awards.give(class_id, [amira], skill.id)
    dialog = open_messages(class_id)
    dialog.open_thread_of(amira)
    note = named(dialog, QListWidget, "Recent positive moments")
    assert rows(note) == [skill.name]
    click(qtbot, dialog, "Mention this")
    text = named(dialog, QPlainTextEdit, "Message text").toPlainText()
    assert text.startswith(f"Amira was recognised for {skill.name.lower()} recently.")


def test_a_message_after_hours_says_when_it_arrives_and_shows_receipts_later(
        qtbot: QtBot, room: Classroom, class_id: str, open_messages: Opener, clock: Clock) -> None:
    amira = student(room, class_id, "Amira")
    mum, dad = uuid7(), uuid7()
    for guardian, name in ((mum, "Sara Khan"), (dad, "Omar Khan")):
        from_portal(room, EventKind.GUARDIAN_LINKED, {"guardian_id": guardian,
                                                      "student_id": amira, "name": name,
                                                      "at_ms": 1})
    clock.set(dt.datetime(2026, 1, 16, 20, 15))  # Friday evening
    dialog = open_messages(class_id)
    dialog.open_thread_of(amira)
    arrival = named(dialog, QLabel, "When it arrives")
    assert arrival.text() == "Quiet hours: arrives Monday 07:30."
    named(dialog, QCheckBox, "Urgent").setChecked(True)
    assert arrival.text() == "Sends now."
    named(dialog, QCheckBox, "Urgent").setChecked(False)
    write(qtbot, dialog, "Amira was a star in assembly")
    click(qtbot, dialog, "Send")
    assert "Monday 07:30" in named(dialog, QLabel, "Message status").text()
    view = named(dialog, QListWidget, "Messages in this conversation")
    [shown] = rows(view)
    assert shown.startswith("Ms Rossi · Fri 16 Jan, 20:15\nAmira was a star in assembly")
    assert shown.endswith("Waiting to send · arrives Monday 07:30")
    assert view.item(0).textAlignment() & Qt.AlignmentFlag.AlignRight
    # Monday: the server has it, families got it, one guardian read it.
    message_id = room.messages.student_messages(amira)[0].id
    room.sync.store.acknowledge([(seq, "applied", "") for seq in range(1, 50)])
    clock.set(dt.datetime(2026, 1, 19, 8, 0))
    from_portal(room, EventKind.MESSAGE_READ, {"message_id": message_id, "reader": "guardian",
                                               "guardian_id": mum, "at_ms": 3})
    dialog.reload()
    assert rows(view)[0].endswith("Sent · read by 1 of 2 guardians")


def test_an_announcement_goes_to_the_whole_class(qtbot: QtBot, room: Classroom,
                                                 class_id: str, open_messages: Opener) -> None:
    dialog = open_messages(class_id)
    assert "Every family of 4B" in named(dialog, QLabel, "Conversation with").text()
    assert not named(dialog, QListWidget, "Recent positive moments").isVisible()
    click(qtbot, dialog, "Send")
    assert "Write a message" in named(dialog, QLabel, "Message status").text()
    write(qtbot, dialog, "Trip on Friday: bring a packed lunch")
    qtbot.keyClick(named(dialog, QPlainTextEdit, "Message text"), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)  # sends from the keyboard
    assert "Sent." in named(dialog, QLabel, "Message status").text()
    view = named(dialog, QListWidget, "Messages in this conversation")
    assert rows(view)[0].endswith("Waiting to send")
    store = room.sync.store
    store.acknowledge([(item.seq, "rejected", "no") for item in store.pending(100)
                       if item.kind == "message_sent"])
    dialog.reload()
    assert rows(view)[0].endswith("Not sent: the school server refused it (see the sync "
                                  "details)")
    threads = named(dialog, QListWidget, "Conversations")
    assert rows(threads)[0].endswith("Trip on Friday: bring a packed lunch")
    [message] = room.messages.class_announcements(class_id)
    assert message.class_id == class_id and message.student_id is None


def test_a_teacher_sets_shorter_hours_and_the_composer_follows(
        qtbot: QtBot, room: Classroom, class_id: str, open_messages: Opener, clock: Clock) -> None:
    clock.set(dt.datetime(2026, 1, 14, 16, 30))  # Wednesday, inside the school's hours
    dialog = open_messages(class_id)
    arrival = named(dialog, QLabel, "When it arrives")
    assert arrival.text() == "Sends now."
    click(qtbot, dialog, "My hours for messages")
    hours = dialog.composer.hours_dialog
    assert hours is not None
    assert "07:30–18:00" in named(hours, QLabel, "The school's hours").text()
    assert not named(hours, QCheckBox, "Saturday").isEnabled()
    named(hours, QTimeEdit, "End").setTime(QTime(6, 0))
    click(qtbot, hours, "Save")
    assert "end after the start" in named(hours, QLabel, "Hours status").text()
    named(hours, QTimeEdit, "End").setTime(QTime(16, 0))
    named(hours, QCheckBox, "Wednesday").setChecked(False)
    click(qtbot, hours, "Save")
    assert not hours.isVisible()
    assert arrival.text() == "Quiet hours: arrives Thursday 07:30."


def test_a_leader_sets_the_schools_hours_and_a_teachers_must_fit_inside(
        qtbot: QtBot, room: Classroom, class_id: str, open_messages: Opener, clock: Clock) -> None:
    from dojo_desktop.app import open_main_window
    from dojo_desktop.services.settings import STAFF_ROLE
    from dojo_desktop.ui.message_hours import MessageHoursDialog

    window = open_main_window(room)
    qtbot.addWidget(window)
    window.menu.aboutToShow.emit()
    assert not window.menu.school_hours_action.isVisible(), "a teacher keeps to their own"
    room.settings.set_preference(STAFF_ROLE, "leader")
    window.menu.aboutToShow.emit()
    assert window.menu.school_hours_action.isVisible()
    window.menu.school_hours_action.trigger()
    hours = next(d for d in window.screens.screens if isinstance(d, MessageHoursDialog))
    assert hours.windowTitle() == "School hours for messages"
    assert named(hours, QCheckBox, "Saturday").isEnabled()
    named(hours, QTimeEdit, "Start").setTime(QTime(8, 0))
    named(hours, QTimeEdit, "End").setTime(QTime(15, 0))
    click(qtbot, hours, "Save")
    assert not hours.isVisible()
    school = room.messages.school_hours()
    assert (school.start, school.end) == (dt.time(8, 0), dt.time(15, 0))
    clock.set(dt.datetime(2026, 1, 14, 16, 30))  # Wednesday, after the school's new end
    dialog = open_messages(class_id)
    assert named(dialog, QLabel, "When it arrives").text() == \
        "Quiet hours: arrives Thursday 08:00."
    window.close()
