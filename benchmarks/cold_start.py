"""Cold start and memory: process start -> first painted grid, and resident size after start.

Runs the start-up path (``dojo_desktop.app.start``) in a fresh process on a database with
one school year of history, ten times; then the real entry point (``dojo_desktop.app.run``:
the window and the sync loop) on that database unpaired, and paired with a server that
cannot be reached (a closed port on 127.0.0.1; the token comes from a keyring stand-in).
Resident memory is read 1.5 s and 5 s after the first paint. A bare ``python -c pass`` and
a bare Qt window are timed the same way as floors.

    python benchmarks/cold_start.py [--runs 10] [--data-dir DIR] [--src DIR]

``--src`` runs another checkout's code (its ``src``), e.g. to compare with main's.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
SAMPLES_S = (1.5, 5.0)  # resident memory is read this long after the first paint

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
    print("cpu_ms", time.process_time() * 1000, flush=True)  # every thread's, since exec
    # What loads after the first paint (sound, the sync loop) shows in the later samples.
    QTimer.singleShot(1500, lambda: print("rss_mb", rss_mb(), flush=True))
    QTimer.singleShot(5000, finish)

def finish():
    print("rss_late_mb", rss_mb(), flush=True)
    QApplication.instance().quit()

from PySide6.QtWidgets import QApplication

{body}
"""

APP_BODY = """
# The same order as dojo_desktop.__main__: the database check starts before Qt loads.
try:  # its own small module; an older tree (--src) has it in classroom only
    from dojo_desktop.services.integrity_check import start_integrity_check
except ImportError:
    from dojo_desktop.services.classroom import start_integrity_check
check = start_integrity_check(Path({data!r}))
try:  # as dojo_desktop.__main__ does; an older tree (--src) has no such module
    from dojo_desktop.ui.pyside_import_check import check_sources_uncached
    check_sources_uncached()
except ImportError:
    pass
from dojo_desktop.app import start
filt = FirstPaint()
app, window, classroom = start(Path({data!r}), demo=True, check=check)
for tile in window.grid.tiles():
    tile.installEventFilter(filt)
app.exec()
"""

# The real entry point, as ``python -m dojo_desktop`` runs it.
RUN_BODY = """
try:  # its own small module; an older tree (--src) has it in classroom only
    from dojo_desktop.services.integrity_check import start_integrity_check
except ImportError:
    from dojo_desktop.services.classroom import start_integrity_check
check = start_integrity_check(Path({data!r}))
try:  # as dojo_desktop.__main__ does; an older tree (--src) has no such module
    from dojo_desktop.ui.pyside_import_check import check_sources_uncached
    check_sources_uncached()
except ImportError:
    pass
import dojo_desktop.app
from dojo_desktop.app import run

# The tiles are watched, as in start()'s runs: a filter on the whole application would
# bring every object's events into Python and make PySide build their classes (~30 ms).
filt = FirstPaint()
made = dojo_desktop.app.open_main_window

def open_main_window(*args, **kwargs):
    window = made(*args, **kwargs)
    for tile in window.grid.tiles():
        tile.installEventFilter(filt)
    return window

dojo_desktop.app.open_main_window = open_main_window
run(Path({data!r}), demo=True, check=check)
"""

