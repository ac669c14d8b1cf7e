"""Lesson toolkit: a tap (the Tools button or a menu entry) -> the tool's first paint.

Opens the real main window at 1920x1080 on the demo class with one school year of history
(100,000 awards, so the class goal's progress and the balanced groups read real totals),
then opens each tool 50 times from the menu, closing the sheet in between. The first tap
on Tools and each tool's first opening are reported apart (the app makes the sheet and its
tools ahead, after its first paint and when idle; this script does the same). The
baseline, measured in the same run, is the register (a dialog over the board) from its
menu entry to its first paint.

    python benchmarks/toolkit_open.py [--opens 50] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from dojo_desktop.app import create_application, open_main_window
from dojo_desktop.services.classroom import open_classroom
from school_year import build_school_year

GOAL_MS = 50.0


class FirstPaint(QObject):
    """Notes when a watched widget is painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[QObject] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.add(watched)
        return False


def settle(app: QApplication, seconds: float = 0.05) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def until_painted(app: QApplication, spy: FirstPaint, widget: Callable[[], QWidget | None],
                  tap: Callable[[], None]) -> float:
    """Milliseconds from ``tap`` until the widget it shows has been painted."""
    spy.painted.clear()
    start = time.perf_counter()
    tap()
    while True:
        app.processEvents()
        shown = widget()
        if shown is not None and shown in spy.painted:
            return (time.perf_counter() - start) * 1000
        if time.perf_counter() - start > 5:
            raise RuntimeError("the tool did not paint within 5 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="dojo-bench-")) / "data"
    if not (data_dir / "dojo.sqlite3").exists():
        print(f"building one school year of history in {data_dir} ...", file=sys.stderr)
        build_school_year(data_dir)

    app = create_application([])
    classroom = open_classroom(data_dir)
    window = open_main_window(classroom, demo=True)
    window.resize(1920, 1080)
    window.show()
    settle(app, 0.5)
    class_id = window.class_id
    assert class_id is not None
    classroom.goals.set_goal(class_id, 5000, "A class picnic")
    window.screens.prepare_lesson_tools()  # as the app does after its first paint
    settle(app, 0.2)
    spy = FirstPaint()
    app.installEventFilter(spy)
    screens = window.screens

    def current_page() -> QWidget | None:
        sheet = screens.lesson_tools
        return sheet.pages.currentWidget() if sheet is not None and sheet.isVisible() else None

    first = until_painted(app, spy, current_page,
                          lambda: QTest.mouseClick(window.bar.tools,
                                                   Qt.MouseButton.LeftButton))
    settle(app)
    actions = dict(zip(("timer", "picker", "groups", "goal", "noise"), window.menu.tool_actions,
                       strict=True))
    results: dict[str, list[float]] = {}
    firsts: dict[str, float] = {}
    for name, action in actions.items():
        sheet = screens.lesson_tools
        assert sheet is not None
        sheet.close_sheet()
        settle(app, 0.005)
        firsts[name] = until_painted(app, spy, current_page, action.trigger)
    for _round in range(args.opens):
        for name, action in actions.items():
            sheet = screens.lesson_tools
            assert sheet is not None
            sheet.close_sheet()
            settle(app, 0.005)
            results.setdefault(name, []).append(
                until_painted(app, spy, current_page, action.trigger))
    sheet = screens.lesson_tools
    assert sheet is not None
    sheet.close_sheet()

    def register() -> QWidget | None:
        return next(iter(screens.screens), None)

    baseline = []
    for _ in range(min(args.opens, 20)):
        baseline.append(until_painted(app, spy, register, window.menu.register_action.trigger))
        screens.close_all()
        settle(app, 0.02)

    awards = classroom.ctx.reader.count("awards")
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, Qt platform {app.platformName()}")
    print(f"database: {awards} awards, 28 students; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'first tap on Tools':<44} {first:7.2f} ms")
    for name, value in firsts.items():
        print(f"{'first opening of ' + name:<44} {value:7.2f} ms")
    for name, values in results.items():
        print(f"{'menu -> ' + name + ' painted':<44} n={len(values):<3} "
              f"p50={statistics.median(values):6.2f} ms  p95={percentile(values, 95):6.2f} ms"
              f"  max={max(values):6.2f} ms")
    print(f"{'baseline: menu -> register painted':<44} n={len(baseline):<3} "
          f"p50={statistics.median(baseline):6.2f} ms  p95={percentile(baseline, 95):6.2f} ms")
    worst = max(percentile(v, 95) for v in results.values())
    print(f"goal: each tool painted within {GOAL_MS:.0f} ms of the tap (p95): "
          f"{'met' if worst <= GOAL_MS else 'NOT met'}; first tap on Tools: "
          f"{'met' if first <= GOAL_MS else 'NOT met'}")
    window.close()
    classroom.close()


if __name__ == "__main__":
    main()
