"""Screens left open repaint when sync brings a family's reply or another teacher's post."""

from __future__ import annotations

from collections.abc import Callable

from portal_kit import Family
from pytestqt.qtbot import QtBot
from school_kit import School

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.ui.class_story import ClassStoryDialog
from dojo_desktop.ui.messages import MessagesDialog
from dojo_server.domain import invites


def _texts(widget: MessagesDialog | ClassStoryDialog) -> list[str]:
    rows = widget.thread_list if isinstance(widget, MessagesDialog) else widget.feed
    return [rows.item(row).text() for row in range(rows.count())]


def test_an_open_messages_and_class_story_screen_show_what_a_pull_brings(
        qtbot: QtBot, school: School, sync: Callable[[Classroom], None]) -> None:
    laptop = school.device("teacher-laptop", "teacher")
    group, _ = laptop.roster.create_class("4B")
    ben, _ = laptop.roster.add_student(group.id, "Ben", "Okafor")
    sync(laptop)
    window = open_main_window(laptop)
    qtbot.addWidget(window)
    window.open_class(group.id)
    window.menu.messages_action.trigger()
    window.menu.story_action.trigger()
    messages, story = (next(d for d in window.screens.screens if isinstance(d, kind))
                       for kind in (MessagesDialog, ClassStoryDialog))
    assert isinstance(messages, MessagesDialog) and isinstance(story, ClassStoryDialog)
    assert not any("slept badly" in text for text in _texts(messages))

    [letter] = invites.create_invites(school.server.db, school.school_id, group.id)
    family = Family(school.url)
    try:
        assert family.join(letter.code, name="Sam Okafor").status_code == 303
        assert family.post(f"/portal/child/{ben.id}/messages",
                           {"body": "Ben slept badly last night."}).status_code == 303
    finally:
        family.close()
    board = school.device("whiteboard", "teacher")
    sync(board)
    board.stories.post("Sports day is on Friday", [group.id])
    sync(board)

    # What the sync controller does with a pull: the engine's report, as changes, to the
    # window; the screens are not reopened.
    engine = laptop.sync.engine()
    assert engine is not None
    try:
        report = engine.pull_all()
    finally:
        engine.transport.close()
    window.changes.publish(laptop.changes_from_sync(report.pulled))
    assert any("Ben" in text and "1 new" in text and "slept badly" in text
               for text in _texts(messages)), _texts(messages)
    assert any("Sports day is on Friday" in text for text in _texts(story)), _texts(story)
