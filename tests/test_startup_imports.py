"""The path to the first painted grid stays light: no SQLAlchemy, Alembic, HTTP, Pillow,
pydantic (the protocol's pure rules, which core reads, may load; its models may not) or
asyncio (the sync loop's, 40-60 ms with ssl and socket).

Those cost about half a second together; they load after the first paint (see app.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

CHILD = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from dojo_desktop.services.classroom import open_classroom, start_integrity_check
data = Path(sys.argv[1])
check = start_integrity_check(data)
from dojo_desktop.app import create_application, open_main_window
app = create_application([])
window = open_main_window(open_classroom(data, check=check))
window.show()
app.processEvents()
heavy = sorted({n.split(".")[0] for n in sys.modules} &
               {"sqlalchemy", "alembic", "PIL", "requests", "keyring", "pydantic", "asyncio"}
               | {"dojo_protocol.models"} & set(sys.modules))
print(json.dumps({"tiles": len(window.grid.tiles()), "heavy": heavy}))
"""


def test_first_paint_imports_nothing_heavy(tmp_path: Path) -> None:
    from dojo_desktop.services import settings
    from dojo_desktop.services.classroom import open_classroom

    # The database as a previous run left it: a class, and the class that was open.
    classroom = open_classroom(tmp_path / "data")
    demo = classroom.create_demo_class()
    classroom.settings.set_preference(settings.CURRENT_CLASS, demo.id)
    classroom.close()
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-800:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["tiles"] == 28
    assert result["heavy"] == []
