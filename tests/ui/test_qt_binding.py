"""The Qt binding in use survives many calls that return None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on such calls and aborts the
process after a few thousand; pyproject.toml excludes that release. A repaint-heavy
lesson makes tens of thousands of these calls, so this runs 20,000 of them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import PySide6


def test_twenty_thousand_void_calls_do_not_abort() -> None:
    # A child process: if the binding is broken, the abort must not take pytest down.
    code = textwrap.dedent("""
        import os
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        widget = QWidget()
        for i in range(20_000):
            widget.update()
            widget.setObjectName(f"tile-{i % 7}")
        print("ok", i + 1)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, (
        f"PySide6 {PySide6.__version__} aborted: {result.stderr[-400:]}")
    assert result.stdout.split()[-1] == "20000"


def test_installed_release_is_not_the_excluded_one() -> None:
    if sys.version_info < (3, 12):
        assert PySide6.__version__ != "6.12.0"
