"""One change signal: the board and the open screens repaint from it, wherever the change
was made."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import Changes
from dojo_desktop.ui.changes import ChangeSignal
from dojo_desktop.ui.main_window import MainWindow


class _Screen(QObject):
    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Changes] = []

    def show_changes(self, changes: Changes) -> None:
        self.shown.append(changes)


def test_a_screen_hears_every_change_but_its_own(qtbot: QtBot) -> None:
    signal, writer, reader = ChangeSignal(), _Screen(), _Screen()
    signal.attach(writer)
    signal.attach(reader)
    change = Changes(stories=True)
    writer.changed.emit(change)
    assert reader.shown == [change] and writer.shown == []  # the writer repainted itself
    signal.publish(Changes(messages=True))  # e.g. from a pull
    assert writer.shown == reader.shown[1:] == [Changes(messages=True)]
    signal.publish(Changes())  # nothing changed: nobody repaints
    assert len(reader.shown) == 2


def test_a_screen_gone_is_not_called(qtbot: QtBot) -> None:
    signal, screen = ChangeSignal(), _Screen()
    signal.attach(screen)
    with qtbot.waitSignal(screen.destroyed, timeout=1000):
        screen.deleteLater()
    signal.publish(Changes(stories=True))  # would raise on a deleted screen


def test_an_award_made_elsewhere_repaints_the_tile_and_the_open_history(
        qtbot: QtBot, window: MainWindow) -> None:
    assert window.class_id is not None
    tile = window.grid.tiles()[3]
    before = tile.points()
    window.show_history(tile.student_id)
    history = window.screens.history
    skill = window.classroom.skills.list(window.class_id)[0]
    # What a pull does: the rows are written, then the page's changes go on the signal.
    result = window.classroom.awards.give(window.class_id, [tile.student_id], skill.id)
    window.changes.publish(result.changes)
    assert tile.points() == before + result.points
    assert skill.name in history.list.item(0).text()  # newest first
    history.reject()


def test_a_roster_change_from_a_dialog_rebuilds_the_grid(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    assert window.class_id is not None
    count = len(window.grid.tiles())
    _, changes = window.classroom.roster.add_student(window.class_id, "Zed", "Quill")
    window.changes.publish(changes)
    assert len(window.grid.tiles()) == count + 1


class _MarksRead(_Screen):
    """Like Messages, which marks the open thread read as it repaints: a write inside."""

    def show_changes(self, changes: Changes) -> None:
        super().show_changes(changes)
        if changes.stories:
            self.changed.emit(Changes(messages=True))


def test_a_screen_writing_while_it_repaints_does_not_hear_its_first_change(
        qtbot: QtBot) -> None:
    signal, first, marks_read, last = ChangeSignal(), _Screen(), _MarksRead(), _Screen()
    for screen in (first, marks_read, last):
        signal.attach(screen)
    last.changed.emit(Changes(stories=True))
    assert last.shown == [Changes(messages=True)]  # not its own change back
    assert first.shown == [Changes(stories=True), Changes(messages=True)]