# A keyring with a token for every device: a paired board's stand-in for the OS's.
KEYRING_STAND_IN = """
import keyring.backend

class AnyToken(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        return "benchmark-token"

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass
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


def timed_child(body: str, src: Path = SRC,
                extra_env: dict[str, str] | None = None) -> tuple[float, float, float, float]:
    """(ms to the first paint, CPU ms spent by then, MB resident 1.5 s after it, MB
    resident 5 s after it)."""
    code = CHILD.format(src=str(src), body=body)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           **(extra_env or {})}
    started = time.time_ns()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    painted_ms = cpu_ms = rss = late = float("nan")
    for line in proc.stdout:
        key, value = line.split()
        if key == "painted":
            painted_ms = (int(value) - started) / 1e6
        elif key == "cpu_ms":
            cpu_ms = float(value)
        elif key == "rss_mb":
            rss = float(value)
        elif key == "rss_late_mb":
            late = float(value)
    proc.wait(timeout=60)
    return painted_ms, cpu_ms, rss, late


def paired_copy(data_dir: Path, into: Path) -> tuple[Path, dict[str, str]]:
    """A copy of ``data_dir`` paired with a server on a closed port, and the environment
    that gives it a token."""
    target = into / "paired"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(data_dir / "dojo.sqlite3", target / "dojo.sqlite3")
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conn = sqlite3.connect(target / "dojo.sqlite3")
    with conn:
        device_id = conn.execute("SELECT id FROM device").fetchone()[0]
        conn.execute("DELETE FROM sync_state")
        conn.execute("INSERT INTO sync_state (server_url, device_id, cursor, epoch, hlc) "
                     "VALUES (?, ?, '', '', '')", (f"http://127.0.0.1:{port}", device_id))
    conn.close()
    (into / "bench_keyring.py").write_text(KEYRING_STAND_IN)
    return target, {"PYTHON_KEYRING_BACKEND": "bench_keyring.AnyToken",
                    "PYTHONPATH": str(into)}


def summary(label: str, runs: list[tuple[float, float, float, float]]) -> str:
    paint = [run[0] for run in runs]
    return (f"{label:34s} first paint median={statistics.median(paint):7.1f} ms "
            f"max={max(paint):7.1f} ms, CPU by then median="
            f"{statistics.median(run[1] for run in runs):6.1f} ms; RSS at 1.5 s median="
            f"{statistics.median(run[2] for run in runs):6.1f} MB, at 5 s median="
            f"{statistics.median(run[3] for run in runs):6.1f} MB (n={len(runs)})")


def python_floor() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--src", type=Path, default=SRC,
                        help="the source tree to run (default: this checkout's)")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="dojo-bench-")) / "data"
    if not (data_dir / "dojo.sqlite3").exists():
        sys.path.insert(0, str(HERE))
        from school_year import build_school_year

        print(f"building one school year of history in {data_dir} ...", file=sys.stderr)
        build_school_year(data_dir)
    src = args.src.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="dojo-paired-"))
    try:
        measure(args.runs, data_dir, src, *paired_copy(data_dir, scratch))
    finally:
        shutil.rmtree(scratch)  # the paired copy of the database


def measure(runs: int, data_dir: Path, src: Path, paired_dir: Path,
            paired_env: dict[str, str]) -> None:
    """Time each start-up path, interleaved, and print the figures with the floors."""
    timed_child(APP_BODY.format(data=str(data_dir)), src)  # warm the OS file cache once
    start_runs, run_runs, paired_runs = [], [], []
    for _ in range(runs):  # interleaved, so a busy moment touches each alike
        start_runs.append(timed_child(APP_BODY.format(data=str(data_dir)), src))
        run_runs.append(timed_child(RUN_BODY.format(data=str(data_dir)), src))
        paired_runs.append(timed_child(RUN_BODY.format(data=str(paired_dir)), src,
                                       paired_env))
    qt_runs = [timed_child(BARE_QT_BODY) for _ in range(runs)]
    py_runs = [python_floor() for _ in range(runs)]
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, code {src}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(summary("start() (the window only)", start_runs))
    print(summary("run(), not paired", run_runs))
    print(summary("run(), paired, server unreachable", paired_runs))
    print(f"floor: bare Qt label first paint   median="
          f"{statistics.median(run[0] for run in qt_runs):7.1f} ms, CPU by then median="
          f"{statistics.median(run[1] for run in qt_runs):6.1f} ms")
    print(f"floor: python -c pass              median={statistics.median(py_runs):7.1f} ms")


if __name__ == "__main__":
    main()
