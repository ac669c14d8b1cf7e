"""Where the undo toast and the skill picker sit: never over a tile's name, nor the class bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.tile_painting import tile_geometry


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    classroom = open_classroom(data_dir)
    win = open_main_window(classroom, demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    classroom.close()


def in_window(win: MainWindow, widget_rect: QRect, widget: object) -> QRect:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    return QRect(widget.mapTo(win, widget_rect.topLeft()), widget_rect.size())


def visible_name_rects(win: MainWindow) -> list[QRect]:
    """Each tile's name, in window coordinates, cut to the part the grid shows."""
    viewport = win.grid.viewport()
    shown = in_window(win, viewport.rect(), viewport)
    rects = []
    for tile in win.grid.tiles():
        geometry, _ = tile_geometry(tile.width(), tile.height(), tile.font())
        name = in_window(win, geometry.name, tile).intersected(shown)
        if not name.isEmpty():
            rects.append(name)
    return rects


def resize_and_settle(qtbot: QtBot, win: MainWindow, width: int, height: int) -> None:
    win.resize(width, height)
    strip = win.toast_strip

    def settled() -> bool:
        layout = win.grid.grid_layout()
        return (win.size().width() == width and strip.height() == strip.toast.reserved_height()
                and strip.geometry().bottom() < win.centralWidget().height()
                and layout is not None and layout.width == win.grid.maximumViewportSize().width())

    qtbot.waitUntil(settled, timeout=2000)


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)])
def test_the_toast_never_covers_a_name(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    resize_and_settle(qtbot, window, *size)
    student_ids = window.grid.student_ids()
    window.award(student_ids, window.classroom.skills.list(window.class_id)[0].id)
    toast = in_window(window, window.toast.rect(), window.toast)
    assert window.toast.isVisible()
    names = visible_name_rects(window)
    assert len(names) == 28  # every name is on screen at these sizes
    assert not [name for name in names if name.intersects(toast)]
    # Inside the window, and the whole toast shows.
    assert window.rect().contains(toast)


def test_a_long_toast_text_still_leaves_the_names_free(qtbot: QtBot, window: MainWindow) -> None:
    resize_and_settle(qtbot, window, 1366, 768)
    window.toast.show_message("b", "+1 " + "Very long skill name " * 8 + "· Whole class")
    toast = in_window(window, window.toast.rect(), window.toast)
    assert not [name for name in visible_name_rects(window) if name.intersects(toast)]


def test_the_picker_covers_the_grid_only(qtbot: QtBot, window: MainWindow) -> None:
    resize_and_settle(qtbot, window, 1920, 1080)
    window.award_whole_class()
    picker = window.picker
    assert picker is not None
    shown = in_window(window, picker.rect(), picker)
    bar = in_window(window, window.bar.rect(), window.bar)
    assert not shown.intersects(bar)
    assert in_window(window, window.grid.rect(), window.grid).contains(shown.center())
    picker.reject()
    assert window.picker is None


def test_the_picker_stays_inside_the_grid_when_the_window_shrinks(
    qtbot: QtBot, window: MainWindow
) -> None:
    resize_and_settle(qtbot, window, 1920, 1080)
    window.award_whole_class()
    picker = window.picker
    assert picker is not None
    resize_and_settle(qtbot, window, 1280, 720)
    grid = in_window(window, window.pages.rect(), window.pages)
    qtbot.waitUntil(lambda: grid.contains(in_window(window, picker.rect(), picker)),
                    timeout=2000)
