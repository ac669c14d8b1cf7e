"""RosterGrid: fills the screen, keeps tiles big enough to touch, repaints only what changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.roster_grid import RosterGrid, plan_grid
from dojo_desktop.ui.student_tile import StudentTile

CardFactory = Callable[..., StudentCard]


class PaintCounter(QObject):
    """Counts paint events per tile."""

    def __init__(self, tiles: list[StudentTile]) -> None:
        super().__init__()
        self.counts = {tile.student_id: 0 for tile in tiles}
        for tile in tiles:
            tile.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, StudentTile):
            self.counts[watched.student_id] += 1
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)


ShowGrid = Callable[[list[StudentCard], int, int], RosterGrid]


@pytest.fixture
def show_grid(qtbot: QtBot) -> ShowGrid:
    """``show_grid(cards, width, height)``: a window of that size holding only the grid."""
    windows: list[QWidget] = []  # pytest-qt holds widgets weakly; keep them alive here

    def show(cards: list[StudentCard], width: int, height: int) -> RosterGrid:
        window = QWidget()
        windows.append(window)
        qtbot.addWidget(window)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = RosterGrid(window)
        layout.addWidget(grid)
        grid.set_cards(cards)
        window.resize(width, height)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        qtbot.waitUntil(lambda: grid.viewport().height() == height, timeout=2000)
        return grid

    return show


def find_tile(grid: RosterGrid, accessible_name: str) -> StudentTile:
    matches = [t for t in grid.tiles() if t.accessibleName() == accessible_name]
    assert len(matches) == 1, accessible_name
    return matches[0]


@pytest.fixture
def grid(show_grid: ShowGrid, cards: list[StudentCard]) -> RosterGrid:
    return show_grid(cards, 1366, 768)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080), (3840, 2160)])
def test_28_students_fill_the_window_without_scrolling(
    show_grid: ShowGrid, cards: list[StudentCard], width: int, height: int
) -> None:
    grid = show_grid(cards, width, height)
    viewport = grid.viewport()
    assert not grid.verticalScrollBar().isVisible()
    minimum = touch_target_px(grid)
    bounds = QRect()
    for tile in grid.tiles():
        rect = QRect(tile.mapTo(viewport, QPoint(0, 0)), tile.size())
        assert viewport.rect().contains(rect), tile.accessibleName()
        assert tile.width() > minimum and tile.height() > minimum
        bounds = bounds.united(rect)
    # The tiles cover the window: little is left over on either axis.
    assert bounds.width() >= 0.85 * width
    assert bounds.height() >= 0.9 * height
    # And they are big: 28 tiles in a handful of rows, not a sea of stamps.
    assert grid.tiles()[0].height() >= height / 5


def test_tiles_are_roughly_portrait_and_scale_with_the_screen() -> None:
    small = plan_grid(28, 1366, 768, 57)
    large = plan_grid(28, 3840, 2160, 57)
    for layout in (small, large):
        assert 0.85 <= layout.tile_height / layout.tile_width <= 1.45
    assert large.tile_width > 2.5 * small.tile_width


def test_too_many_students_scroll_and_stay_touchable(
    qtbot: QtBot, show_grid: ShowGrid, card_factory: CardFactory
) -> None:
    cards = [card_factory(i) for i in range(120)]
    grid = show_grid(cards, 800, 500)
    minimum = touch_target_px(grid)
    assert all(t.width() >= minimum and t.height() >= minimum for t in grid.tiles())
    qtbot.waitUntil(grid.verticalScrollBar().isVisible, timeout=2000)
    last = grid.tiles()[-1]
    assert last.geometry().right() < grid.viewport().width()


def test_minimum_follows_the_screen_dpi() -> None:
    layout = plan_grid(28, 1000, 400, 120)
    assert layout.tile_width >= 120 and layout.tile_height >= 120
    assert layout.height > 400


def test_tiles_are_found_by_accessible_name(grid: RosterGrid, cards: list[StudentCard]) -> None:
    first = cards[0]
    tile = find_tile(grid, f"{first.student.display_name}, {first.points} points")
    assert tile is grid.tile(first.id)
    assert grid.student_ids() == [card.id for card in cards]


def test_update_points_repaints_only_that_tile(
    qtbot: QtBot, grid: RosterGrid, cards: list[StudentCard]
) -> None:
    counter = PaintCounter(grid.tiles())
    qtbot.wait(50)
    counter.reset()
    target = cards[5]
    grid.update_points({target.id: target.points + 1})
    qtbot.waitUntil(lambda: counter.counts[target.id] >= 1, timeout=1000)
    qtbot.wait(50)
    others = {sid: n for sid, n in counter.counts.items() if sid != target.id and n}
    assert others == {}
    assert grid.tile(target.id).points() == target.points + 1
    counter.reset()
    grid.update_points({target.id: target.points + 1, cards[6].id: cards[6].points})
    qtbot.wait(50)
    assert sum(counter.counts.values()) == 0


def test_set_cards_reuses_tiles_of_the_same_students(
    grid: RosterGrid, cards: list[StudentCard], card_factory: CardFactory
) -> None:
    kept = grid.tile(cards[3].id)
    newcomer = card_factory(40)
    grid.set_cards([*cards[1:], newcomer])
    assert grid.tile(cards[3].id) is kept
    assert len(grid.tiles()) == len(cards)
    assert grid.student_ids()[-1] == newcomer.id
    with pytest.raises(KeyError):
        grid.tile(cards[0].id)


def test_tab_follows_the_new_order(
    qtbot: QtBot, grid: RosterGrid, cards: list[StudentCard]
) -> None:
    reordered = list(reversed(cards))
    grid.set_cards(reordered)
    first = grid.tile(reordered[0].id)
    assert first.nextInFocusChain() is grid.tile(reordered[1].id)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus, timeout=1000)
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert grid.focused_id() == reordered[1].id


def test_privacy_hides_every_total(grid: RosterGrid, cards: list[StudentCard]) -> None:
    grid.set_privacy(True)
    names = [tile.accessibleName() for tile in grid.tiles()]
    assert names == [card.student.display_name for card in cards]
    grid.set_cards(cards)
    assert all(tile.is_privacy() for tile in grid.tiles())


def test_tap_activates_the_student(
    qtbot: QtBot, grid: RosterGrid, cards: list[StudentCard]
) -> None:
    with qtbot.waitSignal(grid.student_activated, timeout=1000) as blocker:
        qtbot.mouseClick(grid.tile(cards[2].id), Qt.MouseButton.LeftButton)
    assert blocker.args == [cards[2].id]


def test_multi_select_toggles_instead_of_activating(
    qtbot: QtBot, grid: RosterGrid, cards: list[StudentCard]
) -> None:
    grid.set_multi_select(True)
    with qtbot.assertNotEmitted(grid.student_activated):
        for index, expected in ((4, 1), (1, 2), (4, 1), (9, 2)):
            with qtbot.waitSignal(grid.selection_changed, timeout=1000) as blocker:
                qtbot.mouseClick(grid.tile(cards[index].id), Qt.MouseButton.LeftButton)
            assert blocker.args == [expected]
    assert grid.selected_ids() == [cards[1].id, cards[9].id]
    with qtbot.waitSignal(grid.selection_changed, timeout=1000) as blocker:
        grid.clear_selection()
    assert blocker.args == [0]
    assert grid.selected_ids() == []
    qtbot.mouseClick(grid.tile(cards[0].id), Qt.MouseButton.LeftButton)
    grid.set_multi_select(False)
    assert grid.selected_ids() == []


def test_arrow_keys_move_in_grid_order(qtbot: QtBot, grid: RosterGrid) -> None:
    layout = grid.grid_layout()
    assert layout is not None
    columns = layout.columns
    tiles = grid.tiles()
    tiles[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tiles[0].hasFocus, timeout=1000)

    def press(key: Qt.Key) -> StudentTile:
        focused = next(t for t in grid.tiles() if t.hasFocus())
        qtbot.keyClick(focused, key)
        return next(t for t in grid.tiles() if t.hasFocus())

    assert press(Qt.Key.Key_Left) is tiles[0]
    assert press(Qt.Key.Key_Right) is tiles[1]
    assert press(Qt.Key.Key_Down) is tiles[1 + columns]
    assert press(Qt.Key.Key_Up) is tiles[1]
    assert press(Qt.Key.Key_Up) is tiles[1]
    assert press(Qt.Key.Key_End) is tiles[-1]
    assert press(Qt.Key.Key_Home) is tiles[0]
    assert grid.focused_id() == tiles[0].student_id
    with qtbot.waitSignal(grid.student_activated, timeout=1000) as blocker:
        qtbot.keyClick(tiles[0], Qt.Key.Key_Return)
    assert blocker.args == [tiles[0].student_id]


def test_down_onto_a_short_last_row_lands_on_its_last_tile(
    qtbot: QtBot, show_grid: ShowGrid, card_factory: CardFactory
) -> None:
    grid = show_grid([card_factory(i) for i in range(26)], 1366, 768)
    layout = grid.grid_layout()
    assert layout is not None
    tiles = grid.tiles()
    last_row_start = (len(tiles) - 1) // layout.columns * layout.columns
    above = tiles[last_row_start - 1]
    above.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(above.hasFocus, timeout=1000)
    qtbot.keyClick(above, Qt.Key.Key_Down)
    assert tiles[-1].hasFocus()


def test_show_award_animates_the_named_tiles(grid: RosterGrid, cards: list[StudentCard]) -> None:
    grid.show_award([cards[0].id, cards[1].id, "not-here"], 1)
    assert grid.tile(cards[0].id).is_animating()
    assert grid.tile(cards[1].id).is_animating()
    assert not grid.tile(cards[2].id).is_animating()


def test_context_menu_asks_for_history(
    qtbot: QtBot, grid: RosterGrid, cards: list[StudentCard]
) -> None:
    tile = grid.tile(cards[3].id)
    # What Qt sends for a right click, the menu key or Shift+F10.
    at = QPoint(5, 5)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, tile.mapToGlobal(at))
    with qtbot.waitSignal(grid.history_requested, timeout=1000) as blocker:
        QApplication.sendEvent(tile, event)
    assert blocker.args == [cards[3].id]


def test_empty_class_shows_no_tiles(show_grid: ShowGrid) -> None:
    grid = show_grid([], 800, 600)
    assert grid.tiles() == []
    canvas = grid.widget()
    assert canvas is not None
    assert not canvas.grab().isNull()
