"""The story and message screens from the main window: the menu, its counts, and repaints
when sync sends or brings something."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot
from screen_helpers import named, rows

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.core.ids import uuid7
from dojo_desktop.core.messages import student_thread_id
from dojo_desktop.core.sync_status import SyncState, SyncStatus
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.class_story import ClassStoryDialog
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.messages import MessagesDialog


def screen(win: MainWindow, kind: type) -> object:
    return next(d for d in win.screens.screens if isinstance(d, kind))


def test_the_waiting_badge_goes_once_sync_has_sent_the_post(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    assert window.class_id is not None
    window.classroom.stories.post("Sports day", [window.class_id])
    window.set_sync_status(SyncStatus(SyncState.SYNCING, waiting=1))
    window.menu.story_action.trigger()
    dialog = screen(window, ClassStoryDialog)
    assert isinstance(dialog, ClassStoryDialog)
    feed = named(dialog, QListWidget, "Posts")
    assert "Waiting to send" in rows(feed)[0]
    store = window.classroom.sync.store
    store.acknowledge([(item.seq, "applied", "") for item in store.pending(1000)])  # a push
    window.set_sync_status(SyncStatus(SyncState.UP_TO_DATE, waiting=0))
    assert "Waiting to send" not in rows(feed)[0]
    dialog.reject()
    qtbot.waitUntil(lambda: not window.screens.screens)


def test_a_family_reply_pulled_by_sync_shows_in_the_open_screen_and_the_menu(
        qtbot: QtBot, window: MainWindow) -> None:
    classroom, class_id = window.classroom, window.class_id
    assert class_id is not None
    student = classroom.roster.students(class_id)[0]
    window.menu.messages_action.trigger()
    dialog = screen(window, MessagesDialog)
    assert isinstance(dialog, MessagesDialog)
    event = Event(EventKind.MESSAGE_SENT, Hlc(classroom.ctx.now_ms(), 0, "server"), {
        "message_id": uuid7(), "thread_id": student_thread_id(student.id),
        "student_id": student.id, "body": "Thank you!", "sender": "guardian",
        "guardian_id": uuid7(), "sender_name": "Sam", "at_ms": 1})
    page = classroom.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")
    window.changes.publish(classroom.changes_from_sync(page))
    threads = named(dialog, QListWidget, "Conversations")
    assert f"{student.display_name}  •  1 new\nThank you!" in rows(threads)
    window.menu.aboutToShow.emit()
    assert window.menu.messages_action.text() == "Messages (1 new)…"


def test_every_control_on_the_new_screens_has_an_accessible_name(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox, QScrollBar, QWidget

    from dojo_desktop.ui.message_hours import MessageHoursDialog
    from dojo_desktop.ui.story_approvals import StoryApprovalsDialog
    from dojo_desktop.ui.student_story import StudentStoryDialog

    assert window.class_id is not None
    student_id = window.grid.tiles()[0].card().id
    screens: list[QWidget] = [
        ClassStoryDialog(window.classroom, window.class_id, window),
        StoryApprovalsDialog(window.classroom, window.class_id, window),
        StudentStoryDialog(window.classroom, student_id, window.class_id, window),
        MessagesDialog(window.classroom, window.class_id, window),
        MessageHoursDialog(window.classroom, window),
    ]
    for dialog in screens:
        dialog.show()
        controls = [w for w in dialog.findChildren(QWidget)
                    if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(dialog)
                    and not isinstance(w, QScrollBar)
                    and not isinstance(w.parentWidget(), QAbstractSpinBox)]
        assert controls
        unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
        assert unnamed == [], f"{dialog.windowTitle()}: {unnamed}"
        dialog.close()
        dialog.deleteLater()


def test_closing_the_window_closes_the_screens_over_it(qtbot: QtBot, window: MainWindow) -> None:
    window.menu.messages_action.trigger()
    window.menu.story_action.trigger()
    dialogs = list(window.screens.screens)
    assert len(dialogs) == 2 and all(d.isVisible() for d in dialogs)
    window.close()
    assert not any(d.isVisible() for d in dialogs)  # no arrival clock ticking on
    assert window.screens.screens == []
