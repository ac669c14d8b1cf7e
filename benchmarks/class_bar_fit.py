"""Class bar fitting its width: what tightening the bar for a longer language costs.

Opens the real main window on the demo class in English and in Spanish (this checkout's
catalogue), at 1920x1080 and 1366x768, and times the bar's fit from its loosest look
(what a show or a new width does: up to three restyles when Spanish must tighten) and
the count's change in "Select several" (a tap: one measure, no restyle). The baseline,
in the same run, is one restyle of the bar at its own style sheet.

    python benchmarks/class_bar_fit.py [--runs 50]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.class_bar import ClassBar
from dojo_desktop.ui.default_texts import default_text

ROOT = Path(__file__).resolve().parents[1]


def _timed(action: Callable[[], None], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def _row(name: str, times: list[float]) -> str:
    p95 = times[min(len(times) - 1, round(len(times) * 0.95))]
    return (f"| {name} | {statistics.median(times):.2f} ms | {p95:.2f} ms "
            f"| {times[-1]:.2f} ms |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    print(f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}, "
          f"{runs} runs")
    print("| figure | p50 | p95 | max |\n| --- | --- | --- | --- |")
    for lang in ("en", "es"):
        translator = QTranslator(app)
        if translator.load(str(ROOT / "resources" / "translations" / f"dojo_desktop_{lang}.qm")):
            app.installTranslator(translator)
        QLocale.setDefault(QLocale(lang))
        for width, height in ((1920, 1080), (1366, 768)):
            with tempfile.TemporaryDirectory() as folder:
                room = open_classroom(Path(folder), texts=default_text)
                window = open_main_window(room, demo=True)
                window.resize(width, height)
                window.show()
                app.processEvents()
                bar = window.bar

                def fit_from_loosest(bar: ClassBar = bar) -> None:
                    bar._tighten(0)  # what a show or a new width starts from
                    bar._fit(loosest=True)

                fit = _timed(fit_from_loosest, runs)
                tightness = bar._tightness
                print(_row(f"{lang} {width}: fit from the loosest (ends at step "
                           f"{tightness})", fit))
                bar.set_multi_select(True)
                counts = iter(range(1, runs + 1))

                def count(bar: ClassBar = bar, counts: Iterator[int] = counts) -> None:
                    bar.set_selected_count(next(counts))

                print(_row(f"{lang} {width}: a tap's count in Select several",
                           _timed(count, runs)))
                bar.set_multi_select(False)
                sheet = bar.styleSheet()
                def restyle(bar: ClassBar = bar, sheet: str = sheet) -> None:
                    bar.setStyleSheet(sheet)

                print(_row(f"{lang} {width}: baseline, one restyle of the bar",
                           _timed(restyle, runs)))
                window.close()
                room.close()
        app.removeTranslator(translator)


if __name__ == "__main__":
    main()
