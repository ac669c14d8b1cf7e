"""A new reading distance takes effect at once: the app's look, and everything open in the
window that sizes itself from the scale (the class bar, the grid, an open sheet) sizes
itself again, without a restart."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from dojo_desktop.ui.app_style import apply_app_style
from dojo_desktop.ui.scale import set_reading_distance


@runtime_checkable
class FollowsScale(Protocol):
    """Something that took sizes from ``app_scale`` when it was made and can take them
    again."""

    def follow_scale(self) -> None: ...


def change_reading_distance(window: QWidget, metres: float | None) -> None:
    """The class reads ``window`` from ``metres`` away (None: the usual for its screen)."""
    set_reading_distance(metres)
    apply_app_style(window)
    # Parents come before their children, so a sheet has its margins before its content.
    for thing in [window, *window.findChildren(QObject)]:
        if isinstance(thing, FollowsScale):
            thing.follow_scale()
