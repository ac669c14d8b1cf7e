"""The class bar's Privacy and Sound switches and volume, remembered and in step with Settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSignalBlocker, QTimer

from dojo_desktop.services import settings as prefs
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.services.errors import StorageError
from dojo_desktop.ui.class_bar import ClassBar
from dojo_desktop.ui.roster_grid import RosterGrid
from dojo_desktop.ui.translations import error_text

if TYPE_CHECKING:
    from dojo_desktop.ui.sound import SoundPlayer  # made after the first frame


class SoundAndPrivacy(QObject):
    """What the switches show, what the grid hides, what the sound player plays."""

    def __init__(self, classroom: Classroom, bar: ClassBar, grid: RosterGrid,
                 show_error: Callable[[str], None]) -> None:
        super().__init__(bar)
        self._classroom, self._bar, self._grid = classroom, bar, grid
        self._show_error = show_error
        self.sound: SoundPlayer | None = None
        self._volume_timer = QTimer(self)
        self._volume_timer.setSingleShot(True)
        self._volume_timer.setInterval(400)  # store once the slider rests, not on every step
        self._volume_timer.timeout.connect(
            lambda: self._save(prefs.VOLUME, bar.volume.value() / 100))
        bar.privacy_toggled.connect(self.set_privacy)
        bar.sound_toggled.connect(self._set_sound)
        bar.volume_changed.connect(self._set_volume)
        self._restore()

    def _restore(self) -> None:
        """Show what this device remembers."""
        bar, settings = self._bar, self._classroom.settings
        # Signals stay blocked: restoring a value must not write it straight back.
        blockers = [QSignalBlocker(w) for w in (bar.privacy, bar.sound, bar.volume)]
        privacy = bool(settings.preference(prefs.PRIVACY_MODE))
        bar.privacy.setChecked(privacy)
        self._grid.set_privacy(privacy)
        bar.sound.setChecked(bool(settings.preference(prefs.SOUND_ON)))
        managed_by = settings.managed_by(prefs.PRIVACY_MODE)
        if managed_by is not None:
            bar.privacy.setEnabled(False)
            bar.privacy.setToolTip(self.tr("Set by your school's IT ({source})").format(
                source=managed_by))
        bar.volume.setValue(round(100 * float(settings.preference(prefs.VOLUME))))
        del blockers

    def attach_sound(self, sound: SoundPlayer) -> None:
        self.sound = sound
        sound.set_enabled(self._bar.sound.isChecked())
        sound.set_volume(self._bar.volume.value() / 100)
        sound.unavailable.connect(self._show_availability)
        sound.available.connect(self._show_availability)
        self._show_availability()

    def _show_availability(self, *_reason: str) -> None:
        """The Sound switch says whether a sound can play at all, and why not."""
        if self.sound is not None:
            self._bar.set_sound_unavailable(self.sound.unavailable_reason(),
                                            self.sound.unavailable_help() or "")

    def privacy_on(self) -> bool:
        return self._bar.privacy.isChecked()

    def set_privacy(self, on: bool) -> None:
        self._bar.privacy.setChecked(on)
        self._grid.set_privacy(on)
        self._save(prefs.PRIVACY_MODE, on)

    def privacy_from_settings(self, on: bool) -> None:
        """Settings has stored it already: only show it."""
        with QSignalBlocker(self._bar.privacy):
            self._bar.privacy.setChecked(on)
        self._grid.set_privacy(on)

    def sound_from_settings(self, on: bool) -> None:
        with QSignalBlocker(self._bar.sound):
            self._bar.sound.setChecked(on)
        if self.sound is not None:
            self.sound.set_enabled(on)

    def _set_sound(self, on: bool) -> None:
        if self.sound is not None:
            self.sound.set_enabled(on)
        self._save(prefs.SOUND_ON, on)

    def _set_volume(self, volume: float) -> None:
        if self.sound is not None:
            self.sound.set_volume(volume)
        self._volume_timer.start()

    def _save(self, key: str, value: object) -> None:
        try:
            self._classroom.settings.set_preference(key, value)
        except StorageError as exc:
            self._show_error(error_text(exc))
