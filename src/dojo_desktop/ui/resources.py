"""Finding sounds, icons and translations; images as ready-to-paint pixmaps; sizes in mm."""

from __future__ import annotations

import importlib.resources
import re
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from dojo_desktop.ui.scale import app_scale

FALLBACK_ICON = "star"

# A source checkout keeps resources/ at the top of the repository, three levels above ui/.
_SOURCE_RESOURCES = Path(__file__).resolve().parents[3] / "resources"
# Names come from skill rows that sync brings in: keep them from escaping the icons folder.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_icon_cache: dict[tuple[str, int, float], QPixmap] = {}


def _resource_file(*parts: str) -> Path:
    """The installed copy of resources/<parts> if there is one, else the source checkout's."""
    node: Traversable | None
    try:
        node = importlib.resources.files("dojo_desktop.resources")
    except ModuleNotFoundError:
        node = None
    if node is not None:
        for part in parts:
            node = node.joinpath(part)
        # Only a real file on disk is useful: QtMultimedia and QSvgRenderer want a path.
        if isinstance(node, Path) and node.exists():
            return node
    return _SOURCE_RESOURCES.joinpath(*parts)


def sound_path(name: str) -> Path:
    """The path of resources/sounds/<name>.wav (``name`` may include the suffix)."""
    file_name = name if name.endswith(".wav") else f"{name}.wav"
    return _resource_file("sounds", file_name)


def icon_path(name: str) -> Path:
    """The path of resources/icons/<name>.svg (it may not exist for an unknown name)."""
    file_name = name if name.endswith(".svg") else f"{name}.svg"
    return _resource_file("icons", file_name)


def translations_dir() -> Path:
    """The folder of the compiled translation catalogues (resources/translations/*.qm)."""
    return _resource_file("translations")


def _load_renderer(name: str) -> QSvgRenderer | None:
    if not _SAFE_NAME.match(name):
        return None
    path = icon_path(name)
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


def skill_icon(name: str, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """The skill icon ``name`` as a square pixmap of ``size`` logical pixels (cached).

    An unknown or broken icon renders the star, so a skill made on a newer device that
    names an icon this version lacks still shows something sensible.
    """
    key = (name, size, device_pixel_ratio)
    cached = _icon_cache.get(key)
    if cached is not None:
        return cached
    renderer = _load_renderer(name) or _load_renderer(FALLBACK_ICON)
    side = max(1, round(size * device_pixel_ratio))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    if renderer is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, side, side))
        painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    _icon_cache[key] = pixmap
    return pixmap


def circle_photo(path: str, size: int, device_pixel_ratio: float) -> QPixmap | None:
    """The image file at ``path`` cropped to a circle ``size`` pixels across; None if unreadable."""
    image = QImage(path)
    if image.isNull():
        return None
    side = max(1, round(size * device_pixel_ratio))
    scaled = image.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(QRectF(0, 0, side, side))
    painter.setClipPath(clip)
    painter.drawImage(QPointF((side - scaled.width()) / 2, (side - scaled.height()) / 2), scaled)
    painter.end()
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


def pixels_per_mm(widget: QWidget | None = None) -> float:
    """Logical pixels per physical millimetre on the widget's screen (96 dpi if unknown)."""
    return app_scale(widget).pixels_per_mm


def touch_target_px(widget: QWidget | None = None) -> int:
    """A control's height: 15 mm on this screen at least, and more on a board read from
    across the room (see ``ui/scale.py``)."""
    return app_scale(widget).control_px


def window_unit(widget: QWidget | None = None) -> int:
    """A control's height for the big screen: grows with the window, never under 15 mm."""
    window = widget.window() if widget is not None else None
    if window is not None:
        height = window.height()
    else:
        screen = QGuiApplication.primaryScreen()
        height = screen.availableGeometry().height() if screen is not None else 768
    # 1/19 of the height makes a 1080p button 57 px, the 15 mm target at 96 dpi.
    return max(touch_target_px(widget), round(height / 19))
