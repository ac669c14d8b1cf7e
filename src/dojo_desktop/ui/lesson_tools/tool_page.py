"""What the sheet asks of each tool: its main control, its class, its size, its changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.views import Changes


@dataclass(frozen=True)
class Board:
    """The board the tools act on: its data, and the window's award path and sounds (so
    an award from a tool sounds, animates, toasts and syncs like a tile's)."""

    classroom: Classroom
    award_one: Callable[[str], None]  # the skill picker for one child
    award_many: Callable[[list[str], str], None]  # the skill picker for a group, one batch
    chime: Callable[[], None]  # the timer's end
    class_total: Callable[[], int]  # the class's points this period, as the tiles show them


class ToolPage(QWidget):
    """One tool of the sheet. A tool that writes emits ``changed`` with its ``Changes``."""

    changed = Signal(object)

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.class_id: str | None = None

    def main_control(self) -> QWidget:
        """Where keyboard focus starts when the tool opens."""
        raise NotImplementedError

    def set_class(self, class_id: str | None) -> None:
        """The class on the board changed (or the tool opens for it)."""
        self.class_id = class_id

    def restyle(self, unit: int) -> None:
        """Size text and controls for a sheet whose controls are ``unit`` pixels high."""

    def show_changes(self, changes: Changes) -> None:
        """Repaint what this tool shows of a change made elsewhere."""

    def reload(self) -> None:
        """Repaint from the data, keeping what the teacher chose (after changes made
        while the tool was out of view)."""
