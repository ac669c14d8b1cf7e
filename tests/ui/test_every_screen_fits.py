"""Every screen on a 1366x768 laptop (a 40 px taskbar leaves 1366x728) and on a 75-inch 4K
board: each fits the free area, nothing is cut off, and everything a finger presses is at
least 15 mm on that screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from language_helpers import checkout_catalogue
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QRadioButton,
    QScrollBar,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.core.board_scale import Scale, ScreenSize, board_screen
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.sync.sync_store import RemoteEvent
from dojo_desktop.ui.app_style import apply_app_style
from dojo_desktop.ui.dialog_sheet import DialogSheet
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.scale import app_scale, set_reading_distance, stand_in_screen

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "translations"
# A 15.6-inch 1366x768 laptop (344 x 194 mm) with a 40 px taskbar; the 75-inch 4K board.
LAPTOP = ScreenSize(1366, 728, 344.2, 193.5 * 728 / 768)
BOARD = board_screen(3840, 2160)
SCREENS = {"laptop": LAPTOP, "board": BOARD}


@pytest.fixture(params=sorted(SCREENS))
def screen(request: pytest.FixtureRequest) -> Iterator[ScreenSize]:
    size = SCREENS[request.param]
    stand_in_screen(size)
    set_reading_distance(None)
    yield size
    stand_in_screen(None)
    apply_app_style(None)


@pytest.fixture(params=["en", "es", "ar"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """English; Spanish: longer words must fit too; Arabic: right to left."""
    if request.param == "en":
        yield "en"
        return
    if request.param == "es":  # the Spanish catalogue must be there
        assert (CATALOGUES / "dojo_desktop_es.qm").is_file()
    with checkout_catalogue(qapp, request.param):  # this checkout's, not an installed copy's
        assert QApplication.isRightToLeft() == (request.param == "ar")
        yield request.param


@pytest.fixture
def board_window(qtbot: QtBot, data_dir: Path, screen: ScreenSize,
                 language: str) -> Iterator[MainWindow]:
    classroom = open_classroom(data_dir)
    win = open_main_window(classroom, demo=True)
    qtbot.addWidget(win)
    win.resize(screen.width_px, screen.height_px)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    classroom.close()


def _pressable(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar) or widget.inherits("QTabBar") \
            or widget.objectName().startswith("qt_"):
        return False
    return isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox | QAbstractSlider
                      | QLineEdit)


def _text_cut(button: QAbstractButton, scale: Scale) -> bool:
    """The button's words are wider than the button (a check box's beside its box)."""
    if isinstance(button, QCheckBox | QRadioButton):  # its box, the space, its words
        return button.width() < button.minimumSizeHint().width()
    words = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    return bool(button.text()) and words > button.width() - scale.border_px


def small_targets(root: QWidget, scale: Scale) -> list[str]:
    """Every control shown in ``root`` smaller than 15 mm, and rows and tabs likewise."""
    touch = scale.touch_px
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        what = f"{type(widget).__name__} {widget.accessibleName()!r}"
        if _pressable(widget) and (widget.height() < touch or widget.width() < touch):
            found.append(f"{what}: {widget.width()}x{widget.height()} < {touch}")
        # A skill's criteria take two lines under its name: all of its height, not less.
        least = widget.sizeHint() if widget.inherits("SkillButton") else widget.minimumSizeHint()
        if isinstance(widget, QAbstractButton) and (widget.text() or widget.inherits(
                "SkillButton")) and (widget.height() < least.height()
                                     or _text_cut(widget, scale)):
            found.append(f"{what}: squeezed to {widget.width()}x{widget.height()}, "
                         f"its text cut")
        if isinstance(widget, QSlider):
            option = QStyleOptionSlider()
            widget.initStyleOption(option)
            handle = widget.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle,
                widget)
            if handle.width() < touch:
                found.append(f"{what} handle: {handle.width()} px wide < {touch}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 12)):
                rect = widget.visualRect(model.index(row, 0))
                if 0 < rect.height() < touch:
                    found.append(f"{what} row {row}: {rect.height()} < {touch}")
        if isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if widget.tabRect(tab).height() < touch:
                    found.append(f"{what} tab {tab}: {widget.tabRect(tab).height()} < {touch}")
    return found


def small_menu_rows(menu: QMenu, scale: Scale) -> list[str]:
    return [f"menu row {action.text()!r}: {menu.actionGeometry(action).height()} px"
            for action in menu.actions()
            if action.isVisible() and not action.isSeparator()
            and menu.actionGeometry(action).height() < scale.touch_px]


def small_type(root: QWidget, scale: Scale) -> list[str]:
    """Text shown in ``root`` below the scale's smallest type."""
    return [f"QLabel {label.text()[:30]!r}: {QFontInfo(label.font()).pixelSize()} px"
            for label in root.findChildren(QLabel)
            if label.isVisible() and label.text().strip() and label.pixmap().isNull()
            and QFontInfo(label.font()).pixelSize() < scale.small_px]


