"""Whole-class award animation: the GUI thread's CPU while 28 tiles show their rising '+N'.

Opens the demo class on one school year of history (as ``tap_latency.py`` does), then
gives the whole class a point ``--rounds`` times, each time letting the animation run
its course (2.6 s) with the event loop turning, and prints the GUI thread's CPU time per
award. Baseline in the same run: the same wait with no award (the idle loop's cost).

    python benchmarks/animation_cpu.py [--rounds 8] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tap_latency import (  # noqa: E402
    machine_line,
    open_demo_window,
    school_year_data,
    settle,
    start_null_sink,
    stop_null_sink,
)

ANIMATION_S = 2.6  # the '+N' takes about two seconds; a little more to see it end


def loop_cpu_ms(app: QApplication, before: Callable[[], None]) -> float:
    """The GUI thread's CPU time of ``before`` and ``ANIMATION_S`` of the event loop."""
    start_cpu, start = time.thread_time(), time.perf_counter()
    before()
    while time.perf_counter() - start < ANIMATION_S:
        app.processEvents()
        time.sleep(0.001)  # a loop that waits for its timers, as exec() does
    return (time.thread_time() - start_cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = school_year_data(args.data_dir)
    pulse = start_null_sink()
    app, classroom, window, sound = open_demo_window(data_dir)
    settle(app)
    awards, idle = [], []
    for _ in range(args.rounds):
        QTest.mouseClick(window.bar.whole_class, Qt.MouseButton.LeftButton)
        settle(app)
        picker = window.picker
        assert picker is not None, "the skill picker did not open"
        button = picker.buttons()[0]
        click = functools.partial(QTest.mouseClick, button, Qt.MouseButton.LeftButton)
        awards.append(loop_cpu_ms(app, click))
        idle.append(loop_cpu_ms(app, lambda: None))
    print(machine_line(app, sound))
    print(f"whole-class award, 28 tiles animating: GUI thread CPU per award median "
          f"{statistics.median(awards):.0f} ms (min {min(awards):.0f}, max "
          f"{max(awards):.0f}; n={len(awards)})")
    print(f"baseline: the same {ANIMATION_S} s of event loop with nothing animating: median "
          f"{statistics.median(idle):.0f} ms")
    classroom.close()
    stop_null_sink(pulse)


if __name__ == "__main__":
    main()
