"""Work off the GUI thread: results come back on it, long work shows progress and stops on
Cancel, and the window's CSV import and export use it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.services.errors import Cancelled
from dojo_desktop.ui.data_export import export_all_csv
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.message_sheet import MessageSheet
from dojo_desktop.ui.operations import Progress, run_in_background


def test_the_work_runs_elsewhere_and_its_result_comes_back_on_the_gui_thread(
        qtbot: QtBot) -> None:
    ran_on: list[QThread] = []
    results: list[tuple[int, QThread]] = []

    def work() -> int:
        ran_on.append(QThread.currentThread())
        return 42

    run_in_background(work, lambda value: results.append((value, QThread.currentThread())),
                      lambda exc: pytest.fail(str(exc)))
    qtbot.waitUntil(lambda: bool(results))
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert results == [(42, gui)] and ran_on[0] is not gui


def test_a_failure_comes_back_as_the_exception(qtbot: QtBot) -> None:
    errors: list[Exception] = []

    def work() -> None:
        raise ValueError("disk full")

    run_in_background(work, lambda _: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0]) == "disk full"


def test_long_work_shows_progress_and_cancel_stops_it(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    progress = Progress(parent, "Counting sheep…")
    errors: list[Exception] = []
    stopped = threading.Event()

    def work() -> None:
        try:
            for done in range(2000):  # ten seconds at most
                progress.report(done, 2000)
                time.sleep(0.005)
        finally:
            stopped.set()

    run_in_background(work, lambda _: pytest.fail("cancelled work has no result"),
                      errors.append, progress=progress)
    dialog = progress.dialog
    assert not dialog.isVisible()  # a quick job would be over before it flashes up
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.accessibleName() == "Counting sheep…"
    qtbot.waitUntil(lambda: dialog.value() > 0)
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled) and stopped.is_set()


def test_the_window_imports_a_csv_off_the_gui_thread(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    csv_file = tmp_path / "more.csv"
    csv_file.write_text("First name,Last name\nFay,Lu\nGus,Ray\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args: (str(csv_file), "CSV files (*.csv)"))
    service = window.classroom.roster
    real_import = service.import_csv
    threads: list[QThread] = []

    def import_csv(*args: object) -> object:
        threads.append(QThread.currentThread())
        return real_import(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "import_csv", import_csv)
    count = len(window.grid.tiles())
    window.setup.import_csv()

    def told() -> list[str]:  # the message sheet saying so
        return [sheet.text() for sheet in window.findChildren(MessageSheet)
                if sheet.isVisible()]

    qtbot.waitUntil(lambda: bool(told()))
    assert told() == ["Imported 2 students."]
    assert threads and threads[0] is not window.thread()
    assert len(window.grid.tiles()) == count + 2  # repainted from the change signal


def test_export_writes_the_files_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    lines: list[str] = []
    export_all_csv(window.classroom, window, exported=lines.append,
                   refused=lambda reason: pytest.fail(reason),
                   ask_file=lambda *_args: out)
    qtbot.waitUntil(lambda: bool(lines))
    assert lines == [f"Exported 4 files to {tmp_path}."]
    assert sorted(p.name for p in tmp_path.glob("export*.csv")) == [
        "export.classes.csv", "export.csv", "export.skills.csv", "export.students.csv"]
