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

from dojo_desktop.core.sync_status import SyncState

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
               {"sqlalchemy", "alembic", "PIL", "urllib3", "keyring", "pydantic", "asyncio"}
               | {"dojo_protocol.models"} & set(sys.modules))
later = sorted(set(LATER) & set(sys.modules))
print(json.dumps({"tiles": len(window.grid.tiles()), "heavy": heavy, "later": later,
                  "picker_built": window._picker is not None}))
"""

# Modules of screens the first frame does not show: they load when first opened (the
# skill picker's once the window has painted, or at a tap that comes before).
LATER = ["dojo_desktop.ui.message_sheet", "dojo_desktop.ui.skill_picker",
         "dojo_desktop.ui.student_history", "dojo_desktop.ui.needs_work_question",
         "dojo_desktop.ui.pairing_dialog", "dojo_desktop.ui.settings_dialog",
         "dojo_desktop.ui.event_kind_words", "dojo_desktop.ui.dialog_sheet",
         "dojo_desktop.services.export", "dojo_desktop.ui.sound", "PySide6.QtMultimedia"]


def test_first_paint_imports_nothing_heavy(tmp_path: Path) -> None:
    from dojo_desktop.services import settings
    from dojo_desktop.services.classroom import open_classroom

    # The database as a previous run left it: a class, and the class that was open.
    classroom = open_classroom(tmp_path / "data")
    demo = classroom.create_demo_class()
    classroom.settings.set_preference(settings.CURRENT_CLASS, demo.id)
    classroom.close()
    out = subprocess.run([sys.executable, "-c", f"LATER = {LATER!r}\n{CHILD}",
                          str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-800:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["tiles"] == 28
    assert result["heavy"] == []
    assert result["later"] == []
    assert result["picker_built"] is False


def test_the_integrity_check_starts_without_the_services_or_qt() -> None:
    code = ("import sys\n"
            "from dojo_desktop.services.integrity_check import start_integrity_check\n"
            "print(sorted(n for n in sys.modules if n.startswith(('dojo_desktop.services.', "
            "'dojo_desktop.ui', 'PySide6'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-800:]
    assert out.stdout.strip() == "['dojo_desktop.services.integrity_check']"


# The real entry point (`run`: the window and the qasync loop) on a board that is not
# paired: a day's work through the window and the services, then quit.
RUN_CHILD = """
import asyncio, json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from dojo_desktop.app import create_application, run
from dojo_desktop.services.attendance import Attendance
from dojo_desktop.services.settings import SOUND_ON
from dojo_desktop.ui.main_window import MainWindow

SLOW = {"sqlalchemy", "alembic", "urllib3", "keyring", "dojo_desktop.sync.engine",
        "dojo_desktop.sync.sync_store", "dojo_desktop.store.models"}
app = create_application([])
done = {}

async def until(test):
    for _ in range(400):
        if test():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")

async def tap(window, target, skill_name):
    QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    await until(lambda: window.picker is not None)
    button = next(b for b in window.picker.buttons()
                  if b.accessibleName().startswith(skill_name))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    await until(lambda: window.picker is None)

async def a_day(window):
    room, class_id = window.classroom, window.class_id
    tiles = window.grid.tiles()
    before = room.awards.totals(class_id)
    await tap(window, tiles[0], "Persistence")
    await tap(window, tiles[1], "Helping others")
    await tap(window, window.bar.whole_class, "Teamwork")
    QTest.mouseClick(window.toast.undo_button(), Qt.MouseButton.LeftButton)
    room.attendance.mark(class_id, {tiles[2].student_id: Attendance.ABSENT})
    room.settings.set_preference(SOUND_ON, False)
    room.settings.set_period(room.settings.period())
    room.skills.reorder([s.id for s in reversed(room.skills.list())])
    room.targets.set(tiles[3].student_id, class_id, 5)
    room.stories.post("A good day.", [class_id])
    room.backups.make_if_due()
    after = room.awards.totals(class_id)
    done["gained"] = {tile.student_id: after.get(tile.student_id, 0)
                      - before.get(tile.student_id, 0) for tile in tiles[:3]}
    done["tiles"] = [tile.student_id for tile in tiles[:3]]
    done["undone"] = [a.undone for a in room.awards.history(tiles[0].student_id, class_id)]
    done["register"] = {k: str(v) for k, v in room.attendance.register(class_id).items()}
    done["backups"] = len(room.backups.list())
    done["slow"] = sorted(SLOW & set(sys.modules))
    app.quit()

