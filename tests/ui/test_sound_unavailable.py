"""The Sound switch when no sound can play: a state of its own, saying why, until a
device appears (with a real PulseAudio null sink when there is one)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_sound_device import pulse_server  # noqa: F401 (a fixture)

from dojo_desktop.ui.main_window import MainWindow
from dojo_desktop.ui.sound import SoundPlayer


def test_no_device_shows_on_the_switch_and_says_what_to_do(
        qtbot: QtBot, window: MainWindow) -> None:
    button = window.bar.sound
    button.setChecked(True)
    normal = button.grab().toImage()
    player = SoundPlayer(window, outputs=lambda: [])
    with qtbot.waitSignal(player.unavailable, timeout=2000):
        window.attach_sound(player)
    assert button.text() == "No sound"
    assert button.accessibleName() == "Sound unavailable"
    assert button.toolTip().startswith("No sound device was found")
    assert "Connect speakers or headphones" in button.accessibleDescription()
    assert button.grab().toImage() != normal, "it no longer looks on"
    assert button.isChecked(), "the teacher's choice is kept for when a device comes back"
    button.click()
    assert button.text() == "No sound", "switching it does not make it look available"


def test_missing_sound_files_say_to_reinstall(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    player = SoundPlayer(window, positive_path=tmp_path / "gone.wav")
    with qtbot.waitSignal(player.unavailable, timeout=2000):
        window.attach_sound(player)
    assert "Reinstall" in window.bar.sound.toolTip()


# A device appears and goes again: in a child process, since Qt's PulseAudio backend keeps
# its connection for the life of the process (see test_sound_device.py).
CHILD = """
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication
from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.sound import SoundPlayer

app = QApplication([])
room = open_classroom(__import__("pathlib").Path(sys.argv[1]))
window = open_main_window(room)
devices = {"list": []}
player = SoundPlayer(window, outputs=lambda: devices["list"])
window.attach_sound(player)
button = window.bar.sound

def wait(check, seconds=5.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return True
        time.sleep(0.01)
    return False

result = {"none": wait(lambda: button.text() == "No sound", 2)}
devices["list"] = QMediaDevices.audioOutputs()
result["real_devices"] = len(devices["list"])
player.check_devices()  # as QMediaDevices.audioOutputsChanged does
result["back"] = wait(lambda: button.text() == "Sound" and player.is_loaded())
result["description"] = button.accessibleDescription()
player.play(True)
result["played"] = wait(lambda: player._effects[True].isPlaying(), 3)
devices["list"] = []
player.check_devices()
result["gone"] = wait(lambda: button.text() == "No sound", 2)
print(json.dumps(result))
window.close()
room.close()
"""


def test_the_switch_comes_back_when_a_device_appears(
        pulse_server: None, tmp_path: Path) -> None:  # noqa: F811
    src = Path(__file__).resolve().parents[2] / "src"
    data = tmp_path / "data"
    data.mkdir()
    out = subprocess.run([sys.executable, "-c", CHILD, str(data)], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(src)}, timeout=60)
    assert out.returncode == 0, out.stderr[-800:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["none"]
    assert result["real_devices"] >= 1
    assert result["back"] and result["description"] == ""
    assert result["played"]
    assert result["gone"]


HOTPLUG = """
import json, os, subprocess, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"

def pactl(*args):
    return subprocess.run(["pactl", *args], capture_output=True, text=True, check=True).stdout

pactl("unload-module", "module-null-sink")  # the PC starts with no sound device
from PySide6.QtWidgets import QApplication
from dojo_desktop.app import open_main_window
from dojo_desktop.services.classroom import open_classroom
from dojo_desktop.ui.sound import SoundPlayer

app = QApplication([])
room = open_classroom(__import__("pathlib").Path(sys.argv[1]))
window = open_main_window(room)
player = SoundPlayer(window)
window.attach_sound(player)
button = window.bar.sound

def wait(check, seconds=10.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return True
        time.sleep(0.01)
    return False

result = {"unplugged": wait(lambda: button.text() == "No sound")}
pactl("load-module", "module-null-sink", "sink_name=plugged_in")
result["plugged_in"] = wait(lambda: button.text() == "Sound" and player.is_loaded())
player.play(True)
result["played"] = wait(lambda: player._effects[True].isPlaying(), 3)
print(json.dumps(result))
window.close()
room.close()
"""


def test_unplugging_and_plugging_in_the_device_is_seen(
        pulse_server: None, tmp_path: Path) -> None:  # noqa: F811
    """The real signal: PulseAudio starts with no sink, then gets one. (Qt 6.11's
    PulseAudio backend does not report a sink going away, so that half is only seen
    through the injected list above, or when a sound then fails to play.)"""
    if shutil.which("pactl") is None:
        pytest.skip("pactl is not installed (it comes with pulseaudio-utils)")
    src = Path(__file__).resolve().parents[2] / "src"
    data = tmp_path / "data"
    data.mkdir()
    out = subprocess.run([sys.executable, "-c", HOTPLUG, str(data)], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(src)}, timeout=90)
    assert out.returncode == 0, out.stderr[-800:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {
        "unplugged": True, "plugged_in": True, "played": True}
