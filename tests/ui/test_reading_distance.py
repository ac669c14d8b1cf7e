"""A new reading distance, chosen in Settings, resizes what is already on the screen at
once: the class bar, the tiles, the open settings sheet; and back again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.core.board_scale import board_screen
from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.app_style import apply_app_style
from dojo_desktop.ui.dialog_sheet import DialogSheet
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.scale import app_scale, set_reading_distance, stand_in_screen
from dojo_desktop.ui.settings_dialog import SettingsDialog

BOARD = board_screen(3840, 2160)


@pytest.fixture
def board(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    stand_in_screen(BOARD)
    set_reading_distance(None)
    window = open_main_window(open_classroom(data_dir), demo=True)
    qtbot.addWidget(window)
    window.resize(BOARD.width_px, BOARD.height_px)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.classroom.close()
    stand_in_screen(None)
    set_reading_distance(None)
    apply_app_style(None)


def bar_sizes(window: MainWindow) -> tuple[int, int, int]:
    """The class bar's type, its Whole class button's height and the bar's height."""
    bar = window.bar
    return (QFontInfo(bar.whole_class.font()).pixelSize(), bar.whole_class.height(),
            bar.height())


def choose_distance(qtbot: QtBot, dialog: SettingsDialog, steps: int, key: Qt.Key) -> None:
    combo = dialog.distance
    combo.setFocus()
    for _ in range(steps):
        qtbot.keyClick(combo, key)


def test_a_new_reading_distance_resizes_the_open_window_at_once(
        qtbot: QtBot, board: MainWindow) -> None:
    before = bar_sizes(board)
    usual = app_scale(board)
    tile_before = board.grid.tiles()[0].size()
    board.setup.open_settings()
    dialog = board.findChild(SettingsDialog)
    assert dialog is not None
    sheet = board.findChild(DialogSheet)
    assert sheet is not None and sheet.isVisible()  # on a board, settings is a sheet
    heading_before = QFontInfo(sheet.title.font()).pixelSize()

    choose_distance(qtbot, dialog, 3, Qt.Key.Key_Down)  # usual, 0.6, 1, 2 m
    assert dialog.distance.currentData() == 2.0
    assert board.classroom.settings.preference(prefs.READING_DISTANCE) == 2.0
    near = app_scale(board)
    assert near.text_px < usual.text_px and near.control_px < usual.control_px
    qtbot.waitUntil(lambda: bar_sizes(board)[1] < before[1])
    font_px, button_px, bar_px = bar_sizes(board)
    # The bar's type and buttons are the new scale's, with no restart.
    assert font_px < before[0]
    assert font_px >= near.text_px
    assert near.control_px <= button_px < before[1]
    assert bar_px < before[2]
    # The open sheet's heading follows; the tiles are laid out again in the room the
    # shorter bar leaves.
    assert QFontInfo(sheet.title.font()).pixelSize() == near.heading_px < heading_before
    assert board.grid.tiles()[0].size() != tile_before
    plan = board.grid.grid_layout()
    assert plan is not None and plan.width <= board.grid.maximumViewportSize().width()

    choose_distance(qtbot, dialog, 3, Qt.Key.Key_Up)  # back to the usual distance
    assert dialog.distance.currentData() is None
    qtbot.waitUntil(lambda: bar_sizes(board) == before)
    assert QFontInfo(sheet.title.font()).pixelSize() == heading_before
    dialog.reject()
    qtbot.waitUntil(lambda: not sheet.isVisible())


def test_the_welcome_page_follows_a_new_reading_distance(qtbot: QtBot, tmp_path: Path) -> None:
    stand_in_screen(BOARD)
    set_reading_distance(None)
    window = open_main_window(open_classroom(tmp_path / "empty"))
    qtbot.addWidget(window)
    try:
        window.resize(BOARD.width_px, BOARD.height_px)
        window.show()
        qtbot.waitExposed(window)
        page = window.first_run
        assert window.pages.currentWidget() is page
        title_px = QFontInfo(page.title.font()).pixelSize()
        button_px = page.buttons[0].height()
        window.set_reading_distance(2.0)
        qtbot.waitUntil(lambda: page.buttons[0].height() < button_px)
        assert QFontInfo(page.title.font()).pixelSize() < title_px
        assert page.buttons[0].height() >= app_scale(window).control_px
    finally:
        window.close()
        window.classroom.close()
        stand_in_screen(None)
        set_reading_distance(None)
        apply_app_style(None)
