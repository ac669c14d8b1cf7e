"""Settings: the device's own choices, and IT's shown greyed out with who set them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.app import open_main_window
from dojo_desktop.core.managed import ManagedSettings
from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.settings_dialog import SettingsDialog

SRC = Path(__file__).resolve().parents[2] / "src"
IT = ManagedSettings(server_url="https://dojo.hillside.example", privacy_mode=True,
                     ca_bundle="/etc/ssl/hillside.pem", start_at_login=True,
                     source="/etc/xdg/DojoDesktop/DojoDesktop.conf")


def open_window(qtbot: QtBot, data_dir: Path, managed: ManagedSettings) -> MainWindow:
    window = open_main_window(open_classroom(data_dir, managed=managed), demo=True)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def managed_window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, data_dir, IT)
    yield window
    window.close()
    window.classroom.close()


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_what_it_set_is_shown_locked_with_its_source(qtbot: QtBot,
                                                     managed_window: MainWindow) -> None:
    dialog = SettingsDialog(managed_window.classroom, managed_window)
    qtbot.addWidget(dialog)
    assert dialog.privacy.isChecked() and not dialog.privacy.isEnabled()
    assert "/etc/xdg/DojoDesktop/DojoDesktop.conf" in dialog.privacy.toolTip()
    assert not dialog.ca_bundle.isEnabled() and not dialog.choose_ca.isEnabled()
    assert dialog.ca_bundle.text() == "/etc/ssl/hillside.pem"
    assert dialog.sound.isEnabled() and dialog.whiteboard.isEnabled()
    shown = texts(dialog)
    assert shown.count("Set by your school's IT") == 3  # server, CA bundle, privacy
    assert "Will connect to https://dojo.hillside.example" in shown
    assert "On (set by your school's IT)" in shown
    assert any("/etc/xdg/DojoDesktop/DojoDesktop.conf" in text for text in shown)
    for control in (dialog.privacy, dialog.sound, dialog.whiteboard, dialog.ca_bundle,
                    dialog.connect_button, dialog.choose_ca):
        assert control.accessibleName()


def test_the_privacy_button_is_locked_on_the_big_screen(managed_window: MainWindow) -> None:
    privacy = managed_window.bar.privacy
    assert privacy.isChecked() and not privacy.isEnabled()
    assert "school's IT" in privacy.toolTip()
    assert all(tile.is_privacy() for tile in managed_window.grid.tiles())


def test_the_devices_own_choices_are_saved_and_reach_the_window(
        qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir, ManagedSettings())
    try:
        dialog = SettingsDialog(window.classroom, window)
        qtbot.addWidget(dialog)
        dialog.privacy_changed.connect(window.sound_and_privacy.privacy_from_settings)
        assert dialog.privacy.isEnabled() and "Set by your school's IT" not in texts(dialog)
        dialog.privacy.setChecked(True)
        assert window.bar.privacy.isChecked()
        dialog.whiteboard.setChecked(True)
        assert window.classroom.settings.preference(prefs.WHITEBOARD_MODE) is True
        assert "Not connected" in texts(dialog)
    finally:
        window.close()
        window.classroom.close()


CHILD = """
import json, sys
from pathlib import Path
from dojo_desktop.app import start
started = start(Path(sys.argv[1]), demo=True)
app, window, classroom = started
app.processEvents()
print(json.dumps({"privacy_locked": not window.bar.privacy.isEnabled(),
                  "privacy_on": window.bar.privacy.isChecked(),
                  "full_screen": window.isFullScreen(),
                  "desktop_file": app.desktopFileName(),
                  "sound_on": window.bar.sound.isChecked()}))
classroom.close()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_app_takes_its_settings_from_where_it_puts_them(tmp_path: Path) -> None:
    conf = tmp_path / "xdg" / "DojoDesktop" / "DojoDesktop.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text("[General]\nPrivacyMode=on\nWhiteboardMode=1\nSoundDefault=off\n",
                    encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_DIRS": str(tmp_path / "xdg"), "PYTHONPATH": str(SRC),
           "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "data")], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown == {"privacy_locked": True, "privacy_on": True, "full_screen": True,
                     "desktop_file": "dojo-desktop", "sound_on": False}


def test_the_reading_distance_is_kept_and_everything_opened_after_it_grows(
        qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from dojo_desktop.ui import scale
    from dojo_desktop.ui.app_style import apply_app_style

    window = open_window(qtbot, data_dir, ManagedSettings())
    try:
        window.setup.open_settings()
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SettingsDialog) and w.isVisible())
        combo = dialog.distance
        assert combo.accessibleName() == "Read from how far away"
        assert combo.currentData() is None  # the usual distance for the screen
        before = QApplication.font().pixelSize()
        combo.setFocus()
        for _ in range(4):  # 0.6, 1, 2, 3 m, by keyboard
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentData() == 3.0
        assert window.classroom.settings.preference(prefs.READING_DISTANCE) == 3.0
        assert QApplication.font().pixelSize() > before
        dialog.reject()
    finally:
        scale.set_reading_distance(None)
        apply_app_style(None)
        window.close()
        window.classroom.close()
    reopened = open_main_window(open_classroom(data_dir), demo=True)
    qtbot.addWidget(reopened)
    try:
        assert QApplication.font().pixelSize() > before  # read back at the next start
    finally:
        scale.set_reading_distance(None)
        apply_app_style(None)
        reopened.close()
        reopened.classroom.close()
