"""A child's own story from their tile, and the teacher's approval queue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot
from screen_helpers import click, named, photo_file, rows, wait_for_files

from dojo_desktop.core.stories import StoryState
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.story_approvals import StoryApprovalsDialog
from dojo_desktop.ui.student_story import StudentStoryDialog


def open_my_story(qtbot: QtBot, win: MainWindow, index: int = 0) -> StudentStoryDialog:
    tile = win.grid.tiles()[index]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.picker is not None)
    assert win.picker is not None
    click(qtbot, win.picker, "My story")
    qtbot.waitUntil(lambda: any(isinstance(d, StudentStoryDialog) for d in win.screens.screens))
    return next(d for d in win.screens.screens if isinstance(d, StudentStoryDialog))


def test_a_child_types_a_reflection_from_their_tile_and_it_waits_for_approval(
        qtbot: QtBot, window: MainWindow) -> None:
    name = window.grid.tiles()[0].card().student.display_name
    dialog = open_my_story(qtbot, window)
    assert window.picker is None  # the picker made way for the story
    assert name in dialog.windowTitle()
    send = named(dialog, QAbstractButton, "Send to my teacher")
    assert send.height() >= touch_target_px(window)  # finger-sized on the whiteboard
    click(qtbot, dialog, "Send to my teacher")
    assert "Type a few words" in named(dialog, QLabel, "My story status").text()
    qtbot.keyClicks(named(dialog, QPlainTextEdit, "What I want to say"), "I finished my book!")
    click(qtbot, dialog, "Send to my teacher")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Thank you" in window.statusBar().currentMessage()
    assert window.class_id is not None
    [item] = window.classroom.stories.approval_queue(window.class_id)
    assert (item.text, item.author_name, item.state) == \
        ("I finished my book!", name, StoryState.PENDING)
    assert window.classroom.stories.class_feed(window.class_id) == []


def test_a_file_dragged_onto_the_window_is_attached(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    dialog = open_my_story(qtbot, window, 3)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path, "volcano.png")))])
    at, buttons = QPoint(20, 20), (Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, data, *buttons)
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, data, *buttons)
    QApplication.sendEvent(dialog, drop)
    wait_for_files(qtbot, dialog.tray, 1)
    click(qtbot, dialog, "Send to my teacher")
    assert window.class_id is not None
    [item] = window.classroom.stories.approval_queue(window.class_id)
    assert item.text == "" and len(item.attachments) == 1


def test_the_teacher_approves_one_and_returns_another_with_a_comment(
        qtbot: QtBot, window: MainWindow) -> None:
    classroom, class_id = window.classroom, window.class_id
    assert class_id is not None
    first, second = (t.card().student for t in window.grid.tiles()[:2])
    classroom.stories.submit_student_item(first.id, class_id, "My volcano model")
    poem = classroom.stories.submit_student_item(second.id, class_id, "A poem about rain")
    window.menu.aboutToShow.emit()
    assert window.menu.approvals_action.text() == "Story approvals (2 waiting)…"
    window.menu.approvals_action.trigger()
    dialog = next(d for d in window.screens.screens if isinstance(d, StoryApprovalsDialog))
    queue = named(dialog, QListWidget, "Waiting for approval")
    assert [r.splitlines()[1] for r in rows(queue)] == ["My volcano model", "A poem about rain"]
    assert named(dialog, QLabel, "Item text").text() == "My volcano model"
    click(qtbot, dialog, "Approve")
    assert "families can see it" in named(dialog, QLabel, "Approval status").text()
    click(qtbot, dialog, "Return with comment")
    assert "comment" in named(dialog, QLabel, "Approval status").text()
    qtbot.keyClicks(named(dialog, QLineEdit, "Comment for the student"), "Add a title please")
    qtbot.keyClick(named(dialog, QLineEdit, "Comment for the student"), Qt.Key.Key_Return)
    assert rows(queue) == ["Nothing is waiting. Well done!"]
    assert [s.text for s in classroom.stories.class_feed(class_id)] == ["My volcano model"]
    returned = classroom.stories.story(poem.story_id)
    assert returned is not None
    assert (returned.state, returned.review_comment) == \
        (StoryState.RETURNED, "Add a title please")


class OpenedFiles(QObject):
    """Receives file URLs the app asks the desktop to open (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_the_teacher_opens_a_childs_picture_before_approving(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    classroom, class_id = window.classroom, window.class_id
    assert class_id is not None
    child = window.grid.tiles()[0].card().student
    picture = classroom.attachments.add_file(photo_file(tmp_path, "bridge.jpg"))
    classroom.stories.submit_student_item(child.id, class_id, "", [picture.sha256])
    opened = OpenedFiles()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        window.menu.approvals_action.trigger()
        dialog = next(d for d in window.screens.screens if isinstance(d, StoryApprovalsDialog))
        files = named(dialog, QListWidget, "Item files")
        assert rows(files) == ["bridge.jpg"]
        click(qtbot, dialog, "Open file")
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in opened.urls] == [picture.path]


def test_a_child_sees_the_teachers_comment_on_a_returned_item(qtbot: QtBot,
                                                              window: MainWindow) -> None:
    classroom, class_id = window.classroom, window.class_id
    assert class_id is not None
    child = window.grid.tiles()[1].card().student
    item = classroom.stories.submit_student_item(child.id, class_id, "My rain poem")
    dialog = open_my_story(qtbot, window, 1)
    assert not named(dialog, QLabel, "My teacher's comment").isVisible()
    dialog.reject()
    classroom.stories.return_item(item.story_id, "Add a title please")
    dialog = open_my_story(qtbot, window, 1)
    comment = named(dialog, QLabel, "My teacher's comment")
    assert comment.isVisible()
    assert comment.text() == "Your teacher said about “My rain poem”: Add a title please"
