"""Helpers for screen tests: find widgets by accessible name, click, wait for files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TypeVar

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from dojo_desktop.ui.attachment_tray import AttachmentTray

W = TypeVar("W", bound=QWidget)


def named(parent: QWidget, cls: type[W], name: str) -> W:
    found = [w for w in parent.findChildren(cls) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} {cls.__name__} named {name!r}"
    return found[0]


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = named(parent, QAbstractButton, name)
    assert button.isEnabled() and button.isVisible(), name
    at = QPoint(12, button.height() // 2) if button.isCheckable() else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=at)


def rows(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def wait_for_files(qtbot: QtBot, tray: AttachmentTray, count: int) -> None:
    qtbot.waitUntil(lambda: not tray.busy and len(tray.sha256s()) == count, timeout=10_000)


def photo_file(folder: Path, name: str = "trip.jpg", colour: tuple[int, int, int] = (220, 90, 40),
               size: tuple[int, int] = (640, 480)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG" if name.endswith(".jpg") else "PNG")
    path = folder / name
    path.write_bytes(out.getvalue())
    return path
