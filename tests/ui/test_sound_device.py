"""Sound through a real PulseAudio server with a null sink: preloaded, plays, never blocks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def pulse_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A private PulseAudio daemon with one null sink; stopped by PID afterwards."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.skip("PulseAudio is not installed (apt-get install pulseaudio); "
                    "scripts/test installs it")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("PULSE_RUNTIME_PATH", str(runtime / "pulse"))
    proc = subprocess.Popen(
        [binary, "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes",
         "-L", "module-null-sink sink_name=dojo_test", "-L", "module-native-protocol-unix"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    socket = runtime / "pulse" / "native"
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if not socket.exists():
        proc.kill()
        pytest.fail("PulseAudio did not start")
    try:
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# The audio stack runs in a child process: Qt's PulseAudio backend keeps its connection
# for the life of the process and aborts if the server goes away under it.
CHILD = """
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from dojo_desktop.ui.sound import SoundPlayer

app = QApplication([])
player = SoundPlayer()
unavailable = []
player.unavailable.connect(unavailable.append)

def wait(check, seconds=5.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return True
        time.sleep(0.01)
    return False

result = {"loaded": wait(lambda: player._effects[True].isLoaded()
                         and player._effects[False].isLoaded())}
started = time.perf_counter()
player.play(True)
result["call_ms"] = (time.perf_counter() - started) * 1000
result["positive_played"] = wait(lambda: player._effects[True].isPlaying(), 3)
player.play(False)
result["needs_work_played"] = wait(lambda: player._effects[False].isPlaying(), 3)
wait(lambda: not player._effects[False].isPlaying()
     and not player._effects[True].isPlaying(), 3)
player.set_enabled(False)
player.play(True)
result["muted_played"] = wait(lambda: player._effects[True].isPlaying(), 0.3)
result["available"] = player.is_available()
result["unavailable"] = unavailable
print(json.dumps(result))
"""


def test_plays_into_a_real_audio_device(pulse_server: None) -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr[-600:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["available"] and result["unavailable"] == []
    assert result["loaded"], "both sounds are preloaded at start"
    assert result["positive_played"] and result["needs_work_played"]
    assert not result["muted_played"]
    assert result["call_ms"] < 50, "play() hands off to the audio thread, it does not wait"
