"""The main screens in Spanish and right to left: nothing that matters is cut or elided,
the layout mirrors, and the demo class's skills are in the teacher's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from language_helpers import checkout_catalogue
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.default_texts import default_text
from dojo_desktop.ui.lesson_tools.sheet import Tool
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.resources import touch_target_px
from dojo_desktop.ui.skill_button import SkillButton
from dojo_protocol.default_skills import default_skill_id

SIZES = [(1366, 768), (1920, 1080)]


def cut_texts(root: QWidget) -> list[str]:
    """The visible buttons, labels and lists' choices under ``root`` whose text does not
    fit the room they were given."""
    cut = []
    for button in root.findChildren(QAbstractButton):
        # A one-sign button (+, −, ☰) is a square a finger wide: its sign always fits.
        if button.isVisible() and len(button.text()) > 1 \
                and not isinstance(button, SkillButton) \
                and button.width() < button.sizeHint().width():
            cut.append(f"button {button.text()!r}: {button.width()} < "
                       f"{button.sizeHint().width()}")
    for label in root.findChildren(QLabel):
        if not (label.isVisible() and label.text()) or (label.pixmap() is not None \
                and not label.pixmap().isNull()):
            continue
        metrics, room = label.fontMetrics(), label.contentsRect()
        if label.wordWrap():
            if metrics.horizontalAdvance(label.text()) <= room.width():
                # One line: its ink must show (a huge clock's line box may be taller).
                if metrics.tightBoundingRect(label.text()).height() > room.height():
                    cut.append(f"label {label.text()!r} is taller than its room")
            elif label.heightForWidth(room.width()) > label.height() + 1:
                cut.append(f"label {label.text()!r} needs more height: "
                           f"{label.heightForWidth(label.contentsRect().width())} > "
                           f"{label.height()}")
        elif label.width() < label.sizeHint().width():
            cut.append(f"label {label.text()!r}: {label.width()} < {label.sizeHint().width()}")
    for combo in root.findChildren(QComboBox):
        if combo.isVisible() and combo.currentText() \
                and combo.width() < combo.sizeHint().width():
            cut.append(f"combo {combo.currentText()!r}: {combo.width()} < "
                       f"{combo.sizeHint().width()}")
    return cut


@pytest.fixture(params=["es", "ar"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    with checkout_catalogue(qapp, request.param):
        yield request.param


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def board(request: pytest.FixtureRequest, language: str, qtbot: QtBot,
          data_dir: Path) -> Iterator[MainWindow]:
    classroom = open_classroom(data_dir, texts=default_text)
    window = open_main_window(classroom, demo=True)
    qtbot.addWidget(window)
    window.resize(*request.param)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    yield window
    window.screens.close_all()
    window.close()
    classroom.close()


def test_the_class_bar_and_the_grid_show_every_text_whole(board: MainWindow,
                                                          qtbot: QtBot) -> None:
    bar = board.bar
    assert cut_texts(bar) == []
    assert bar.volume.width() >= touch_target_px(bar) * 2, "the volume slider is usable"
    assert all(tile.width() > 0 for tile in board.grid.tiles())
    bar.select_several.click()  # longer words: "Done selecting", "Award 1 selected"
    bar.set_selected_count(12)
    qtbot.wait(20)  # the bar is laid out again
    assert cut_texts(bar) == []
    bar.select_several.click()
    first, second = board.grid.tiles()[:2]
    if QApplication.isRightToLeft():
        assert bar.class_combo.x() > bar.whole_class.x() > bar.menu_button.x()
        assert first.x() > second.x(), "the first child is at the top right"
        at, _pill = first._points_pill()
        assert at.x() < first.width() / 2, "the points in the other top corner"
    else:
        assert bar.class_combo.x() < bar.whole_class.x() < bar.menu_button.x()
        assert first.x() < second.x()


def test_the_skill_picker_shows_whole_names_in_the_teachers_language(
        board: MainWindow, language: str, qtbot: QtBot) -> None:
    board.pick_skill_for(board.grid.tiles()[0].student_id)
    picker = board.picker
    assert picker is not None
    qtbot.waitUntil(picker.isVisible)
    buttons = picker.findChildren(SkillButton)
    assert buttons and all(b.name_fits() for b in buttons), \
        [b.skill.name for b in buttons if not b.name_fits()]
    names = {b.skill.id: b.skill.name for b in buttons}
    if language == "es":
        assert names[default_skill_id("Helping others")] == "Ayudar a los demás"
        assert names[default_skill_id("No homework")] == "Sin deberes"
    first, second = sorted(buttons, key=lambda b: b.skill.position)[:2]
    if QApplication.isRightToLeft():
        assert first.mapTo(picker, first.rect().center()).x() > \
            second.mapTo(picker, second.rect().center()).x()
    assert cut_texts(picker) == []


def test_the_history_names_the_child_and_fits(board: MainWindow, qtbot: QtBot) -> None:
    tile = next(t for t in board.grid.tiles()
                if board.classroom.awards.history(t.student_id, board.class_id))
    board.show_history(tile.student_id)
    history = board.screens.history
    assert history is not None
    qtbot.waitExposed(history)
    student = board.classroom.roster.student(tile.student_id)
    assert student is not None and history.name.text() == student.display_name
    assert history.avatar.pixmap() is not None and not history.avatar.pixmap().isNull()
    assert history.name.accessibleName() and history.avatar.accessibleName()
    assert cut_texts(history) == []
    # "+1" stays "+1" in a right-to-left line, where it would read "1+".
    first = history.list.item(0).text()
    assert first.startswith("\u2066+" if QApplication.isRightToLeft() else "+")
    history.reject()


@pytest.mark.parametrize("tool", list(Tool))
def test_each_lesson_tool_shows_every_text_whole(board: MainWindow, tool: Tool,
                                                 qtbot: QtBot) -> None:
    board.screens.open_lesson_tools(tool)
    sheet = board.screens._lesson_tools()
    qtbot.waitUntil(lambda: sheet.isVisible() and sheet.pages.currentWidget().isVisible())
    qtbot.wait(50)
    assert cut_texts(sheet) == []


def test_set_up_screens_show_every_text_whole(board: MainWindow, qtbot: QtBot,
                                              qapp: QApplication) -> None:
    for open_screen in (board.setup.edit_skills, board.setup.edit_roster,
                        board.setup.open_settings):
        open_screen()
        dialog = qapp.activeModalWidget() or next(
            w for w in qapp.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        qtbot.waitExposed(dialog)
        assert cut_texts(dialog) == [], type(dialog).__name__
        assert isinstance(dialog, QDialog)
        dialog.reject()
        qtbot.wait(10)


def test_arrow_keys_follow_the_reading_direction(board: MainWindow, qtbot: QtBot) -> None:
    first, second = board.grid.tiles()[:2]
    first.setFocus()
    onward = Qt.Key.Key_Left if QApplication.isRightToLeft() else Qt.Key.Key_Right
    qtbot.keyClick(first, onward)
    assert second.hasFocus()


@pytest.mark.parametrize(("lang", "direction"), [("ar", Qt.LayoutDirection.RightToLeft),
                                                 ("he", Qt.LayoutDirection.RightToLeft),
                                                 ("es", Qt.LayoutDirection.LeftToRight)])
def test_the_windows_language_sets_its_direction(qapp: QApplication, lang: str,
                                                 direction: Qt.LayoutDirection) -> None:
    from PySide6.QtCore import QLocale, QTranslator

    from dojo_desktop.ui.translations import install_translator

    before, locale = set(qapp.findChildren(QTranslator)), QLocale()
    try:
        install_translator(qapp, lang)
        assert qapp.layoutDirection() == direction
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
