"""benchmarks/portal_render.py still runs (a small class), so its figure stays reproducible."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_the_portal_benchmark_runs_and_prints_its_figures() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "portal_render.py"),
                           "--posts", "45", "--requests", "20"], capture_output=True,
                          text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr
    for label in ("GET story page", "baseline: GET /v1/health", "baseline: trivial Jinja2",
                  "goal: story page p95"):
        assert label in done.stdout, done.stdout
