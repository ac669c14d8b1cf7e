"""The self-test run from the checkout: no build needed, so every test run checks it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bundle_kit import PACKAGING, pulse_server


def test_the_self_test_passes_from_source(tmp_path: Path) -> None:
    """packaging/smoke.py reaches into the window: a change to the window that breaks it
    fails the ordinary suite, not only the installer build."""
    with pulse_server(tmp_path) as sound:
        done = subprocess.run([sys.executable, str(PACKAGING / "smoke.py"),
                               str(tmp_path / "data")], capture_output=True, text=True,
                              timeout=120, env={**os.environ, **sound,
                                                "QT_QPA_PLATFORM": "offscreen",
                                                "DOJO_SMOKE_REQUIRE_SOUND": "1"})
    report = json.loads((tmp_path / "data" / "smoke-report.json").read_text(encoding="utf-8"))
    assert done.returncode == 0, f"{report}\n{done.stderr[-1500:]}"
    assert report["ok"] and report["tiles"] == 28 and report["collation"]
    assert report["sound"] == "played"
