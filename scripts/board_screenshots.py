"""Screenshots of the app at the size of the virtual screen it runs on: the grid with a
'+N' being read, the skill picker, the menu, a child's history, Settings, a question
(needs work for the whole class), the lesson tools' timer and the PIN dialog.

Run under a virtual screen of the board's size. Xvfb tells Qt 96 dpi whatever it is
asked, so ``--diagonal`` gives the inches the scale is worked out for:

    Xvfb :99 -screen 0 3840x2160x24 &
    DISPLAY=:99 python3 scripts/board_screenshots.py OUT_DIR board --diagonal 75 [--lang es]
    Xvfb :98 -screen 0 1366x768x24 &
    DISPLAY=:98 python3 scripts/board_screenshots.py OUT_DIR laptop --diagonal 15.6
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from dojo_desktop.app import start  # noqa: E402
from dojo_desktop.core.board_scale import board_screen  # noqa: E402
from dojo_desktop.core.events import Event  # noqa: E402
from dojo_desktop.core.hlc import Hlc  # noqa: E402
from dojo_desktop.core.ids import uuid7  # noqa: E402
from dojo_desktop.services.classroom import Classroom  # noqa: E402
from dojo_desktop.services.views import Changes  # noqa: E402
from dojo_desktop.sync.sync_store import RemoteEvent  # noqa: E402
from dojo_desktop.ui.main_window import MainWindow  # noqa: E402
from dojo_desktop.ui.needs_work_question import ask_needs_work  # noqa: E402
from dojo_desktop.ui.scale import stand_in_screen  # noqa: E402
from dojo_desktop.ui.speaker_check import when_speaker_confirmed  # noqa: E402


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, path: Path, settle: float = 0.4) -> None:
    pump(app, settle)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path, screen.size().width(), "x", screen.size().height(),
          f"{screen.physicalSize().width():.0f} mm wide")


def close_screens(window: MainWindow) -> None:
    """Whatever sheet or dialog is open over the window."""
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()


def know_staff(classroom: Classroom) -> None:
    """The school's staff, as a board pulls them from its server."""
    for name in ("Ms Rossi", "Mr Okafor", "Mrs Alexandra Papadopoulou-Smith"):
        event = Event("staff_member", Hlc(classroom.ctx.now_ms(), 0, "server"),
                      {"staff_id": str(uuid7()), "name": name, "role": "teacher",
                       "at_ms": 1})
        classroom.sync.store.apply_page([RemoteEvent(1, event, "server")], "c", "e")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("prefix")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--diagonal", type=float, help="the screen's size in inches")
    args = parser.parse_args()
    if args.diagonal:
        app = QApplication([])
        size = app.primaryScreen().size()
        stand_in_screen(board_screen(size.width(), size.height(), args.diagonal))
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="dojo-board-shots-")) / "data"
    started = start(data_dir, demo=True, full_screen=True, lang=args.lang)
    if started is None:
        return 1
    app, window, classroom = started
    pump(app, 1.0)
    name = f"{args.prefix}-{args.lang}" if args.lang != "en" else args.prefix
    tiles = window.grid.tiles()
    QTest.mouseClick(tiles[9], Qt.MouseButton.LeftButton)
    shoot(app, args.out / f"{name}-picker.png")
    picker = window.picker
    assert picker is not None
    QTest.mouseClick(picker.buttons()[4], Qt.MouseButton.LeftButton)
    shoot(app, args.out / f"{name}-grid.png", settle=0.7)  # the '+N' held still
    pump(app, 2.0)
    window.menu.popup(window.bar.menu_button.mapToGlobal(
        QPoint(0, window.bar.menu_button.height())))
    shoot(app, args.out / f"{name}-menu.png")
    window.menu.close()
    window.show_history(tiles[9].card().id)
    shoot(app, args.out / f"{name}-history.png")
    window._history.reject()
    pump(app, 0.3)
    window.setup.open_settings()
    shoot(app, args.out / f"{name}-settings.png")
    close_screens(window)
    pump(app, 0.3)
    ask_needs_work(window, window.classroom.skills.list(window.class_id)[-1].name, -1,
                   len(tiles), lambda: None)
    shoot(app, args.out / f"{name}-question.png")
    close_screens(window)
    window.screens.open_lesson_tools("timer")
    shoot(app, args.out / f"{name}-timer.png", settle=0.8)
    window.screens.close_all()
    pump(app, 0.3)
    know_staff(classroom)
    window.changes.publish(Changes(records=frozenset({"staff_member"})))
    when_speaker_confirmed(window, classroom.staff, lambda: None)
    shoot(app, args.out / f"{name}-pin.png")
    close_screens(window)
    window.close()
    classroom.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
