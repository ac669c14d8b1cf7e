"""UndoToast: what was awarded, bottom centre, ten seconds, and the Undo signal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.ui import undo_toast
from dojo_desktop.ui.undo_toast import UndoToast


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_hidden_until_an_award(parent: QWidget) -> None:
    toast = UndoToast(parent)
    assert not toast.isVisible()
    assert toast.remaining_ms() == 0


def test_shows_what_and_who_for_ten_seconds(parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("batch-1", 1, "Helping others", "Amira Khan")
    assert toast.isVisible()
    assert toast.text() == "+1 Helping others · Amira Khan"
    assert undo_toast.UNDO_SECONDS == 10
    assert 9000 <= toast.remaining_ms() <= 10000
    assert toast.undo_button().accessibleName() == "Undo"


def test_needs_work_uses_a_true_minus(parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("b", -1, "Off task", "3 students")
    assert toast.text() == "\u22121 Off task · 3 students"


def test_sits_at_the_bottom_centre_and_follows_resizes(qtbot: QtBot, parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("b", 1, "Teamwork", "Ben Okafor")
    assert abs(toast.geometry().center().x() - parent.width() // 2) <= 1
    assert parent.height() - 80 < toast.geometry().bottom() < parent.height()
    parent.resize(1920, 1080)
    qtbot.waitUntil(lambda: abs(toast.geometry().center().x() - 960) <= 1, timeout=1000)
    assert 1000 < toast.geometry().bottom() < 1080


def test_a_new_award_replaces_the_toast_and_restarts_the_timer(
    qtbot: QtBot, parent: QWidget
) -> None:
    toast = UndoToast(parent)
    toast.show_award("first", 1, "Teamwork", "Ben Okafor")
    qtbot.wait(300)
    assert toast.remaining_ms() < 9800
    toast.show_award("second", 2, "Persistence", "Whole class")
    assert toast.text() == "+2 Persistence · Whole class"
    assert toast.batch_id() == "second"
    assert toast.remaining_ms() > 9800
    with qtbot.waitSignal(toast.undo_requested, timeout=1000) as blocker:
        qtbot.mouseClick(toast.undo_button(), Qt.MouseButton.LeftButton)
    assert blocker.args == ["second"]


def test_undo_emits_the_batch_and_hides(qtbot: QtBot, parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("batch-7", 1, "Helping others", "Amira Khan")
    with qtbot.waitSignal(toast.undo_requested, timeout=1000) as blocker:
        qtbot.mouseClick(toast.undo_button(), Qt.MouseButton.LeftButton)
    assert blocker.args == ["batch-7"]
    assert not toast.isVisible()
    assert toast.remaining_ms() == 0


def test_undo_by_keyboard(qtbot: QtBot, parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("batch-8", 1, "Helping others", "Amira Khan")
    with qtbot.waitSignal(toast.undo_requested, timeout=1000):
        qtbot.keyClick(toast.undo_button(), Qt.Key.Key_Space)


def test_hides_itself_when_the_time_is_up(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(undo_toast, "UNDO_SECONDS", 0.2)
    toast = UndoToast(parent)
    toast.show_award("b", 1, "Teamwork", "Ben Okafor")
    assert toast.isVisible()
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=2000)
    assert toast.remaining_ms() == 0


def test_dismiss_hides_without_undoing(qtbot: QtBot, parent: QWidget) -> None:
    toast = UndoToast(parent)
    toast.show_award("b", 1, "Teamwork", "Ben Okafor")
    with qtbot.assertNotEmitted(toast.undo_requested):
        toast.dismiss()
    assert not toast.isVisible()
