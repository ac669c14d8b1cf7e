"""Screenshots for the README: the whiteboard, the skill picker and privacy mode.

Run under a virtual screen, the way the app runs on a classroom PC:

    xvfb-run -s "-screen 0 1920x1080x24" python3 scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from dojo_desktop.app import start  # noqa: E402
from dojo_desktop.core.managed import ManagedSettings  # noqa: E402
from dojo_desktop.services.classroom import open_classroom  # noqa: E402
from dojo_desktop.ui.settings_dialog import SettingsDialog  # noqa: E402


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, path: Path) -> None:
    pump(app, 0.3)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="dojo-shots-")) / "data"
    started = start(data_dir, demo=True, full_screen=True)
    if started is None:
        return 1
    app, window, classroom = started
    pump(app, 1.0)
    tiles = window.grid.tiles()
    QTest.mouseClick(tiles[9], Qt.MouseButton.LeftButton)
    pump(app, 0.5)
    shoot(app, out / "skill-picker.png")
    picker = window.picker
    assert picker is not None
    QTest.mouseClick(picker.buttons()[4], Qt.MouseButton.LeftButton)
    pump(app, 0.25)  # mid-animation: the +2 rising from the tile
    shoot(app, out / "whiteboard.png")
    pump(app, 1.0)
    window.set_privacy(True)
    shoot(app, out / "privacy-mode.png")
    window.close()
    classroom.close()
    shoot_managed_settings(app, data_dir.parent / "managed", out / "settings-managed.png")
    return 0


def shoot_managed_settings(app: QApplication, data_dir: Path, path: Path) -> None:
    """The Settings screen of a PC IT set up: managed values greyed out, with their source."""
    managed = ManagedSettings(
        server_url="https://dojo.hillside.example", privacy_mode=True, whiteboard_mode=True,
        start_at_login=True, ca_bundle="/etc/ssl/certs/hillside-ca.pem",
        source="/etc/xdg/DojoDesktop/DojoDesktop.conf")
    room = open_classroom(data_dir, managed=managed)
    dialog = SettingsDialog(room)
    dialog.resize(900, 420)
    dialog.show()
    pump(app, 0.5)
    dialog.grab().save(str(path))
    dialog.close()
    room.close()


if __name__ == "__main__":
    sys.exit(main())
