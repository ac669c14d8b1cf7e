"""SoundPlayer: silent and calm on a PC without sound, never raising, reporting once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dojo_desktop.ui.resources import sound_path
from dojo_desktop.ui.sound import SoundPlayer

NO_DEVICE = "No sound device was found, so awards are silent."


def _without_audio_outputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure no device is seen, even on a developer's PC that has speakers."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return  # no libpulse: the import fails inside SoundPlayer just the same
    monkeypatch.setattr(QMediaDevices, "audioOutputs", staticmethod(lambda: []))


def test_sound_files_ship_with_the_app() -> None:
    assert sound_path("award_positive").is_file()
    assert sound_path("award_needs_work").is_file()


def test_no_audio_device_stays_silent_and_says_so_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_audio_outputs(monkeypatch)
    player = SoundPlayer()
    messages: list[str] = []
    player.unavailable.connect(messages.append)
    qtbot.waitUntil(lambda: messages != [], timeout=2000)
    player.play(True)
    player.play(False)
    qtbot.wait(100)
    assert messages == [NO_DEVICE]
    assert not player.is_available()
    assert player.unavailable_reason() == NO_DEVICE


def test_whatever_this_pc_has_play_never_raises(qtbot: QtBot) -> None:
    player = SoundPlayer()
    messages: list[str] = []
    player.unavailable.connect(messages.append)
    for positive in (True, False, True):
        player.play(positive)
    qtbot.wait(300)
    assert len(messages) <= 1


def test_missing_sound_files_are_reported_not_raised(
    qtbot: QtBot, tmp_path: Path
) -> None:
    player = SoundPlayer(
        positive_path=tmp_path / "gone.wav", needs_work_path=tmp_path / "gone-too.wav"
    )
    with qtbot.waitSignal(player.unavailable, timeout=2000):
        pass
    player.play(True)
    assert not player.is_available()


def test_volume_is_clamped_and_sound_can_be_switched_off(qtbot: QtBot) -> None:
    player = SoundPlayer()
    player.set_volume(1.7)
    assert player.volume() == 1.0
    player.set_volume(-0.2)
    assert player.volume() == 0.0
    player.set_volume(0.4)
    assert player.volume() == pytest.approx(0.4)
    player.set_enabled(False)
    assert not player.is_enabled()
    player.play(True)
