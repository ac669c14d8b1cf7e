"""The app's message box: on a board a sheet over the whole window in large type with big
buttons, on a laptop a small window; by keyboard Enter takes the safe answer and Escape
says no; a screen reader names every part."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.core.board_scale import ScreenSize, board_screen
from dojo_desktop.ui.app_style import apply_app_style
from dojo_desktop.ui.dialog_sheet import DialogSheet
from dojo_desktop.ui.message_sheet import MessageSheet, ask, tell
from dojo_desktop.ui.scale import app_scale, set_reading_distance, stand_in_screen

LAPTOP = ScreenSize(1366, 728, 344.2, 193.5 * 728 / 768)
BOARD = board_screen(3840, 2160)


@pytest.fixture(params=["laptop", "board"])
def window(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[QWidget]:
    screen = BOARD if request.param == "board" else LAPTOP
    stand_in_screen(screen)
    set_reading_distance(None)
    apply_app_style(None)
    window = QWidget()
    window.setWindowTitle("Board")
    qtbot.addWidget(window)
    window.resize(screen.width_px, screen.height_px)
    window.show()
    qtbot.waitExposed(window)
    yield window
    stand_in_screen(None)
    apply_app_style(None)


def question(window: QWidget, said: list[str]) -> MessageSheet:
    return ask(window, "Needs work for everyone?", "Give “Off task” (-1) to all 28 children?",
               yes=("Give it to all 28", "Give Off task to all 28"), no="Cancel",
               on_yes=lambda: said.append("yes"),
               on_answer=lambda yes: said.append(f"answered {yes}"))


def test_a_question_is_big_named_and_starts_on_the_safe_answer(
        qtbot: QtBot, window: QWidget) -> None:
    said: list[str] = []
    box = question(window, said)
    qtbot.waitUntil(box.isVisible)
    scale = app_scale(window)
    sheets = window.findChildren(DialogSheet)
    if scale.board:  # a sheet over the whole window, its title as the heading
        assert len(sheets) == 1 and sheets[0].geometry() == window.rect()
        assert sheets[0].title.text() == "Needs work for everyone?"
        assert QFontInfo(sheets[0].title.font()).pixelSize() >= scale.heading_px
    else:  # a window no larger than the laptop's free area
        assert sheets == [] and box.isWindow()
        assert box.width() <= LAPTOP.width_px and box.height() <= LAPTOP.height_px
        assert box.width() < LAPTOP.width_px // 2
    assert QFontInfo(box.words.font()).pixelSize() > scale.text_px
    cancel, give = box.buttons()
    for button in (cancel, give):
        assert button.height() >= scale.touch_px and button.width() >= scale.touch_px
        assert button.width() >= button.sizeHint().width()  # its words whole
    assert box.accessibleName() == "Needs work for everyone?"
    assert give.accessibleName() == "Give Off task to all 28"
    assert box.default_button() is cancel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cancel)
    qtbot.keyClick(cancel, Qt.Key.Key_Return)  # Enter: the safe answer
    qtbot.waitUntil(lambda: not box.isVisible())
    assert said == ["answered False"]


def test_escape_says_no_and_the_acting_button_says_yes(qtbot: QtBot, window: QWidget) -> None:
    said: list[str] = []
    box = question(window, said)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.buttons()[0])
    qtbot.keyClick(box.buttons()[0], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert said == ["answered False"]
    box = question(window, said)
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.buttons()[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert said == ["answered False", "yes", "answered True"]


def test_a_notice_has_one_ok_and_goes_with_enter(qtbot: QtBot, window: QWidget) -> None:
    box = tell(window, "Not saved", "The class database is read-only.")
    qtbot.waitUntil(box.isVisible)
    assert [b.text() for b in box.buttons()] == ["OK"]
    assert box.text() == "The class database is read-only."
    assert box.words.accessibleName() == box.text()
    ok = box.buttons()[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ok)
    qtbot.keyClick(ok, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert not [s for s in window.findChildren(DialogSheet) if s.isVisible()]