def begin():
    try:
        loop = asyncio.get_running_loop()  # the sync loop, once run() has made it
    except RuntimeError:
        QTimer.singleShot(50, begin)
        return
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    loop.create_task(a_day(window))

QTimer.singleShot(200, begin)
code = run(Path(sys.argv[1]))
done["code"] = code
done["slow_at_exit"] = sorted(SLOW & set(sys.modules))
print(json.dumps(done, default=str))
"""


def test_an_unpaired_board_works_a_day_without_the_sync_stack(tmp_path: Path) -> None:
    from dojo_desktop.services import settings
    from dojo_desktop.services.classroom import open_classroom

    classroom = open_classroom(tmp_path / "data")
    demo = classroom.create_demo_class()
    classroom.settings.set_preference(settings.CURRENT_CLASS, demo.id)
    classroom.close()
    out = subprocess.run([sys.executable, "-c", RUN_CHILD, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin",
                              "HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-1500:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    assert result["undone"] == [True, False]  # the whole-class award, newest first
    first, second, third = result["tiles"]
    assert result["gained"] == {first: 2, second: 1, third: 0}  # the class's points undone
    assert list(result["register"].values()) == ["absent"]
    assert result["backups"] >= 1
    assert result["slow"] == []
    assert result["slow_at_exit"] == []


# The same entry point on a paired board whose server is down: the sync stack loads (after
# the first frame), the scheduler runs and says it is offline; taps still work and wait in
# the outbox, and nothing of SQLAlchemy is loaded for it.
PAIRED_CHILD = """
import asyncio, json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QTimer
from dojo_desktop.app import create_application, run
from dojo_desktop.core.sync_status import SyncState
from dojo_desktop.ui.main_window import MainWindow

app = create_application([])
done = {}

async def watch(window):
    for _ in range(1000):
        state = window.sync_indicator.status.state
        if state is SyncState.OFFLINE:
            break
        await asyncio.sleep(0.01)
    done["state"] = str(window.sync_indicator.status.state)
    room = window.classroom
    tile = window.grid.tiles()[0]
    skill = room.skills.list(window.class_id)[0]
    before = room.sync.counts().waiting  # the demo class's own events, never sent
    room.awards.give(window.class_id, [tile.student_id], skill.id)
    done["waiting"] = room.sync.counts().waiting - before
    done["engine"] = "dojo_desktop.sync.engine" in sys.modules
    # The sync's store is plain sqlite3: SQLAlchemy and Alembic are for migrations only.
    done["orm"] = sorted({"sqlalchemy", "alembic", "dojo_desktop.store.models"}
                         & {*sys.modules, *(name.split(".")[0] for name in sys.modules)})
    app.quit()

def begin():
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        QTimer.singleShot(50, begin)
        return
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    loop.create_task(watch(window))

QTimer.singleShot(0, begin)
done["code"] = run(Path(sys.argv[1]))
print(json.dumps(done))
"""

# The OS keyring's stand-in for the child: a token for every device.
KEYRING_STAND_IN = """
import keyring.backend

class AnyToken(keyring.backend.KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        return "a-token"

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass
"""


def test_a_paired_board_whose_server_is_down_starts_its_sync_loop(tmp_path: Path) -> None:
    import socket
    import sqlite3

    from dojo_desktop.services import settings
    from dojo_desktop.services.classroom import open_classroom

    classroom = open_classroom(tmp_path / "data")
    demo = classroom.create_demo_class()
    classroom.settings.set_preference(settings.CURRENT_CLASS, demo.id)
    device_id = classroom.ctx.device_id
    classroom.close()
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conn = sqlite3.connect(tmp_path / "data" / "dojo.sqlite3")
    with conn:
        conn.execute("INSERT INTO sync_state (server_url, device_id, cursor, epoch, hlc) "
                     "VALUES (?, ?, '', '', '')", (f"http://127.0.0.1:{port}", device_id))
    conn.close()
    (tmp_path / "stand_in_keyring.py").write_text(KEYRING_STAND_IN)
    out = subprocess.run([sys.executable, "-c", PAIRED_CHILD, str(tmp_path / "data")],
                         capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": f"{SRC}:{tmp_path}", "PATH": "/usr/bin:/bin",
                              "HOME": str(tmp_path),
                              "PYTHON_KEYRING_BACKEND": "stand_in_keyring.AnyToken"})
    assert out.returncode == 0, out.stderr[-1500:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"state": str(SyncState.OFFLINE), "waiting": 1, "engine": True,
                      "orm": [], "code": 0}
