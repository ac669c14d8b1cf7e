"""Which computer this is, from what lives outside the data folder.

A data folder put back on the same computer keeps its device identity (and renumbers, see
``sync/renumbering.py``); one copied to another computer must not speak as the first. So
each request carries a *machine proof*: the sha256 of this device's id with two things a
copied folder does not take along, a random id kept in the OS keyring (made on first use)
and the operating system's own machine id. The keyring alone would travel with a roaming
profile or a keychain copied by hand; the OS's id alone is the same on PCs cloned from one
image without being prepared for it; together they tell two computers apart unless both
were copied. The server remembers the proof a device enrolled with and refuses another.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import sys
from pathlib import Path

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Dojo Desktop"
MACHINE_SECRET_KEY = "machine-id"
_LINUX_IDS = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def machine_proof(device_id: str) -> str:
    """What this computer sends for ``device_id``: 64 hex digits, the same on every call
    here, and telling nothing of the computer to the server."""
    text = f"dojo-machine\n{keyring_machine_id()}\n{platform_machine_id()}\n{device_id}"
    return hashlib.sha256(text.encode()).hexdigest()


def keyring_machine_id() -> str:
    """The random id this computer keeps in its keyring; made on first use. Empty when the
    keyring cannot be used (then the OS's id alone tells the computers apart)."""
    import keyring
    import keyring.errors

    try:
        value = keyring.get_password(KEYRING_SERVICE, MACHINE_SECRET_KEY)
        if not value:
            value = secrets.token_hex(16)
            keyring.set_password(KEYRING_SERVICE, MACHINE_SECRET_KEY, value)
        return value
    except keyring.errors.KeyringError as exc:
        log.info("no machine id in the keyring (%s)", exc)
        return ""


def platform_machine_id() -> str:
    """The operating system's id of this installation (systemd's machine-id, Windows'
    MachineGuid); empty where there is none to read."""
    if sys.platform == "win32":
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                                r"SOFTWARE\Microsoft\Cryptography") as key:
                return str(winreg.QueryValueEx(key, "MachineGuid")[0])
        except OSError:
            return ""
    for path in _LINUX_IDS:
        try:
            return path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
    return ""
