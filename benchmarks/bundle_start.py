"""Start from the installed bundle against start from source, and the installers' sizes.

Runs the self-test (``DOJO_SMOKE_TEST=1``: the real start-up on the demo class, first paint of
the grid, then exit) from the built bundle and, interleaved, ``packaging/smoke.py`` from the
checkout, each on its own copy of one demo data folder: process start -> first painted tile.
Prints the bundle's real-file size and the .deb's size beside them.

    bash packaging/build.sh && python benchmarks/bundle_start.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from cold_start import python_floor  # noqa: E402

DIST = ROOT / "dist"


def first_paint_ms(command: list[str], data_dir: Path) -> float:
    """Process start -> first painted tile, from the self-test's report."""
    env = {**os.environ, "DOJO_SMOKE_TEST": "1",
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time_ns()
    subprocess.run([*command, str(data_dir)], check=True, env=env, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = json.loads((data_dir / "smoke-report.json").read_text(encoding="utf-8"))
    return (int(report["first_paint_at_ns"]) - started) / 1e6


def real_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bundle", type=Path, default=DIST / "dojo-desktop")
    args = parser.parse_args()
    variants = {"bundle": [str(args.bundle / "dojo-desktop")],
                "source": [sys.executable, str(ROOT / "packaging" / "smoke.py")]}
    work = Path(tempfile.mkdtemp(prefix="dojo-bundle-start-"))
    seed = work / "seed"
    first_paint_ms(variants["source"], seed)  # makes the demo class, warms the file cache
    times: dict[str, list[float]] = {name: [] for name in variants}
    for run in range(args.runs + 1):
        for name, command in variants.items():
            data = work / f"{name}-{run}"
            shutil.copytree(seed, data)
            elapsed = first_paint_ms(command, data)
            if run:  # the first round warms each variant's files
                times[name].append(elapsed)
    floor = [python_floor() for _ in range(args.runs)]
    shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    for name, values in times.items():
        print(f"start to first painted grid, {name:6}  median={statistics.median(values):7.1f} ms"
              f"  max={max(values):7.1f} ms  (n={len(values)})")
    print(f"floor: python -c pass                  median={statistics.median(floor):7.1f} ms")
    print(f"bundle {args.bundle}: {real_size(args.bundle) / 1e6:.1f} MB of real files")
    for deb in sorted(DIST.glob("dojo-desktop_*.deb")):
        print(f"{deb.name}: {deb.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