def misfits(root: QWidget, free: QSize) -> list[str]:
    """``root`` larger than the free area, or squeezed below what its content needs."""
    found = []
    size, least = root.size(), root.minimumSizeHint()
    if root.isWindow() and (size.width() > free.width() or size.height() > free.height()):
        found.append(f"{size.width()}x{size.height()} does not fit "
                     f"{free.width()}x{free.height()}")
    if least.width() > free.width() or least.height() > free.height():
        found.append(f"needs {least.width()}x{least.height()}, "
                     f"more than {free.width()}x{free.height()}")
    if size.width() < least.width() or size.height() < least.height():
        found.append(f"cut off: {size.width()}x{size.height()} shows a screen that needs "
                     f"{least.width()}x{least.height()}")
    return found


def shown_screens(window: MainWindow) -> list[QWidget]:
    """What is open over the window: dialog windows, sheets, the picker, menus."""
    over = [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not window and isinstance(w, QDialog | QMenu)]
    sheets = [w for w in window.findChildren(QWidget)
              if w.isVisible() and (isinstance(w, DialogSheet)
                                    or w.objectName() in ("LessonTools", "SkillPicker"))]
    return over + sheets


def close(widget: QWidget) -> None:
    if isinstance(widget, DialogSheet):
        widget.dialog.reject()
    elif isinstance(widget, QDialog | QMenu):
        widget.close()
    elif hasattr(widget, "close_sheet"):
        widget.close_sheet()
    elif hasattr(widget, "reject"):
        widget.reject()


def openers(window: MainWindow) -> dict[str, Callable[[], object]]:
    """How a teacher reaches each screen (the menu's own actions, or what they call)."""
    from dojo_desktop.services.backups import Recovery
    from dojo_desktop.services.errors import CsvProblem
    from dojo_desktop.store.backups import DAILY, Backup
    from dojo_desktop.store.database import Damage
    from dojo_desktop.ui.avatar_chooser import AvatarChooser
    from dojo_desktop.ui.class_dialog import NewClassDialog
    from dojo_desktop.ui.import_problems import ImportProblemsDialog
    from dojo_desktop.ui.lesson_tools.sheet import Tool
    from dojo_desktop.ui.recovery_screen import RecoveryDialog

    screens, setup, classroom = window.screens, window.setup, window.classroom
    student_id = window.grid.tiles()[0].card().id
    student = classroom.roster.student(student_id)
    assert student is not None
    found: dict[str, Callable[[], object]] = {
        "menu": lambda: window.menu.popup(window.mapToGlobal(QPoint(0, 0))),
        "skill picker": lambda: window.pick_skill_for(student_id),
        "settings": setup.open_settings,
        "history": lambda: window.show_history(student_id),
        "messages": screens.open_messages,
        "class story": screens.open_class_story,
        "story approvals": screens.open_story_approvals,
        "student story": lambda: screens.open_student_story(student_id),
        "school hours": screens.open_school_hours,
        "register": screens.open_register,
        "target": lambda: screens.open_target(student_id),
        "skill editor": setup.edit_skills,
        "roster editor": setup.edit_roster,
        "pairing": setup.pair_with_server,
        "sync details": setup.show_sync_details,
        "new class": lambda: _open_window(NewClassDialog(classroom, window)),
        "avatar chooser": lambda: _open_window(AvatarChooser(classroom, student, window)),
        "import problems": lambda: _open_window(ImportProblemsDialog(
            [CsvProblem(3, "First name", "is empty"),
             CsvProblem(7, "", "4 values but the header names 3 columns")], "class.csv",
            window)),
        "recovery": lambda: _open_window(RecoveryDialog(Recovery(
            Damage("database disk image is malformed", Path("dojo.sqlite3.damaged")),
            Backup(Path("dojo-daily-20261205-080000.sqlite3"), 1_764_900_000_000, DAILY),
            paired=True))),
    }
    for tool in Tool:
        found[f"lesson tools: {tool.value}"] = lambda t=tool: screens.open_lesson_tools(t)
    found.update(message_openers(window))
    found.update(staff_openers(window))
    # Last: the new school year moves the class this board shows.
    found["new-class prompt"] = lambda: _pull_the_new_school_year(window)
    return found


