"""Taps during a backup: the daily backup of a school year's database runs on its worker
while the teacher keeps tapping; no tap may take longer than 16 ms (one frame at 60 Hz).

Builds (or reuses) a database with the demo class and one school year of history, opens
the real main window and, in rounds, taps through the real skill picker while no backup
runs, then while the app's backup (``BackupService.make_if_due`` on the app's worker
thread, as ``app.keep_backing_up`` starts it) copies the database. Prints the tap
latency during the backups against without, and how long each backup took.

    python benchmarks/backup_while_tapping.py [--data-dir DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.operations import run_in_background
from tap_latency import (
    PaintCounter,
    machine_line,
    open_demo_window,
    percentile,
    school_year_data,
    settle,
    start_null_sink,
    stop_null_sink,
    wait_for_sound,
)

FRAME_MS = 16.0


def summary(name: str, values_ms: list[float]) -> str:
    over = sum(1 for v in values_ms if v > FRAME_MS)
    return (f"{name:<26} n={len(values_ms):<4} p50={percentile(values_ms, 50):6.2f} ms  "
            f"p95={percentile(values_ms, 95):6.2f} ms  p99={percentile(values_ms, 99):6.2f} ms  "
            f"max={max(values_ms):7.2f} ms  over {FRAME_MS:.0f} ms: {over}")


class Tapper:
    """Taps one tile after another through the real picker, timing each award."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self.app, self.window = app, window
        self.counter = PaintCounter()
        self.tiles = window.grid.tiles()
        for tile in self.tiles:
            tile.installEventFilter(self.counter)
        self.done = 0

    def tap(self) -> float:
        """Click a tile, then a skill: ms until the award's tile has been repainted."""
        tile = self.tiles[self.done % len(self.tiles)]
        self.done += 1
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        settle(self.app)
        picker = self.window.picker
        assert picker is not None, "the skill picker did not open"
        before = self.counter.counts.get(tile, 0)
        start = time.perf_counter()
        QTest.mouseClick(picker.buttons()[0], Qt.MouseButton.LeftButton)
        while self.counter.counts.get(tile, 0) == before:
            self.app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        settle(self.app)
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pause-ms", type=float, default=20,
                        help="time between taps (a teacher taps every second or so)")
    args = parser.parse_args()
    data_dir = school_year_data(args.data_dir)

    pulse = start_null_sink()
    app, classroom, window, sound = open_demo_window(data_dir)
    wait_for_sound(app, sound)
    settle(app)
    classroom.ctx.writer  # noqa: B018 (opened ahead, as the first write would)
    tapper = Tapper(app, window)
    for _ in range(5):  # warm-up: first paint of the picker, first sound
        tapper.tap()

    def pause() -> None:
        until = time.perf_counter() + args.pause_ms / 1000
        while time.perf_counter() < until:
            app.processEvents()

    quiet: list[float] = []
    during: list[float] = []
    backup_s: list[float] = []
    for _ in range(args.rounds):
        shutil.rmtree(classroom.backups.folder, ignore_errors=True)  # so one is due
        finished: list[object] = []
        started = time.perf_counter()
        run_in_background(classroom.backups.make_if_due, finished.append, finished.append)
        taps_now: list[float] = []
        while not finished:
            taps_now.append(tapper.tap())
            pause()
        backup_s.append(time.perf_counter() - started)
        assert not isinstance(finished[0], BaseException), finished[0]
        assert finished[0] is not None, "no backup was made"
        during.extend(taps_now)
        for _ in range(max(len(taps_now), 50)):  # as many taps again, with no backup
            quiet.append(tapper.tap())
            pause()

    size_mb = (data_dir / "dojo.sqlite3").stat().st_size / 1e6
    print(machine_line(app, sound))
    print(f"database: {classroom.ctx.reader.count('awards')} awards, {size_mb:.0f} MB; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"backups: {', '.join(f'{s:.2f}' for s in backup_s)} s each")
    print(summary("tap, no backup running", quiet))
    print(summary("tap, during a backup", during))
    classroom.close()
    stop_null_sink(pulse)


if __name__ == "__main__":
    main()
