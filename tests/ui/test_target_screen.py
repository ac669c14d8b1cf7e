"""A child's target from the board: set by keyboard or from the history, the ring filling as
points come, and one celebration (sound and sparks) the first time it is reached today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QListWidget, QSpinBox
from pytestqt.qtbot import QtBot
from screen_helpers import click, named

from dojo_desktop.core.events import Event, kind_named
from dojo_desktop.core.hlc import Hlc
from dojo_desktop.services.targets import KIND
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.sound import SoundPlayer
from dojo_desktop.ui.student_history import StudentHistoryDialog
from dojo_desktop.ui.target_dialog import TargetDialog
from dojo_protocol.periods import day_window_ms


class CountingSound(SoundPlayer):
    """The real player, counting the target sounds it is asked for (the speaker is the
    edge of the world here)."""

    def __init__(self) -> None:
        super().__init__()
        self.reached = 0

    def play_target_reached(self) -> None:
        self.reached += 1
        super().play_target_reached()


def _earned_today(window: MainWindow, student_id: str) -> int:
    assert window.class_id is not None
    room = window.classroom
    window_ms = day_window_ms(room.targets.today(), room.settings.timezone())
    by_skill = room.ctx.reader.points_by_skill(window.class_id, window_ms, [student_id])
    return sum(by_skill.get(student_id, {}).values())


def _open_dialog(qtbot: QtBot, window: MainWindow) -> TargetDialog:
    qtbot.waitUntil(lambda: any(isinstance(d, TargetDialog) for d in window.screens.screens))
    dialog = next(d for d in window.screens.screens if isinstance(d, TargetDialog))
    assert isinstance(dialog, TargetDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _positive_skill(window: MainWindow) -> str:
    return next(s.id for s in window.classroom.skills.list(window.class_id) if s.points == 1)


def test_a_target_set_by_keyboard_fills_the_ring_and_is_celebrated_once_a_day(
        qtbot: QtBot, window: MainWindow) -> None:
    sound = CountingSound()
    window.attach_sound(sound)
    tile = window.grid.tiles()[0]
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tile, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = _open_dialog(qtbot, window)
    assert all(b.accessibleName() for b in dialog.findChildren(QAbstractButton))
    assert named(dialog, QListWidget, "Skills that count (none ticked: every skill)").count()
    named(dialog, QSpinBox, "Points to reach in the day").setValue(
        max(0, _earned_today(window, tile.student_id)) + 2)
    click(qtbot, dialog, "Set the target")
    step, reached = tile.target_ring() or (None, None)
    assert step is not None and not reached
    assert dialog.status.text().endswith("(every school day).")

    skill = _positive_skill(window)
    window.award([tile.student_id], skill)
    window.recount.run_now()
    assert tile.target_ring() is not None and not tile.target_ring()[1]
    last = window.award([tile.student_id], skill)
    window.recount.run_now()
    assert tile.target_ring() == (60, True)
    assert tile.is_celebrating() and sound.reached == 1
    # Taken back and earned again the same day: the ring fills again, without a second song.
    assert last is not None
    window.undo_batch(last.batch_id)
    assert tile.target_ring() is not None and not tile.target_ring()[1]
    window.award([tile.student_id], skill)
    window.recount.run_now()
    assert tile.target_ring() == (60, True) and sound.reached == 1
    click(qtbot, dialog, "Clear the target")
    assert tile.target_ring() is None
    dialog.reject()


def test_the_history_opens_the_childs_target(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[1]
    window.show_history(tile.student_id)
    history = window.findChild(StudentHistoryDialog)
    assert history is not None
    qtbot.waitExposed(history)
    name = tile.card().student.display_name
    click(qtbot, history, f"Set {name}'s daily target")
    dialog = _open_dialog(qtbot, window)
    click(qtbot, dialog, "Target for today only")
    click(qtbot, dialog, "Set the target")
    assert dialog.status.text().endswith("(today only).")
    assert tile.target_ring() is not None
    dialog.reject()
    history.reject()


def test_a_target_pulled_from_another_device_draws_the_ring_without_a_celebration(
        qtbot: QtBot, window: MainWindow) -> None:
    sound = CountingSound()
    window.attach_sound(sound)
    tile = window.grid.tiles()[2]
    room = window.classroom
    event = Event(kind_named(KIND), Hlc(room.ctx.now_ms() + 1000, 0, "ta-laptop"),
                  {"student_id": tile.student_id, "class_id": window.class_id,
                   "scope": "standing", "points": 1, "at_ms": 1})
    window.award([tile.student_id], _positive_skill(window))
    window.recount.run_now()
    page = room.sync.store.apply_page([RemoteEvent(1, event, "ta-laptop")], "c1", "e")
    window.changes.publish(room.changes_from_sync(page))
    assert tile.target_ring() == (60, True)
    assert sound.reached == 0  # reached already when it arrived: nothing to celebrate