def message_openers(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The app's questions and notices (ui/message_sheet.py), with long real words."""
    from dojo_desktop.ui.message_sheet import Kind, tell
    from dojo_desktop.ui.needs_work_question import ask_needs_work

    return {
        "question: needs work for the whole class": lambda: ask_needs_work(
            window, "Not following instructions", -1, 28, lambda: None),
        "notice: not saved": lambda: window.show_error(
            "The class database could not be written: the disk is full or read-only. "
            "Nothing was lost; free some space and try again."),
        "notice: import finished": lambda: tell(window, "Import finished",
                                                "Imported 28 students.", Kind.NOTICE),
    }


def staff_openers(window: MainWindow) -> dict[str, Callable[[], object]]:
    """The staff's screens on a board that knows its school's staff."""
    from dojo_desktop.ui.speaker_check import when_speaker_confirmed

    classroom = window.classroom
    _know_staff(window)
    return {
        # As its button opens it (showMenu would wait for the menu to close).
        "who is teaching": lambda: window.teaching.menu.popup(
            window.teaching.button.mapToGlobal(QPoint(0, 0))),
        "speaker check (PIN dialog)": lambda: when_speaker_confirmed(
            window, classroom.staff, lambda: None),
    }


def _pull_the_new_school_year(window: MainWindow) -> None:
    """The server's rollover for the class shown, pulled: the board asks about the new
    class (a long name)."""
    from dojo_desktop.core.events import received_event
    from dojo_protocol.hlc import pack_hlc

    room, old, new = window.classroom, window.class_id, str(uuid7())
    events = [("class_created", {"class_id": new, "school_year": "2027-2028",
                                 "name": "Year 4 Oak with Mrs Papadopoulou-Smith"}),
              ("class_succeeded", {"class_id": old, "successor_id": new,
                                   "successor_name": "Year 4 Oak with Mrs Papadopoulou-Smith",
                                   "school_year": "2027-2028", "at_ms": 5})]
    remote = []
    for seq, (kind, payload) in enumerate(events, start=100):
        hlc = pack_hlc(4_000_000_000_000, seq, "server")
        remote.append(RemoteEvent(seq, received_event(kind, hlc, payload, str(uuid7())),
                                  "server", hlc))
    page = room.sync.store.apply_page(remote, "c-rollover", "e")
    window.changes.publish(room.changes_from_sync(page))
    assert window.new_class.box is not None


def _know_staff(window: MainWindow) -> str:
    """The school's staff pulled by the board (one with a long name); Ms Rossi's id."""
    from dojo_desktop.core.events import Event
    from dojo_desktop.core.hlc import Hlc
    from dojo_desktop.services.views import Changes

    room = window.classroom
    rossi = str(uuid7())
    for staff_id, name in ((rossi, "Ms Rossi"),
                           (str(uuid7()), "Mrs Alexandra Papadopoulou-Smith")):
        event = Event("staff_member", Hlc(room.ctx.now_ms(), 0, "server"),
                      {"staff_id": staff_id, "name": name, "role": "teacher", "at_ms": 1})
        room.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")
    window.changes.publish(Changes(records=frozenset({"staff_member"})))
    return rossi


def _open_window(dialog: QDialog) -> None:
    from dojo_desktop.ui.dialog_sheet import fit_to_screen

    fit_to_screen(dialog)
    dialog.open()


def check_screen(root: QWidget, window: MainWindow, free: QSize) -> list[str]:
    scale = app_scale(window)
    if isinstance(root, QMenu):
        # Qt lays a long menu out in columns to fit the screen it opens on; offscreen,
        # that is Qt's own screen, not the stand-in.
        on = root.screen().availableGeometry().size()
        return misfits(root, on) + small_menu_rows(root, scale)
    area = free if root.isWindow() else window.size()
    return misfits(root, area) + small_targets(root, scale) + small_type(root, scale)


def test_the_main_window_fits_and_every_control_is_a_finger_wide(
        qtbot: QtBot, board_window: MainWindow, screen: ScreenSize) -> None:
    free = QSize(screen.width_px, screen.height_px)
    assert check_screen(board_window, board_window, free) == []
    assert QApplication.focusWidget() in board_window.grid.tiles()  # focus starts on the grid


def test_every_screen_fits_and_every_control_is_a_finger_wide(
        qtbot: QtBot, board_window: MainWindow, screen: ScreenSize) -> None:
    free = QSize(screen.width_px, screen.height_px)
    problems: dict[str, list[str]] = {}
    for name, open_screen in openers(board_window).items():
        open_screen()
        qtbot.wait(20)
        shown = shown_screens(board_window)
        assert shown, f"{name} did not open"
        for widget in shown:
            found = check_screen(widget, board_window, free)
            if found:
                problems[f"{name} ({type(widget).__name__})"] = found
            close(widget)
        qtbot.waitUntil(lambda: not shown_screens(board_window))
        if name == "who is teaching":  # the board knows its staff: its name in the status
            assert board_window.teaching.button.isVisible()
            found = check_screen(board_window, board_window, free)
            if found:
                problems["the window with Who is teaching?"] = found
    assert not problems, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_my_pin_on_a_persons_own_device_fits(qtbot: QtBot, board_window: MainWindow,
                                             screen: ScreenSize) -> None:
    """Its menu row is there only on a device enrolled for one person; it opens there."""
    from dojo_desktop.services.settings import STAFF_ID

    free = QSize(screen.width_px, screen.height_px)
    window, menu = board_window, board_window.menu
    menu.popup(window.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    assert not menu.my_pin_action.isVisible()  # a shared board: nobody's own PIN
    menu.close()
    window.setup.open_my_pin()  # nor by any other way
    assert not shown_screens(window)
    window.classroom.settings.set_preference(STAFF_ID, _know_staff(window))
    menu.popup(window.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    assert menu.my_pin_action.isVisible()
    assert check_screen(menu, window, free) == []
    menu.close()
    menu.my_pin_action.trigger()  # as a tap on the row does
    shown = shown_screens(window)
    assert shown, "My PIN did not open"
    for widget in shown:
        assert check_screen(widget, window, free) == [], type(widget).__name__
        close(widget)
    qtbot.waitUntil(lambda: not shown_screens(window))


def test_the_first_run_page_fits_and_every_control_is_a_finger_wide(
        qtbot: QtBot, tmp_path: Path, screen: ScreenSize, language: str) -> None:
    classroom = open_classroom(tmp_path / "empty")
    window = open_main_window(classroom)
    qtbot.addWidget(window)
    window.resize(screen.width_px, screen.height_px)
    window.show()
    qtbot.waitExposed(window)
    assert window.pages.currentWidget() is window.first_run
    assert check_screen(window, window, QSize(screen.width_px, screen.height_px)) == []
    window.close()
    classroom.close()


def test_on_a_board_a_screen_about_a_child_is_a_sheet_with_their_avatar_and_name(
        qtbot: QtBot, board_window: MainWindow, screen: ScreenSize) -> None:
    tile = board_window.grid.tiles()[0]
    board_window.show_history(tile.card().id)
    sheets = board_window.findChildren(DialogSheet)
    if screen is LAPTOP:
        assert sheets == []
        board_window.screens.history.reject()
        return
    assert len(sheets) == 1 and sheets[0].isVisible()
    sheet = sheets[0]
    assert sheet.geometry() == board_window.rect()
    assert tile.card().student.display_name in sheet.title.text()
    assert sheet.avatar.pixmap().height() >= app_scale(board_window).control_px
    assert QFontInfo(sheet.title.font()).pixelSize() >= app_scale(board_window).heading_px
    for _ in range(12):  # Tab goes round the sheet, never to the grid behind it
        focused = QApplication.focusWidget()
        assert focused is not None and sheet.isAncestorOf(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible())
    assert QApplication.focusWidget() in board_window.grid.tiles()
