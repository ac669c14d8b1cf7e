"""Tap latency: click on a skill -> award committed, sound started, tile repainted.

Builds (or reuses) a database with the demo class and one school year of history
(100,000 awards), opens the real main window and taps 500 times through the real skill
picker, then 100 whole-class awards. A plain sqlite3 insert+commit with the same
pragmas is measured in the same run as the floor.

    python benchmarks/tap_latency.py [--taps 500] [--data-dir DIR] [--targets]

With ``--targets`` every child has a standing target first, so each tile paints its ring.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dojo_desktop.app import create_application, open_main_window
from dojo_desktop.services.classroom import Classroom, open_classroom
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.sound import SoundPlayer
from school_year import build_school_year


class PaintCounter(QObject):
    """Counts paint events per widget watched."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[QObject, int] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.counts[watched] = self.counts.get(watched, 0) + 1
        return False


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(name: str, values_ms: list[float]) -> str:
    return (f"{name:<34} n={len(values_ms):<4} p50={percentile(values_ms, 50):6.2f} ms  "
            f"p95={percentile(values_ms, 95):6.2f} ms  max={max(values_ms):6.2f} ms")


def sqlite_floor(directory: Path, n: int) -> list[float]:
    """One-row insert + commit in WAL with synchronous=FULL: the disk's own cost."""
    conn = sqlite3.connect(directory / "floor.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, v INTEGER)")
    times = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?, ?)", (f"row-{i}-{time.time_ns()}", i))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def start_null_sink() -> subprocess.Popen[bytes] | None:
    """A private PulseAudio with a null sink, so the sound really starts (if installed)."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        return None
    runtime = Path(tempfile.mkdtemp(prefix="dojo-pulse-"))
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    os.environ["PULSE_RUNTIME_PATH"] = str(runtime / "pulse")
    proc = subprocess.Popen([binary, "-n", "--daemonize=no", "--exit-idle-time=-1",
                             "--disable-shm=yes", "-L", "module-null-sink",
                             "-L", "module-native-protocol-unix"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not (runtime / "pulse" / "native").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return proc


def stop_null_sink(pulse: subprocess.Popen[bytes] | None) -> None:
    if pulse is not None:
        pulse.terminate()
        pulse.wait(timeout=10)


def school_year_data(data_dir: Path | None) -> Path:
    """``data_dir`` (a new temporary one if None), with one school year of history built
    there unless it already holds a database."""
    data_dir = data_dir or Path(tempfile.mkdtemp(prefix="dojo-bench-")) / "data"
    if not (data_dir / "dojo.sqlite3").exists():
        print(f"building one school year of history in {data_dir} ...", file=sys.stderr)
        build_school_year(data_dir)
    return data_dir


def wait_for_sound(app: QApplication, sound: SoundPlayer) -> None:
    """Until the award sound is loaded (at most 5 s; at once if there is no audio)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and sound.is_available() and not sound.is_loaded():
        app.processEvents()


def open_demo_window(data_dir: Path) -> tuple[QApplication, Classroom, MainWindow, SoundPlayer]:
    """The app on ``data_dir``: its main window on the demo class, full HD, with the award
    sound attached."""
    app = create_application([])
    classroom = open_classroom(data_dir)
    window = open_main_window(classroom, demo=True)
    window.resize(1920, 1080)
    window.show()
    sound = SoundPlayer(window)
    window.attach_sound(sound)
    return app, classroom, window, sound


def machine_line(app: QApplication, sound: SoundPlayer) -> str:
    return (f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, Qt platform {app.platformName()}, "
            f"sound {'on' if sound.is_available() else 'unavailable'}")


def set_targets(window: MainWindow) -> None:
    """A standing target for every child of the open class, shown on the tiles."""
    class_id = window.class_id
    assert class_id is not None
    for tile in window.grid.tiles():
        changes = window.classroom.targets.set(tile.student_id, class_id, 50)
    window.changes.publish(changes)
    assert all(tile.target_ring() is not None for tile in window.grid.tiles())


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=500)
    parser.add_argument("--whole-class", type=int, default=100)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--targets", action="store_true",
                        help="give every child a standing target (tiles paint their ring)")
    args = parser.parse_args()
    data_dir = school_year_data(args.data_dir)

    pulse = start_null_sink()  # before Qt's audio backend looks for a server
    app, classroom, window, sound = open_demo_window(data_dir)
    if args.targets:
        set_targets(window)
    wait_for_sound(app, sound)
    settle(app)
    counter = PaintCounter()
    tiles = window.grid.tiles()
    for tile in tiles:
        tile.installEventFilter(counter)

    cpu: list[float] = []  # the GUI thread's CPU time per tap: what other jobs' load hides

    def tap(click_target: object, awarded: list[QObject]) -> float:
        """From the click on the skill until every awarded tile has been repainted.

        The clock stops when the event-loop pass that painted the last of those tiles
        returns, so the frame is finished (painted and flushed), not merely scheduled.
        """
        QTest.mouseClick(click_target, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]
        settle(app)
        picker = window.picker
        assert picker is not None, "the skill picker did not open"
        button = picker.buttons()[0]
        before = {tile: counter.counts.get(tile, 0) for tile in awarded}
        start, start_cpu = time.perf_counter(), time.thread_time()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        while any(counter.counts.get(tile, 0) == n for tile, n in before.items()):
            app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        cpu.append((time.thread_time() - start_cpu) * 1000)
        settle(app)
        return elapsed

    classroom.ctx.writer  # noqa: B018 (opened ahead, as the first write would)
    for i in range(5):  # warm-up taps, not counted: first paint of the picker, first sound
        tap(tiles[i], [tiles[i]])
    taps = [tap(tiles[i % len(tiles)], [tiles[i % len(tiles)]]) for i in range(args.taps)]
    taps_cpu = cpu[5:]
    whole = [tap(window.bar.whole_class, list(tiles)) for _ in range(args.whole_class)]
    floor = sqlite_floor(data_dir.parent, args.taps)
    # The tiles showed each award without a query; the database must agree with them.
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        app.processEvents()
    class_id = window.class_id
    assert class_id is not None
    stored = classroom.awards.totals(class_id)
    shown = {tile.student_id: tile.points() for tile in tiles}
    assert shown == {sid: stored.get(sid, 0) for sid in shown}, "tiles and database disagree"

    awards = classroom.ctx.reader.count("awards")
    print(machine_line(app, sound))
    print(f"database: {awards} awards, 28 students"
          f"{', every child with a target' if args.targets else ''}; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(summary("tap -> committed+sound+repaint", taps))
    print(summary("same, GUI thread's CPU time", taps_cpu))
    print(summary("whole class (28) award", whole))
    print(summary("floor: sqlite3 insert+commit", floor))
    print(f"tap p50 minus floor p50: "
          f"{statistics.median(taps) - statistics.median(floor):.2f} ms")
    classroom.close()
    stop_null_sink(pulse)


if __name__ == "__main__":
    main()
