"""The class story screen: post with files (drop, paste), to several classes, the school
story for leaders, 'waiting to send', edit and delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot
from screen_helpers import click, named, photo_file, rows, wait_for_files

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.settings import STAFF_NAME, STAFF_ROLE
from dojo_desktop.ui.class_story import ClassStoryDialog


@pytest.fixture
def classes(classroom: Classroom) -> tuple[str, str]:
    classroom.settings.set_preference(STAFF_NAME, "Ms Rossi")
    return (classroom.roster.create_class("4B")[0].id, classroom.roster.create_class("4C")[0].id)


def open_story(qtbot: QtBot, classroom: Classroom, class_id: str) -> ClassStoryDialog:
    dialog = ClassStoryDialog(classroom, class_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def write(qtbot: QtBot, dialog: ClassStoryDialog, text: str) -> None:
    edit = named(dialog, QPlainTextEdit, "Post text")
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_a_post_with_a_dropped_photo_to_two_classes_shows_waiting_to_send(
        qtbot: QtBot, classroom: Classroom, classes: tuple[str, str], tmp_path: Path) -> None:
    b, c = classes
    dialog = open_story(qtbot, classroom, b)
    write(qtbot, dialog, "Science week!")
    drop = QMimeData()
    drop.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path)))])
    named(dialog, QPlainTextEdit, "Post text").insertFromMimeData(drop)
    wait_for_files(qtbot, dialog.tray, 1)
    assert rows(named(dialog, QListWidget, "Attached files")) == ["trip.jpg"]
    targets = named(dialog, QListWidget, "Post to these classes")
    targets.item(1).setCheckState(Qt.CheckState.Checked)  # 4C as well as 4B
    click(qtbot, dialog, "Post")
    feed = named(dialog, QListWidget, "Posts")
    [shown] = rows(feed)
    assert "Ms Rossi" in shown and "2 classes" in shown and "Waiting to send" in shown
    assert shown.endswith("Science week!")
    assert feed.item(0).background().color() == QColor("#FEF3C7")
    assert named(dialog, QPlainTextEdit, "Post text").toPlainText() == ""
    assert [s.text for s in classroom.stories.class_feed(c)] == ["Science week!"]


def test_a_pasted_picture_is_attached_not_typed(qtbot: QtBot, classroom: Classroom,
                                                classes: tuple[str, str]) -> None:
    dialog = open_story(qtbot, classroom, classes[0])
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#2563EB"))
    QApplication.clipboard().setImage(image)
    edit = named(dialog, QPlainTextEdit, "Post text")
    edit.setFocus()
    edit.paste()
    wait_for_files(qtbot, dialog.tray, 1)
    assert edit.toPlainText() == ""
    click(qtbot, dialog, "Post")
    [story] = classroom.stories.class_feed(classes[0])
    assert story.text == "" and len(story.attachments) == 1
    assert classroom.attachments.describe(story.attachments[0]).mime == "image/png"


def test_a_refused_file_says_why_and_nothing_is_posted(
        qtbot: QtBot, classroom: Classroom, classes: tuple[str, str], tmp_path: Path) -> None:
    dialog = open_story(qtbot, classroom, classes[0])
    fake = tmp_path / "holiday.jpg"
    fake.write_bytes(b"this is not a photo at all" * 10)
    dialog.tray.add_paths([fake])
    problem = named(dialog, QLabel, "Problem with a file")
    qtbot.waitUntil(lambda: not dialog.tray.busy and "holiday.jpg" in problem.text())
    assert "not attached" in problem.text()
    click(qtbot, dialog, "Post")
    assert "Write something" in named(dialog, QLabel, "Post status").text()
    assert classroom.stories.class_feed(classes[0]) == []


def test_only_a_leader_sees_the_school_story_choice(qtbot: QtBot, classroom: Classroom,
                                                    classes: tuple[str, str]) -> None:
    dialog = open_story(qtbot, classroom, classes[0])
    assert not named(dialog, QCheckBox, "Post to the whole school story").isVisibleTo(dialog)
    classroom.settings.set_preference(STAFF_ROLE, "leader")
    dialog = open_story(qtbot, classroom, classes[0])
    named(dialog, QCheckBox, "Post to the whole school story").setChecked(True)
    assert not named(dialog, QListWidget, "Post to these classes").isEnabled()
    write(qtbot, dialog, "Term dates are out")
    click(qtbot, dialog, "Post")
    assert [s.text for s in classroom.stories.school_feed()] == ["Term dates are out"]
    assert rows(named(dialog, QListWidget, "Posts")) == ["No posts yet."]  # 4B's story
    dialog.feed_choice.setCurrentIndex(dialog.feed_choice.findData(""))
    assert rows(named(dialog, QListWidget, "Posts"))[0].endswith("Term dates are out")


def test_edit_then_delete_with_a_second_press(qtbot: QtBot, classroom: Classroom,
                                              classes: tuple[str, str]) -> None:
    dialog = open_story(qtbot, classroom, classes[0])
    write(qtbot, dialog, "Our trip to the musuem")
    click(qtbot, dialog, "Post")
    feed = named(dialog, QListWidget, "Posts")
    feed.setCurrentRow(0)
    click(qtbot, dialog, "Edit post")
    assert named(dialog, QLabel, "Composer heading").text() == "Editing a post"
    write(qtbot, dialog, "Our trip to the museum")
    click(qtbot, dialog, "Save changes")
    assert rows(feed)[0].endswith("Our trip to the museum")
    feed.setCurrentRow(0)
    click(qtbot, dialog, "Delete post")
    assert len(classroom.stories.class_feed(classes[0])) == 1  # asked first
    click(qtbot, dialog, "Really delete?")
    assert classroom.stories.class_feed(classes[0]) == []
    assert rows(feed) == ["No posts yet."]
