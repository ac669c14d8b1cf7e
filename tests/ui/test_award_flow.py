"""A tap's path: the picker over the grid, totals shown without a query, then recounted."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.ui.main_window import MainWindow


def stored_totals(win: MainWindow) -> dict[str, int]:
    assert win.class_id is not None
    totals = win.classroom.awards.totals(win.class_id)
    return {sid: totals.get(sid, 0) for sid in win.grid.student_ids()}


def shown_totals(win: MainWindow) -> dict[str, int]:
    return {tile.student_id: tile.points() for tile in win.grid.tiles()}


def in_window(win: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())


def first_skill(win: MainWindow) -> str:
    assert win.class_id is not None
    return win.classroom.skills.list(win.class_id)[0].id


def test_an_award_shows_at_once_and_agrees_with_the_database(window: MainWindow) -> None:
    ids = window.grid.student_ids()[:3]
    window.award(ids, first_skill(window))
    assert shown_totals(window) == stored_totals(window)
    assert window.recount.is_pending()
    window.recount.run_now()
    assert not window.recount.is_pending()
    assert shown_totals(window) == stored_totals(window)


def test_the_recount_mends_a_total_that_was_out_of_date(window: MainWindow) -> None:
    student = window.grid.student_ids()[5]
    right = stored_totals(window)[student]
    window.grid.update_points({student: right + 40})  # as if another device had undone some
    window.award([student], first_skill(window))
    assert window.grid.tile(student).points() == right + 41
    window.recount.run_now()
    assert window.grid.tile(student).points() == right + 1 == stored_totals(window)[student]


def test_taps_in_a_row_are_recounted_together(window: MainWindow) -> None:
    ids = window.grid.student_ids()
    for student in ids[:4]:
        window.award([student], first_skill(window))
    assert window.recount.is_pending()
    window.recount.run_now()
    assert shown_totals(window) == stored_totals(window)


def test_a_press_on_a_tile_while_the_picker_is_open_only_closes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    # On a board-sized window (on a laptop's the picker may take nearly all the window).
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920, timeout=1000)
    tiles = window.grid.tiles()
    qtbot.mouseClick(tiles[0], Qt.MouseButton.LeftButton)
    picker = window.picker
    assert picker is not None
    before = shown_totals(window)
    panel = in_window(window, picker)
    # A tile's corner the centred panel leaves uncovered (the panel may be nearly as wide
    # as a laptop's window, never as tall).
    tile, corner = next(
        (tile, corner) for tile in tiles
        for corner in (QPoint(8, 8), QPoint(tile.width() - 8, 8),
                       QPoint(8, tile.height() - 8),
                       QPoint(tile.width() - 8, tile.height() - 8))
        if tile.isVisible() and not panel.contains(tile.mapTo(window, corner))
        and window.rect().contains(tile.mapTo(window, corner)))
    with qtbot.assertNotEmitted(window.grid.student_activated):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton, pos=corner)
    assert window.picker is None
    assert shown_totals(window) == before


def test_the_picker_gives_keyboard_focus_back_to_the_tile(qtbot: QtBot, window: MainWindow) -> None:
    tile = window.grid.tiles()[2]
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tile.hasFocus, timeout=1000)
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    picker = window.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.isAncestorOf(window.focusWidget()), timeout=1000)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert window.picker is None
    qtbot.waitUntil(tile.hasFocus, timeout=1000)
