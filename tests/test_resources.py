"""Shipped resources: the award sounds are well-formed and reproducible, the icons render."""

from __future__ import annotations

import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from dojo_desktop.core.default_skills import DEFAULT_SKILLS

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
SOUNDS = ("award_positive.wav", "award_needs_work.wav", "target_reached.wav", "timer_end.wav")
ICON_NAMES = (
    "heart", "star", "team", "hand", "mountain", "clock", "hand-stop", "book",
    "lightbulb", "smile", "trophy", "pencil", "music", "leaf", "rocket", "puzzle", "app",
)  # fmt: skip
ICON_FILES = sorted((RESOURCES / "icons").glob("*.svg"))


@pytest.mark.parametrize("name", SOUNDS)
def test_sound_is_short_16_bit_mono_and_not_clipped(name: str) -> None:
    with wave.open(str(RESOURCES / "sounds" / name), "rb") as sound:
        assert sound.getnchannels() == 1
        assert sound.getsampwidth() == 2
        assert sound.getframerate() == 44_100
        assert 0.2 <= sound.getnframes() / sound.getframerate() <= 1.0
        samples = array("h", sound.readframes(sound.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max(abs(s) for s in samples)
    assert 1000 < peak < 32767


def test_needs_work_sound_is_quieter_than_positive() -> None:
    peaks = {}
    for name in SOUNDS:
        with wave.open(str(RESOURCES / "sounds" / name), "rb") as sound:
            samples = array("h", sound.readframes(sound.getnframes()))
        if sys.byteorder == "big":
            samples.byteswap()
        peaks[name] = max(abs(s) for s in samples)
    assert peaks["award_needs_work.wav"] < peaks["award_positive.wav"]


def test_make_sounds_regenerates_identical_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sounds.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in SOUNDS:
        assert (tmp_path / name).read_bytes() == (RESOURCES / "sounds" / name).read_bytes()


def test_every_named_and_default_skill_icon_exists() -> None:
    names = {path.stem for path in ICON_FILES}
    assert set(ICON_NAMES) <= names
    assert {icon for _, icon, *_ in DEFAULT_SKILLS} <= names


@pytest.mark.parametrize("path", ICON_FILES, ids=lambda path: path.name)
def test_icon_renders(qapp: QApplication, path: Path) -> None:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, 64, 64)
    image = QImage(48, 48, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 48, 48))
    painter.end()
    painted = sum(
        image.pixelColor(x, y).alpha() > 0 for y in range(image.height()) for x in range(48)
    )
    assert painted > 48 * 48 * 0.15


def test_readme_lists_every_sound_and_icon() -> None:
    readme = (RESOURCES / "README.md").read_text(encoding="utf-8")
    for folder in ("sounds", "icons"):
        for path in sorted((RESOURCES / folder).iterdir()):
            assert f"{folder}/{path.name}" in readme, path.name
