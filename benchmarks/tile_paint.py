"""Tile paint: one tile repainted (``QWidget.repaint``, painted and flushed at once) without a
target, with its target's ring part filled, and with it reached, in alternating blocks so
the machine's load falls on all three alike; then with the ring moving at each paint (what
a recount that changes it costs: the tile's cached layer is painted again).

    python benchmarks/tile_paint.py [--blocks 20] [--paints 200] [--size 240x300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from PySide6.QtWidgets import QApplication

from dojo_desktop.core.model import Student
from dojo_desktop.services.views import StudentCard
from dojo_desktop.ui.student_tile import StudentTile

# (label, ring fraction or None, reached)
VARIANTS = (("no target", None, False), ("ring 40%", 0.4, False), ("reached", 1.0, True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=20)
    parser.add_argument("--paints", type=int, default=200)
    parser.add_argument("--size", default="240x300")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication([])
    card = StudentCard(Student("s-1", "Aleksandra", "Wojciechowska", "drawn:3"), 17, None)
    tile = StudentTile(card)
    tile.resize(width, height)
    tile.show()
    app.processEvents()
    times: dict[str, list[float]] = {label: [] for label, _, _ in VARIANTS}
    times["ring moved"] = []
    for block in range(args.blocks):
        order = VARIANTS if block % 2 == 0 else tuple(reversed(VARIANTS))
        for label, fraction, reached in order:
            tile.set_target_progress(fraction, reached)
            tile.repaint()  # the ring's pixmap is made once, as on the board
            start = time.perf_counter()
            for _ in range(args.paints):
                tile.repaint()
            times[label].append((time.perf_counter() - start) * 1e6 / args.paints)
        # A recount that moves the ring: the tile's layer is painted again.
        start = time.perf_counter()
        for i in range(args.paints):
            tile.set_target_progress((i % 2 + 1) / 4)
            tile.repaint()
        times["ring moved"].append((time.perf_counter() - start) * 1e6 / args.paints)
    print(f"tile {width}x{height}, {args.blocks} blocks of {args.paints} repaints each; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for label, values in times.items():
        print(f"{label:<10} median of blocks {statistics.median(values):7.1f} µs a paint  "
              f"(min {min(values):6.1f}, max {max(values):6.1f})")


if __name__ == "__main__":
    main()
