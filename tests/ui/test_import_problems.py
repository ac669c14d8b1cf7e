"""ImportProblemsDialog: the heading, one line per problem, and Copy to the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.errors import CsvProblem, RosterCsvError
from dojo_desktop.ui.import_problems import ImportProblemsDialog
from dojo_desktop.ui.resources import touch_target_px

HEADING = "Nothing was imported. Fix these lines and import again:"
PROBLEMS = [
    CsvProblem(3, "First name", "is empty"),
    CsvProblem(7, "", "4 values but the header names 3 columns"),
    CsvProblem(9, "Last name", "is longer than 60 characters"),
]


def open_dialog(qtbot: QtBot, problems: list[CsvProblem]) -> ImportProblemsDialog:
    dialog = ImportProblemsDialog(problems, "year4.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_lists_every_problem_under_the_heading(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, PROBLEMS)
    assert dialog.windowTitle() == "Problems in year4.csv"
    assert HEADING in {label.text() for label in dialog.findChildren(QLabel)}
    shown = dialog.findChild(QListWidget)
    assert shown is not None and shown.accessibleName() == "Problems"
    assert [shown.item(i).text() for i in range(shown.count())] == [
        "Line 3, column “First name”: is empty",
        "Line 7: 4 values but the header names 3 columns",
        "Line 9, column “Last name”: is longer than 60 characters",
    ]
    # The same words the service uses, with a capital letter to start the line.
    assert [line.lower() for line in dialog.problem_lines()] == [
        str(p).lower() for p in PROBLEMS]


def test_problems_from_a_real_parse(qtbot: QtBot) -> None:
    from dojo_desktop.core.roster_csv import parse_roster_csv

    try:
        parse_roster_csv(b"First name,Last name\nAmira,Khan\n,Okafor\n")
    except RosterCsvError as exc:
        dialog = open_dialog(qtbot, exc.problems)
    assert dialog.problem_lines() == ["Line 3, column “First name”: is empty"]


def test_copy_puts_the_whole_list_on_the_clipboard(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, PROBLEMS)
    copy = next(b for b in dialog.findChildren(QAbstractButton)
                if b.accessibleName() == "Copy the problems")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text.splitlines() == ["Problems in year4.csv", HEADING, *dialog.problem_lines()]
    assert copy.text() == "Copied"


def test_close_and_touch_sizes(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, PROBLEMS)
    buttons = dialog.findChildren(QAbstractButton)
    assert {b.accessibleName() for b in buttons} == {"Copy the problems", "Close"}
    assert all(b.minimumHeight() >= touch_target_px(dialog) for b in buttons)
    close = next(b for b in buttons if b.accessibleName() == "Close")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
