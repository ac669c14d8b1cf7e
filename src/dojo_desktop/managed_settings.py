"""Machine-wide settings IT sets for every user of a PC, which users cannot override.

Read from the platform's conventional place:

- Windows: ``HKLM\\SOFTWARE\\Policies\\DojoDesktop`` (Group Policy, Intune, or the MSI's
  properties), then the ``[General]`` section of ``%ProgramData%\\DojoDesktop\\settings.ini``
  for what the registry lacks;
- Linux: ``/etc/xdg/DojoDesktop/DojoDesktop.conf``, or ``DojoDesktop/DojoDesktop.conf`` in each
  folder of ``$XDG_CONFIG_DIRS``, the first folder winning per value (QSettings, system scope);
- macOS: ``/Library/Preferences/com.dojodesktop.DojoDesktop.plist`` (QSettings, system scope).

Value names are the same everywhere (``ServerUrl``, ``WhiteboardMode`` ...; see ``VALUE_NAMES``
and packaging/README.md). Flags accept 1/0, true/false, yes/no, on/off; an empty value is unset.
"""

from __future__ import annotations

import configparser
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from dojo_desktop.core.managed import (
    VALUE_NAMES,
    ManagedSettings,
    merged,
    settings_from_values,
)

__all__ = ["VALUE_NAMES", "ManagedSettings", "load_managed_settings", "merged",
           "settings_from_ini", "settings_from_qsettings", "settings_from_values"]

log = logging.getLogger(__name__)

ORGANIZATION = APPLICATION = "DojoDesktop"
POLICY_KEY = r"SOFTWARE\Policies\DojoDesktop"


def load_managed_settings() -> ManagedSettings:
    """The machine's managed settings (empty when IT set none). Never raises for bad values:
    a value that cannot be understood is logged and ignored."""
    if sys.platform == "win32":
        program_data = Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))
        return merged(settings_from_values(_registry_values(), "HKLM\\" + POLICY_KEY),
                      settings_from_ini(program_data / "DojoDesktop" / "settings.ini"))
    return settings_from_qsettings(QSettings(
        QSettings.Format.NativeFormat, QSettings.Scope.SystemScope, ORGANIZATION, APPLICATION))


def settings_from_qsettings(settings: QSettings) -> ManagedSettings:
    """The managed settings in a QSettings store (INI file, system-scope config, plist)."""
    if settings.status() is not QSettings.Status.NoError:
        log.warning("managed settings in %s cannot be read (%s)", settings.fileName(),
                    settings.status().name)
    values = {key: settings.value(key) for key in settings.childKeys()}
    return settings_from_values(values, settings.fileName())


def settings_from_ini(path: Path) -> ManagedSettings:
    """The ``[General]`` section of an INI file IT writes by hand. Read with configparser, not
    QSettings, so Windows paths keep their backslashes and commas (QSettings treats both)."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8-sig")  # Notepad may write a byte order mark
    except (configparser.Error, UnicodeDecodeError) as exc:
        log.warning("managed settings in %s cannot be read (%s)", path, exc)
        return ManagedSettings()
    values = dict(parser["General"]) if parser.has_section("General") else {}
    return settings_from_values(values, str(path))


def _registry_values() -> dict[str, object]:
    """The values under HKLM\\SOFTWARE\\Policies\\DojoDesktop (64-bit view), by name."""
    if sys.platform != "win32":
        return {}
    import winreg

    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY, 0,
                             winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except OSError:
        return {}
    values: dict[str, object] = {}
    with key:
        index = 0
        while True:
            try:
                name, value, _kind = winreg.EnumValue(key, index)
            except OSError:
                return values
            values[name] = value
            index += 1
