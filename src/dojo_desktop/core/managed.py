"""Machine-wide settings IT sets for every user of a PC: the values and how they parse.

Where they are read from is the app's business (``dojo_desktop.managed_settings``); this
module only turns raw values by name into :class:`ManagedSettings`. Flags accept 1/0,
true/false, yes/no, on/off; an empty value is unset.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

log = logging.getLogger(__name__)

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class ManagedSettings:
    """What IT set on this machine; ``None`` where IT set nothing."""

    server_url: str | None = None
    school_id: str | None = None
    ca_bundle: str | None = None  # path of the school's certificate authority bundle (PEM)
    enroll_code: str | None = None  # pairs a fresh install on first start, no teacher action
    whiteboard_mode: bool | None = None  # start full screen on the big screen
    start_at_login: bool | None = None  # set up by the installer; shown as managed
    privacy_mode: bool | None = None  # projector privacy: hide totals and needs-work points
    sound_default: bool | None = None  # sound on or off until the teacher changes it
    source: str | None = None  # where the values were read, for "set by IT (...)"

    def locked(self, name: str) -> bool:
        """True when IT set ``name``, so the settings screen shows it and does not change it.

        ``sound_default`` is only a starting value and never locked.
        """
        if name not in VALUE_NAMES:
            raise KeyError(f"{name!r} is not a managed setting")
        return name != "sound_default" and getattr(self, name) is not None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in VALUE_NAMES)

    def describe_source(self) -> str:
        """Where IT set these values, in words for the settings screen."""
        return self.source or "this computer's managed settings"


# Field name -> the value's name in the registry, in settings.ini and in DojoDesktop.conf.
VALUE_NAMES = {
    "server_url": "ServerUrl",
    "school_id": "SchoolId",
    "ca_bundle": "CaBundle",
    "enroll_code": "EnrollCode",
    "whiteboard_mode": "WhiteboardMode",
    "start_at_login": "StartAtLogin",
    "privacy_mode": "PrivacyMode",
    "sound_default": "SoundDefault",
}
_FLAGS = {"whiteboard_mode", "start_at_login", "privacy_mode", "sound_default"}


def settings_from_values(values: Mapping[str, object], source: str) -> ManagedSettings:
    """Managed settings from raw values by name (names match case-insensitively, as in the
    registry); unknown names are ignored, so a newer policy template does no harm."""
    by_name = {name.lower(): value for name, value in values.items()}
    found: dict[str, Any] = {}
    for field, name in VALUE_NAMES.items():
        raw = by_name.get(name.lower())
        value = _parse_flag(raw, name, source) if field in _FLAGS else _parse_text(raw)
        if value is not None:
            found[field] = value
    return ManagedSettings(**found, source=source) if found else ManagedSettings()


def merged(primary: ManagedSettings, fallback: ManagedSettings) -> ManagedSettings:
    """``primary`` with what it lacks taken from ``fallback``."""
    filled = {name: getattr(fallback, name) for name in VALUE_NAMES
              if getattr(primary, name) is None and getattr(fallback, name) is not None}
    if not filled:
        return primary
    sources = [s for s in (primary.source, fallback.source) if s]
    return replace(primary, **filled, source="; ".join(sources))


def _parse_text(raw: object) -> str | None:
    if isinstance(raw, list):  # QSettings reads "a, b" as a list
        raw = ", ".join(str(part) for part in raw)
    text = str(raw).strip() if raw is not None else ""
    return text or None


def _parse_flag(raw: object, name: str, source: str) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):  # REG_DWORD
        return raw != 0
    text = (_parse_text(raw) or "").lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    if text:
        log.warning("managed setting %s=%r in %s is not on or off; ignored", name, raw, source)
    return None
