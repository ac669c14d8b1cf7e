"""Cold start and memory: process start -> first painted grid, and resident size after start.

Runs the real start-up path (``dojo_desktop.app.start``) in a fresh process on a
database with one school year of history, ten times. A bare ``python -c pass`` and a
bare Qt window are timed the same way as floors.

    python benchmarks/cold_start.py [--runs 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

CHILD = r"""
import os, sys, time
sys.path.insert(0, {src!r})
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            QTimer.singleShot(0, report)
        return False

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

def report():
    print("painted", time.time_ns(), flush=True)
    QTimer.singleShot(1500, finish)  # sound and the write path load after first paint

def finish():
    print("rss_mb", rss_mb(), flush=True)
    app.quit()

{body}
"""

APP_BODY = """
# The same order as dojo_desktop.__main__: the database check starts before Qt loads.
from dojo_desktop.services.classroom import start_integrity_check
check = start_integrity_check(Path({data!r}))
from dojo_desktop.app import start
filt = FirstPaint()
app, window, classroom = start(Path({data!r}), demo=True, check=check)
for tile in window.grid.tiles():
    tile.installEventFilter(filt)
app.exec()
"""

BARE_QT_BODY = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
filt = FirstPaint()
label = QLabel("hello")
label.installEventFilter(filt)
label.show()
app.exec()
"""


def timed_child(body: str) -> tuple[float, float]:
    code = CHILD.format(src=str(SRC), body=body)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time_ns()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    painted_ms = rss = float("nan")
    for line in proc.stdout:
        key, value = line.split()
        if key == "painted":
            painted_ms = (int(value) - started) / 1e6
        elif key == "rss_mb":
            rss = float(value)
    proc.wait(timeout=60)
    return painted_ms, rss


def python_floor() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="dojo-bench-")) / "data"
    if not (data_dir / "dojo.sqlite3").exists():
        sys.path.insert(0, str(HERE))
        from school_year import build_school_year

        print(f"building one school year of history in {data_dir} ...", file=sys.stderr)
        build_school_year(data_dir)
    timed_child(APP_BODY.format(data=str(data_dir)))  # warm the OS file cache once
    app_runs = [timed_child(APP_BODY.format(data=str(data_dir))) for _ in range(args.runs)]
    qt_runs = [timed_child(BARE_QT_BODY) for _ in range(args.runs)]
    py_runs = [python_floor() for _ in range(args.runs)]
    paint = [p for p, _ in app_runs]
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"cold start to first painted grid   median={statistics.median(paint):7.1f} ms  "
          f"max={max(paint):7.1f} ms  (n={len(paint)})")
    print(f"floor: bare Qt label first paint   median="
          f"{statistics.median(p for p, _ in qt_runs):7.1f} ms")
    print(f"floor: python -c pass              median={statistics.median(py_runs):7.1f} ms")
    print(f"resident memory after start        median="
          f"{statistics.median(r for _, r in app_runs):7.1f} MB  "
          f"max={max(r for _, r in app_runs):7.1f} MB")


if __name__ == "__main__":
    main()
