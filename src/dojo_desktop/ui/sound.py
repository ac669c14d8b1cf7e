"""The award sounds, the target reached and the lesson timer's chime: preloaded so a tap
dings at once, silent (never failing) without audio, and back when a device appears."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal

from dojo_desktop.ui.resources import sound_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

POSITIVE_SOUND = "award_positive"
NEEDS_WORK_SOUND = "award_needs_work"
TARGET_SOUND = "target_reached"
TIMER_END_SOUND = "timer_end"


def _no_device_message() -> str:
    return QCoreApplication.translate("SoundPlayer",
                                      "No sound device was found, so awards are silent.")


def _missing_files_message() -> str:
    return QCoreApplication.translate(
        "SoundPlayer", "The award sounds could not be loaded, so awards are silent."
    )


def _no_device_help() -> str:
    return QCoreApplication.translate(
        "SoundPlayer", "Connect speakers or headphones, or check this computer's sound "
                       "settings. Sound comes back by itself once a device is found.")


def _missing_files_help() -> str:
    return QCoreApplication.translate(
        "SoundPlayer", "Reinstall Dojo Desktop to put the sound files back.")


class SoundPlayer(QObject):
    """Plays the positive or needs-work sound, or a child's target reached; reports calmly
    when it cannot (``unavailable``), and when it can again (``available``)."""

    unavailable = Signal(str)  # the reason, in plain words
    available = Signal()  # a sound device appeared after none was found

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        positive_path: Path | None = None,
        needs_work_path: Path | None = None,
        target_path: Path | None = None,
        outputs: Callable[[], Sequence[object]] | None = None,
    ) -> None:
        """``outputs`` lists the sound devices (QtMultimedia's by default; a test passes
        its own); the player asks it again whenever the system's devices change."""
        super().__init__(parent)
        self._enabled = True
        self._volume = 1.0
        self._unavailable_reason: str | None = None
        self._announced: str | None = None  # the state the signals last reported
        self._effects: dict[bool, QSoundEffect] = {}
        self._target: QSoundEffect | None = None
        self._chime: QSoundEffect | None = None  # the lesson timer's end
        self._paths = {
            True: positive_path or sound_path(POSITIVE_SOUND),
            False: needs_work_path or sound_path(NEEDS_WORK_SOUND),
        }
        self._target_path = target_path or sound_path(TARGET_SOUND)
        self._outputs = outputs
        self._files_missing = False
        self._start_watching()

    def _start_watching(self) -> None:
        try:
            # QtMultimedia links libpulse; on a PC without it even the import fails.
            from PySide6.QtMultimedia import QMediaDevices
        except (ImportError, OSError):
            self._mark_unavailable(_no_device_message())
            return
        if not all(path.is_file() for path in (*self._paths.values(), self._target_path)):
            self._files_missing = True
            self._mark_unavailable(_missing_files_message())
            return
        if self._outputs is None:
            self._outputs = QMediaDevices.audioOutputs
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self.check_devices)
        self.check_devices()

    def check_devices(self) -> None:
        """Load the sounds when a device is there (again), or report that none is."""
        if self._outputs is None or self._files_missing:
            return
        if not self._outputs():
            # Without a device QSoundEffect fails later with a misleading format error.
            self._mark_unavailable(_no_device_message())
            return
        if self._effects and self._unavailable_reason is None:
            return
        self._drop_effects()
        self._load()
        self._set_reason(None)

    def _drop_effects(self) -> None:
        for effect in self._all_effects():
            effect.stop()
            effect.deleteLater()
        self._effects, self._target, self._chime = {}, None, None

    def _load(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        paths, target_path = self._paths, self._target_path
        for positive, path in paths.items():
            self._effects[positive] = self._effect(QSoundEffect, path)
        self._target = self._effect(QSoundEffect, target_path)
        chime = sound_path(TIMER_END_SOUND)
        if chime.is_file():  # a missing chime leaves the timer silent, the awards not
            self._chime = self._effect(QSoundEffect, chime)

    def _effect(self, kind: type[QSoundEffect], path: Path) -> QSoundEffect:
        effect = kind(self)
        effect.statusChanged.connect(self._check_status)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self._volume)
        return effect

    def _all_effects(self) -> list[QSoundEffect]:
        return [*self._effects.values(),
                *(e for e in (self._target, self._chime) if e is not None)]

    def _check_status(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        if any(e.status() is QSoundEffect.Status.Error for e in self._all_effects()):
            # The backend's own message blames the file format even when the sound server
            # is missing, so we say what the teacher can act on instead.
            self._mark_unavailable(_no_device_message())

    def _mark_unavailable(self, message: str) -> None:
        if self._unavailable_reason is not None:
            return
        for effect in self._all_effects():
            effect.stop()
        self._set_reason(message)

    def _set_reason(self, reason: str | None) -> None:
        self._unavailable_reason = reason
        # Deferred so a caller that connects right after construction still hears about it;
        # a state that came and went before then is not reported at all.
        QTimer.singleShot(0, self, self._announce)

    def _announce(self) -> None:
        reason = self._unavailable_reason
        if reason == self._announced:
            return
        self._announced = reason
        if reason is None:
            self.available.emit()
        else:
            self.unavailable.emit(reason)

    def is_loaded(self) -> bool:
        """Every sound is decoded and ready to start at once."""
        return bool(self._effects) and all(e.isLoaded() for e in self._all_effects())

    def is_available(self) -> bool:
        """False once we know no sound can be played on this PC."""
        return self._unavailable_reason is None

    def unavailable_reason(self) -> str | None:
        """The plain-words reason awards are silent, or None while sound works."""
        return self._unavailable_reason

    def unavailable_help(self) -> str | None:
        """What the teacher can do about it, or None while sound works."""
        if self._unavailable_reason is None:
            return None
        if self._files_missing:
            return _missing_files_help()
        return _no_device_help()

    def is_enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled

    def volume(self) -> float:
        return self._volume

    def set_volume(self, volume: float) -> None:
        """Set the volume, 0.0 (silent) to 1.0 (full); values outside are clamped."""
        self._volume = min(1.0, max(0.0, volume))
        for effect in self._all_effects():
            effect.setVolume(self._volume)

    def play(self, positive: bool) -> None:
        """Start the award sound and return at once; does nothing when sound is off."""
        if not (self._enabled and self.is_available()) or self._volume == 0.0:
            return
        self._start(self._effects.get(positive))

    def play_target_reached(self) -> None:
        """Start the sound of a child reaching their own target; nothing when sound is off."""
        if not (self._enabled and self.is_available()) or self._volume == 0.0:
            return
        self._start(self._target)

    @staticmethod
    def _start(effect: QSoundEffect | None) -> None:
        if effect is None:
            return
        # Restart rather than overlap when awards come quickly one after another.
        effect.stop()
        effect.play()

    def play_timer_end(self) -> None:
        """The lesson timer's gentle end chime, at the awards' volume (silent when off)."""
        if self._chime is not None and self._enabled and self.is_available() \
                and self._volume > 0.0:
            self._chime.stop()
            self._chime.play()

    def _sounds(self) -> list[QSoundEffect]:
        return [*self._effects.values(), *([self._chime] if self._chime is not None else [])]
