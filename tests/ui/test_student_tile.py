"""StudentTile: accessible text, privacy, activation by mouse, touch and keys, painting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.student_tile import AWARD_ANIMATION_MS, StudentTile

CardFactory = Callable[..., StudentCard]


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.fixture
def amira(card_factory: CardFactory) -> StudentCard:
    return card_factory(0, 12, first_name="Amira", last_name="Khan")


@pytest.fixture
def tile(qtbot: QtBot, amira: StudentCard) -> StudentTile:
    widget = StudentTile(amira)
    qtbot.addWidget(widget)
    widget.resize(200, 250)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def snapshot(widget: QWidget) -> QImage:
    return widget.grab().toImage()


@pytest.mark.parametrize(
    ("points", "expected"),
    [(12, "Amira Khan, 12 points"), (1, "Amira Khan, 1 point"), (0, "Amira Khan, 0 points"),
     (-1, "Amira Khan, -1 points")],
)
def test_accessible_name_says_name_and_points(
    qtbot: QtBot, card_factory: CardFactory, points: int, expected: str
) -> None:
    widget = StudentTile(card_factory(0, points, first_name="Amira", last_name="Khan"))
    qtbot.addWidget(widget)
    assert widget.accessibleName() == expected


def test_tile_is_a_focusable_button_for_assistive_tech(tile: StudentTile) -> None:
    interface = QAccessible.queryAccessibleInterface(tile)
    assert interface is not None
    assert interface.role() == QAccessible.Role.Button
    assert interface.text(QAccessible.Text.Name) == "Amira Khan, 12 points"
    assert tile.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_privacy_hides_points_from_name_and_from_the_screen(tile: StudentTile) -> None:
    shown = snapshot(tile)
    tile.set_privacy(True)
    assert tile.accessibleName() == "Amira Khan"
    hidden = snapshot(tile)
    assert hidden != shown
    # With the total hidden, a different total must paint exactly the same tile.
    tile.set_points(99)
    assert snapshot(tile) == hidden
    assert tile.accessibleName() == "Amira Khan"
    tile.set_privacy(False)
    assert tile.accessibleName() == "Amira Khan, 99 points"
    assert snapshot(tile) != hidden


def test_set_points_repaints_only_when_changed(qtbot: QtBot, tile: StudentTile) -> None:
    counter = PaintCounter(tile)
    qtbot.wait(30)  # let the first paint after show() go by
    counter.count = 0
    tile.set_points(12)
    qtbot.wait(30)
    assert counter.count == 0
    tile.set_points(13)
    qtbot.waitUntil(lambda: counter.count >= 1, timeout=1000)
    assert tile.accessibleName() == "Amira Khan, 13 points"


def test_points_change_what_is_painted(tile: StudentTile) -> None:
    before = snapshot(tile)
    tile.set_points(13)
    assert snapshot(tile) != before


def test_click_activates_with_student_id(qtbot: QtBot, tile: StudentTile) -> None:
    with qtbot.waitSignal(tile.activated, timeout=1000) as blocker:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [tile.student_id]


def test_release_outside_the_tile_does_not_activate(qtbot: QtBot, tile: StudentTile) -> None:
    with qtbot.assertNotEmitted(tile.activated, wait=50):
        qtbot.mousePress(tile, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton, pos=QPoint(500, 500))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_and_space_activate(qtbot: QtBot, tile: StudentTile, key: Qt.Key) -> None:
    tile.setFocus()
    with qtbot.waitSignal(tile.activated, timeout=1000):
        qtbot.keyClick(tile, key)


def test_a_tap_activates(qtbot: QtBot, tile: StudentTile) -> None:
    device = QTest.createTouchDevice()
    with qtbot.waitSignal(tile.activated, timeout=1000):
        QTest.touchEvent(tile, device).press(0, QPoint(50, 50), tile).commit()
        QTest.touchEvent(tile, device).release(0, QPoint(52, 51), tile).commit()


def test_long_press_asks_for_history_instead(qtbot: QtBot, tile: StudentTile) -> None:
    with qtbot.assertNotEmitted(tile.activated), qtbot.waitSignal(
        tile.history_requested, timeout=2000
    ) as blocker:
        qtbot.mousePress(tile, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton)
    assert blocker.args == [tile.student_id]


def test_a_finger_held_down_asks_for_history_instead(qtbot: QtBot, tile: StudentTile) -> None:
    device = QTest.createTouchDevice()
    with qtbot.assertNotEmitted(tile.activated), qtbot.waitSignal(
        tile.history_requested, timeout=2000
    ):
        QTest.touchEvent(tile, device).press(0, QPoint(50, 50), tile).commit()
    QTest.touchEvent(tile, device).release(0, QPoint(50, 50), tile).commit()


def test_selected_tile_looks_different_and_says_so(tile: StudentTile) -> None:
    before = snapshot(tile)
    tile.set_selected(True)
    assert tile.is_selected()
    assert tile.accessibleDescription() == "Selected"
    assert snapshot(tile) != before


def test_keyboard_focus_draws_a_ring_but_a_tap_does_not(qtbot: QtBot, tile: StudentTile) -> None:
    tile.clearFocus()
    plain = snapshot(tile)
    tile.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(tile.hasFocus, timeout=1000)
    assert snapshot(tile) == plain
    tile.clearFocus()
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tile.hasFocus, timeout=1000)
    ringed = snapshot(tile)
    assert ringed != plain
    # The ring is the dark focus colour, painted at the tile's edge.
    assert ringed.pixelColor(ringed.width() // 2, 3) == QColor("#1D4ED8")


def test_award_animation_rises_and_ends(qtbot: QtBot, tile: StudentTile) -> None:
    still = snapshot(tile)
    tile.show_award_animation(2)
    assert tile.is_animating()
    qtbot.wait(AWARD_ANIMATION_MS // 4)
    assert snapshot(tile) != still
    qtbot.waitUntil(lambda: not tile.is_animating(), timeout=AWARD_ANIMATION_MS * 3)
    assert snapshot(tile) == still


def test_privacy_never_animates_a_negative_award(tile: StudentTile) -> None:
    tile.set_privacy(True)
    tile.show_award_animation(-1)
    assert not tile.is_animating()
    tile.show_award_animation(1)
    assert tile.is_animating()


def test_photo_avatar_is_painted(qtbot: QtBot, tmp_path: Path, card_factory: CardFactory) -> None:
    photo = QImage(120, 80, QImage.Format.Format_RGB32)
    photo.fill(QColor("#00FF00"))
    path = tmp_path / "photo.png"
    photo.save(str(path))
    widget = StudentTile(card_factory(0, 3, avatar="image:abc", avatar_path=str(path)))
    qtbot.addWidget(widget)
    widget.resize(200, 250)
    image = snapshot(widget)
    centre = image.pixelColor(100, 90)
    assert (centre.red(), centre.green(), centre.blue()) == (0, 255, 0)


def test_missing_photo_falls_back_to_a_drawn_avatar(
    qtbot: QtBot, tmp_path: Path, card_factory: CardFactory
) -> None:
    missing = str(tmp_path / "gone.png")
    widget = StudentTile(card_factory(0, 3, avatar="image:abc", avatar_path=missing))
    qtbot.addWidget(widget)
    widget.resize(200, 250)
    assert not widget.grab().isNull()
