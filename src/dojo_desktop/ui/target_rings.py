"""The rings of the children's own targets on the board, and the moment one is reached."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dojo_desktop.core.celebrations import DailyCelebrations
from dojo_desktop.services.targets import TargetService
from dojo_desktop.services.views import Changes

if TYPE_CHECKING:
    from dojo_desktop.services.classroom import Classroom
    from dojo_desktop.ui.roster_grid import RosterGrid
    from dojo_desktop.ui.sound import SoundPlayer


class TargetRings(QObject):
    """Fills each tile's ring with today's points toward the child's target, and celebrates
    (a sound and sparks on the tile) the first time each child reaches it on a school day.

    Rings follow the board's own recounts (after a tap, when the taps pause, and for a
    pulled page), so a tap paints as fast as before; a target set here or pulled repaints
    the rings of the class.
    """

    reached = Signal(str)  # a student id: celebrated just now

    def __init__(self, classroom: Classroom, grid: RosterGrid,
                 sound: Callable[[], SoundPlayer | None], parent: QObject | None = None,
                 ) -> None:
        super().__init__(parent)
        self._targets: TargetService = classroom.targets
        self._grid, self._sound = grid, sound
        self._class_id: str | None = None
        self._celebrated = DailyCelebrations()

    def show_class(self, class_id: str) -> None:
        """A class opened (or its tiles laid out again): every ring, nothing celebrated."""
        self._class_id = class_id
        self.refresh(None, celebrate=False)

    def show_changes(self, changes: Changes) -> None:
        """A target set or cleared, here or on another device: the class's rings again."""
        if self._class_id is not None and TargetService.concerns(changes):
            self.refresh(None, celebrate=False)

    def refresh(self, student_ids: Iterable[str] | None, *, celebrate: bool = True) -> None:
        """Repaint the rings of these students (None: the whole class); a child who reaches
        the target now is celebrated if ``celebrate`` and not yet today."""
        if self._class_id is None:
            return
        shown = set(self._grid.student_ids())
        ids = shown if student_ids is None else shown.intersection(student_ids)
        if not ids:
            return
        found = self._targets.progress(self._class_id,
                                       None if student_ids is None else sorted(ids))
        day = self._targets.today()
        for student_id in ids:
            progress = found.get(student_id)
            tile = self._grid.tile(student_id)
            if progress is None:
                tile.set_target_progress(None)
                continue
            tile.set_target_progress(progress.fraction, progress.reached)
            if not progress.reached:
                continue
            if not celebrate:
                self._celebrated.already(student_id, day)
            elif self._celebrated.first_time(student_id, day):
                self._celebrate(student_id)

    def _celebrate(self, student_id: str) -> None:
        self._grid.tile(student_id).celebrate()
        sound = self._sound()
        if sound is not None:
            sound.play_target_reached()
        self.reached.emit(student_id)
