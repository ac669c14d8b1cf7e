"""School settings (synced) and this device's preferences (kept on this device)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dojo_desktop.core.events import EventKind
from dojo_desktop.services.context import ServiceContext
from dojo_desktop.services.errors import InvalidInputError, ManagedSettingError
from dojo_desktop.services.views import Changes
from dojo_protocol.periods import (
    PERIOD_KEY,
    TIMEZONE_KEY,
    PeriodKind,
    SchoolPeriod,
    school_timezone,
)

PRIVACY_MODE = "privacy_mode"
SOUND_ON = "sound_on"
VOLUME = "volume"
CURRENT_CLASS = "current_class_id"
CA_BUNDLE = "ca_bundle"  # the school's certificate authority bundle (a PEM file's path)
WHITEBOARD_MODE = "whiteboard_mode"  # start full screen, for the big screen
STAFF_ROLE = "staff_role"  # the role the school server gave this device when it paired
STAFF_NAME = "staff_name"  # how posts and messages from this device are signed
STAFF_ID = "staff_id"  # the person this device is enrolled for (None: a shared device)
MY_HOURS = "my_working_hours"  # a teacher's own hours for messages, within the school's
NEW_CLASSES_OFFERED = "new_classes_offered"  # last year's classes whose successor was offered
READING_DISTANCE = "reading_distance_m"  # how far away the class reads the screen (None: usual)

_PREFERENCE_DEFAULTS: dict[str, Any] = {
    PRIVACY_MODE: False,
    SOUND_ON: True,
    VOLUME: 0.8,
    CURRENT_CLASS: None,
    CA_BUNDLE: None,
    WHITEBOARD_MODE: False,
    STAFF_ROLE: "teacher",
    STAFF_NAME: "",
    STAFF_ID: None,
    MY_HOURS: None,
    NEW_CLASSES_OFFERED: [],
    READING_DISTANCE: None,
}
# Preferences IT may set for the whole computer: preference -> managed setting.
_MANAGED = {PRIVACY_MODE: "privacy_mode", CA_BUNDLE: "ca_bundle", SOUND_ON: "sound_default",
            WHITEBOARD_MODE: "whiteboard_mode"}


class SettingsService:
    """Reads and changes settings; every change is one transaction."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._settings = ctx.reader.settings()
        self._stored = ctx.reader.preferences()
        self._prefs = {**_PREFERENCE_DEFAULTS, **self._stored}

    def reload(self) -> None:
        """Read settings again (another device changed them)."""
        self._settings = self._ctx.reader.settings()

    # School-wide, synced ---------------------------------------------------------------

    def points_period(self) -> SchoolPeriod:
        """The period the tiles count, read as the family portal reads it."""
        return SchoolPeriod.from_settings(self._settings)

    def period(self) -> PeriodKind:
        return self.points_period().kind

    def set_period(self, kind: PeriodKind) -> Changes:
        """Change which awards the tiles count. Stored awards are never touched."""
        return self._set_setting(PERIOD_KEY, PeriodKind(kind).value)

    def timezone(self) -> str:
        return school_timezone(self._settings, local_timezone_name())

    def set_timezone(self, name: str) -> Changes:
        if name not in available_timezones():
            raise InvalidInputError(f"“{name}” is not a timezone name such as Europe/London.")
        return self._set_setting(TIMEZONE_KEY, name)

    def set_school_setting(self, key: str, value: Any) -> Changes:
        """Change a school-wide setting another service owns (synced, last writer wins)."""
        return self._set_setting(key, value)

    def _set_setting(self, key: str, value: Any) -> Changes:
        encoded = json.dumps(value)
        self._ctx.record([self._ctx.event(EventKind.SETTING_CHANGED,
                                          {"key": key, "value": encoded})])
        self._settings[key] = value
        return Changes(settings=True)

    # This device only --------------------------------------------------------------------

    def preference(self, key: str) -> Any:
        """This device's value, unless IT set it for the computer.

        IT's sound setting is only where sound starts: once a teacher turns sound on or
        off here, their choice stands.
        """
        managed = self._managed_value(key)
        if managed is not None and (key != SOUND_ON or key not in self._stored):
            return managed
        return self._prefs.get(key, _PREFERENCE_DEFAULTS.get(key))

    def set_preference(self, key: str, value: Any) -> Changes:
        if key not in _PREFERENCE_DEFAULTS:
            raise InvalidInputError(f"unknown preference {key!r}")
        if self.managed_by(key):
            raise ManagedSettingError(
                f"This is set by your school's IT for every user of this computer "
                f"({self._ctx.managed.describe_source()}), so it cannot be changed here.")
        if self._stored.get(key, object()) == value:
            return Changes()
        self._ctx.writer.set_preference(key, value)
        self._prefs[key] = self._stored[key] = value
        return Changes(preferences=True)

    def managed_by(self, key: str) -> str | None:
        """Where IT locked ``key`` (for "set by IT" beside it), or None if it is not locked."""
        field = _MANAGED.get(key)
        managed = self._ctx.managed
        if field is None or not managed.locked(field):
            return None
        return managed.describe_source()

    def _managed_value(self, key: str) -> Any:
        field = _MANAGED.get(key)
        return getattr(self._ctx.managed, field) if field else None


def local_timezone_name() -> str:
    """The computer's IANA timezone name, used until the school sets its own."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = Path("/etc/timezone").read_text(encoding="utf-8").strip()
        except OSError:
            link = Path("/etc/localtime")
            name = str(link.resolve()).split("zoneinfo/")[-1] if link.is_symlink() else ""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name
