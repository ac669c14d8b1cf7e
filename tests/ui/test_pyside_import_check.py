"""PySide6's import check must not keep every imported module's source in memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent("""
    import linecache, sys
    sys.path.insert(0, {folder!r})
    import PySide6.QtCore
    from dojo_desktop.ui.pyside_import_check import FEATURE_MODULES, check_sources_uncached

    import before_the_change  # PySide6's own check: its source stays in linecache
    print("before", any(name.endswith("before_the_change.py") for name in linecache.cache))

    print("replaced", check_sources_uncached(), check_sources_uncached())
    import uses_qt, plain
    print("after", sorted(name for name in linecache.cache
                          if name.endswith(("uses_qt.py", "plain.py"))))
    feature = next(sys.modules[n] for n in FEATURE_MODULES if n in sys.modules)
    print("answers", feature.pyside_feature_dict["uses_qt"],
          feature.pyside_feature_dict["plain"],
          feature.pyside_feature_dict["before_the_change"])
    print("wrapped once", not hasattr(feature._mod_uses_pyside.__wrapped__, "__wrapped__"))
""")


def test_imports_after_the_change_leave_no_source_behind(tmp_path: Path) -> None:
    (tmp_path / "before_the_change.py").write_text("VALUE = 1\n")
    (tmp_path / "uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "plain.py").write_text("import json\nVALUE = json.dumps(1)\n")
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(folder=str(tmp_path))],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    # The problem is real in this PySide6: without the change, the source is kept.
    assert lines["before"] == "True"
    assert lines["replaced"] == "True True"
    assert lines["after"] == "[]"
    # The same answers as PySide6's own check: 0 for a module that uses PySide6, else -1.
    assert lines["answers"] == "0 -1 -1"
    assert lines["wrapped"] == "once True"
