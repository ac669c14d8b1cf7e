"""The bundle's self-test: start the real app on the demo class, check it, report, exit.

Usage: ``DOJO_SMOKE_TEST=1 dojo-desktop [DATA_DIR]`` in the bundle (see entry.py), or
``python packaging/smoke.py [DATA_DIR]`` from a checkout; DATA_DIR defaults to a new temporary
folder. It opens the window through ``dojo_desktop.app.start`` exactly as the app does, waits
for the first tile to paint and the sounds to load, plays one, and writes one JSON line of what
it found to stdout and to DATA_DIR/smoke-report.json (a windowed Windows program has no stdout).
It exits 0 when every check passed. IT can run it on a classroom PC to check an installation;
the packaging tests run it on each platform plugin they can start. With
``DOJO_SMOKE_REQUIRE_SOUND=1`` a missing sound device is a failure (the tests provide a
PulseAudio null sink).
"""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from dojo_desktop.ui.main_window import MainWindow
    from dojo_desktop.ui.sound import SoundPlayer

EXPECTED_TILES = 28
TIMEOUT_S = 30.0


class FirstPaint(QObject):
    """Notes when the watched widget first paints."""

    def __init__(self) -> None:
        super().__init__()
        self.after_s: float | None = None
        self.at_ns: int | None = None  # wall clock, for timing from the process's start
        self._started = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.after_s is None:
            self.after_s = round(time.monotonic() - self._started, 3)
            self.at_ns = time.time_ns()
        return False


def wait_until(app: QApplication, check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return check()


def sounds_loaded(sound: SoundPlayer | None) -> bool:
    """Loaded, or known to be unavailable; the player's effects are checked directly."""
    if sound is None:
        return False
    return not sound.is_available() or all(e.isLoaded() for e in sound._effects.values())


def play_once(app: QApplication, sound: SoundPlayer | None) -> bool:
    """Play the award sound the way a tap does; True once the audio output is playing it."""
    if sound is None or not sound.is_available() or not sounds_loaded(sound):
        return False
    sound.play(True)
    return wait_until(app, sound._effects[True].isPlaying, 5.0)


def inside_bundle(path: Path) -> bool:
    bundle = getattr(sys, "_MEIPASS", None)
    return bundle is None or path.resolve().is_relative_to(Path(bundle).resolve())


def svg_renders() -> bool:
    from dojo_desktop.ui.resources import skill_icon

    image: QImage = skill_icon("star", 32).toImage()
    return any(image.pixelColor(x, y).alpha() for x in range(32) for y in range(32))


# What the OS keyring needs on each platform; a frozen app that lacks it cannot keep the device
# token, so pairing would fail on the classroom PC although it worked from a checkout.
KEYRING_MODULES = {"linux": ["keyring.backends.SecretService", "secretstorage.dhcrypto"],
                   "win32": ["keyring.backends.Windows", "win32ctypes.pywin32.win32cred"],
                   "darwin": ["keyring.backends.macOS.api"]}


def keyring_importable() -> bool:
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    try:
        for name in KEYRING_MODULES.get(platform, []):
            importlib.import_module(name)
    except ImportError:
        return False
    return True


def collation_works() -> bool:
    """ICU's collation data is there: Spanish sorts "ñ" after "n", and lower case does not sort
    after upper case (without the data Qt falls back to comparing code points)."""
    from PySide6.QtCore import QCollator, QLocale

    spanish = QCollator(QLocale(QLocale.Language.Spanish))
    return spanish.compare("ñu", "nz") > 0 and spanish.compare("a", "B") < 0


def pins_check() -> bool:
    """A board checks a teacher's PIN offline against its argon2id verifier (argon2-cffi
    and its compiled bindings are in the bundle)."""
    from dojo_desktop.services import staff

    verifier = staff._hash("2468")
    return staff._verify(verifier, "2468") and not staff._verify(verifier, "1357")


def lesson_tools_open(app: QApplication, window: MainWindow) -> bool:
    """Every lesson tool opens on the sheet over the grid (its modules are in the bundle)."""
    from dojo_desktop.ui.lesson_tools.sheet import Tool

    for tool in Tool:
        window.screens.open_lesson_tools(tool)
        app.processEvents()
        sheet = window.screens.lesson_tools
        if sheet is None or not sheet.isVisible() or sheet.current_tool() is not tool:
            return False
    return True


def schema_revision(db_path: Path) -> str | None:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def report_on(app: QApplication, window: MainWindow, painted: FirstPaint,
              require_sound: bool) -> dict[str, Any]:
    from dojo_desktop.ui.resources import sound_path

    sound = window.sound_and_privacy.sound
    played = play_once(app, sound)
    report: dict[str, Any] = {
        "platform": QApplication.platformName(),
        "tiles": len(window.grid.tiles()),
        "first_paint_s": painted.after_s,
        "first_paint_at_ns": painted.at_ns,
        "schema_revision": schema_revision(window.classroom.ctx.db_path),
        "window_icon": not app.windowIcon().pixmap(32, 32).isNull(),
        "svg_icon": svg_renders(),
        "keyring": keyring_importable(),
        "collation": collation_works(),
        "lesson_tools": lesson_tools_open(app, window),
        "pins": pins_check(),
        "sound_files": sound_path("award_positive").is_file()
        and inside_bundle(sound_path("award_positive")),
        "sound": "played" if played else "not attached" if sound is None
        else sound.unavailable_reason() or "silent",
    }
    report["ok"] = bool(
        report["tiles"] == EXPECTED_TILES and painted.after_s is not None
        and report["schema_revision"] and report["window_icon"] and report["svg_icon"]
        and report["keyring"] and report["collation"] and report["lesson_tools"]
        and report["pins"]
        and report["sound_files"] and sound is not None and (played or not require_sound))
    return report


def main() -> int:
    from dojo_desktop.app import start

    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp("-dojo-smoke"))
    started = start(data_dir, demo=True)
    if started is None:
        print(json.dumps({"ok": False, "error": "the database could not be opened"}))
        return 1
    app, window, classroom = started
    painted = FirstPaint()
    tiles = window.grid.tiles()
    if tiles:
        tiles[0].installEventFilter(painted)
    board = window.sound_and_privacy  # its sound is attached after the first paint
    wait_until(app, lambda: painted.after_s is not None and sounds_loaded(board.sound),
               TIMEOUT_S)
    report = report_on(app, window, painted, os.environ.get("DOJO_SMOKE_REQUIRE_SOUND") == "1")
    (data_dir / "smoke-report.json").write_text(json.dumps(report), encoding="utf-8")
    if sys.stdout is not None:
        print(json.dumps(report), flush=True)
    window.close()
    classroom.close()
    app.processEvents()
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
