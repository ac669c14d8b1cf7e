"""A tile paints one cached face: after each change it shows (points, name, ring, privacy,
selection, size, focus) it looks exactly like a tile made fresh in that state, and the
rising '+N' is drawn over the face, not into it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.student_tile import StudentTile

CardFactory = Callable[..., StudentCard]
SIZE = QSize(200, 250)


class Board:
    """Two tiles side by side in one window: the one that lived through the changes, and a
    fresh one set up straight into the same state to compare it with."""

    def __init__(self, qtbot: QtBot, card: StudentCard) -> None:
        self.host = QWidget()
        qtbot.addWidget(self.host)
        layout = QHBoxLayout(self.host)
        self.tile = StudentTile(card, self.host)
        self.tile.setFixedSize(SIZE)
        layout.addWidget(self.tile)
        self.host.show()
        qtbot.waitExposed(self.host)
        self.looks = image(self.tile)  # painted once, so its face is cached from here on

    def fresh(self, card: StudentCard, setup: Callable[[StudentTile], None]) -> QImage:
        tile = StudentTile(card, self.host)
        tile.setFixedSize(self.tile.size())
        # Beside the other, away from the pointer (a tile under it shows its hover look).
        tile.move(self.tile.geometry().bottomLeft() + QPoint(0, 10))
        setup(tile)
        tile.show()
        try:
            return image(tile)
        finally:
            tile.deleteLater()


def image(tile: StudentTile) -> QImage:
    return tile.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.fixture
def board(qtbot: QtBot, card_factory: CardFactory) -> Board:
    return Board(qtbot, card_factory(0, 12, first_name="Amira", last_name="Khan"))


def test_a_new_total_shows_at_once_and_as_a_fresh_tile_would(board: Board) -> None:
    board.tile.set_points(13)
    after = image(board.tile)
    assert after != board.looks
    assert after == board.fresh(board.tile.card(), lambda _tile: None)
    board.tile.set_points(12)
    assert image(board.tile) == board.looks


def test_a_wider_total_and_back_leave_nothing_of_the_other_behind(board: Board) -> None:
    # The pill grows to the left for more digits: the layer's top is put back beneath it.
    for points in (1234, -56789, 7):
        board.tile.set_points(points)
        assert image(board.tile) == board.fresh(board.tile.card(), lambda _tile: None)
    board.tile.set_points(12)
    assert image(board.tile) == board.looks


def test_a_new_name_and_avatar_show(board: Board, card_factory: CardFactory) -> None:
    renamed = card_factory(0, 12, first_name="Amina", last_name="Khalil")
    board.tile.set_card(renamed)
    after = image(board.tile)
    assert after != board.looks
    assert after == board.fresh(renamed, lambda _tile: None)


def test_the_target_ring_shows_as_it_fills_and_when_reached(board: Board) -> None:
    for fraction, reached in ((0.25, False), (0.5, False), (1.0, True)):
        board.tile.set_target_progress(fraction, reached)
        after = image(board.tile)
        assert after != board.looks
        assert after == board.fresh(
            board.tile.card(),
            lambda tile, f=fraction, r=reached: tile.set_target_progress(f, r))
    board.tile.set_target_progress(None)
    assert image(board.tile) == board.looks


def test_privacy_hides_the_total_and_the_ring_and_brings_them_back(board: Board) -> None:
    board.tile.set_target_progress(0.5)
    with_ring = image(board.tile)
    board.tile.set_privacy(True)
    private = image(board.tile)
    assert private != with_ring

    def private_setup(tile: StudentTile) -> None:
        tile.set_target_progress(0.5)
        tile.set_privacy(True)

    assert private == board.fresh(board.tile.card(), private_setup)
    board.tile.set_points(20)  # a total that changes while hidden stays hidden
    assert image(board.tile) == board.fresh(board.tile.card(), private_setup)
    board.tile.set_privacy(False)
    assert image(board.tile) == board.fresh(
        board.tile.card(), lambda tile: tile.set_target_progress(0.5))


def test_selection_shows_and_goes(board: Board) -> None:
    board.tile.set_selected(True)
    selected = image(board.tile)
    assert selected != board.looks
    assert selected == board.fresh(board.tile.card(), lambda tile: tile.set_selected(True))
    board.tile.set_selected(False)
    assert image(board.tile) == board.looks


def test_a_new_size_repaints_the_face_at_that_size(board: Board) -> None:
    board.tile.setFixedSize(240, 300)
    after = image(board.tile)
    assert after.size() != board.looks.size()
    assert after == board.fresh(board.tile.card(), lambda _tile: None)


def test_keyboard_focus_shows_its_ring_and_leaves_none_behind(
        qtbot: QtBot, board: Board) -> None:
    board.host.activateWindow()
    qtbot.waitActive(board.host)
    board.tile.clearFocus()  # the window's activation may have given it focus already
    board.tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(board.tile.hasFocus)
    assert image(board.tile) != board.looks
    board.tile.clearFocus()
    assert image(board.tile) == board.looks


def test_the_rising_points_are_drawn_over_the_face_and_gone_after(board: Board) -> None:
    board.tile.set_points(13)
    face = image(board.tile)
    board.tile.show_award_animation(1)
    board.tile.set_award_progress(0.0)
    rising = image(board.tile)
    board.tile.set_award_progress(0.2)
    higher = image(board.tile)
    assert face != rising != higher
    board.tile.set_award_progress(1.0)
    assert image(board.tile) == face


class PaintedRegions(QObject):
    """The areas a widget is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.areas: list[QRect] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.areas.append(event.rect())
        return False


def on_screen(board: Board) -> QImage:
    """The tile as the window shows it (the backing store), not painted afresh."""
    QApplication.processEvents()
    at = board.tile.geometry()
    shot = board.host.screen().grabWindow(board.host.winId(), at.x(), at.y(), at.width(),
                                         at.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def test_a_frame_paints_only_where_the_points_were_and_are(board: Board) -> None:
    """Between two frames of the rising '+N' only the badge moves: the tile paints its old
    and new places, and the window shows, frame by frame, exactly the tile a full paint
    makes (no trail of the badge left behind), then the face again."""
    board.tile.set_points(13)
    face = image(board.tile)
    board.tile.show_award_animation(2)
    assert on_screen(board) == image(board.tile)  # the first frame: the whole tile
    regions = PaintedRegions()
    for progress in (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.6, 0.85, 0.9, 0.95, 0.99, 1.0):
        board.tile.installEventFilter(regions)  # the frame's paint, not the fresh one's
        board.tile.set_award_progress(progress)
        shown = on_screen(board)
        board.tile.removeEventFilter(regions)
        assert shown == image(board.tile), f"at {progress}"
    assert on_screen(board) == face
    tile = board.tile.width() * board.tile.height()
    assert regions.areas, "no frame was painted"
    assert all(area.width() * area.height() < tile / 2 for area in regions.areas), \
        regions.areas
