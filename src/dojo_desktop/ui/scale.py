"""The app's one scale on the screen it runs on (the sizes come from
``core/board_scale.py``), and the teacher's "read from N metres"."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from dojo_desktop.core.board_scale import Scale, ScreenSize, board_scale


class _ScaleInputs:
    """What the scale is worked out from besides the screen: the reading distance, and a
    screen that stands in for the real one (offscreen Qt has no real millimetres)."""

    distance_m: float | None = None
    stand_in: ScreenSize | None = None
    cache: ClassVar[dict[tuple[ScreenSize, float | None], Scale]] = {}


def set_reading_distance(metres: float | None) -> None:
    """The class reads the screen from ``metres`` away (None: the usual for its size)."""
    _ScaleInputs.distance_m = metres


def stand_in_screen(screen: ScreenSize | None) -> None:
    """Work the scale out for ``screen`` instead of the real one (None: the real one)."""
    _ScaleInputs.stand_in = screen


def screen_size(widget: QWidget | None = None) -> ScreenSize:
    """The available part of the widget's screen (the primary one if none), in px and mm."""
    if _ScaleInputs.stand_in is not None:
        return _ScaleInputs.stand_in
    screen: QScreen | None = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        return ScreenSize(1366, 728)
    available, whole, physical = screen.availableGeometry(), screen.geometry(), \
        screen.physicalSize()
    # The millimetres are the whole screen's; the taskbar's share is taken off both.
    width_mm = physical.width() * available.width() / max(1, whole.width())
    height_mm = physical.height() * available.height() / max(1, whole.height())
    return ScreenSize(available.width(), available.height(), width_mm, height_mm)


def app_scale(widget: QWidget | None = None) -> Scale:
    """The sizes to draw at on ``widget``'s screen, read from the chosen distance."""
    key = (screen_size(widget), _ScaleInputs.distance_m)
    scale = _ScaleInputs.cache.get(key)
    if scale is None:
        scale = _ScaleInputs.cache[key] = board_scale(*key)
    return scale


def type_px(widget: QWidget | None, share: float) -> int:
    """A font size ``share`` of a control's height, and on a board as much larger than
    body text as 0.3 of a control is on a laptop (0.3: body text; 0.4: a heading)."""
    scale = app_scale(widget)
    return round(max(scale.text_px * share / 0.3, scale.control_px * share))
