"""Errors services raise; each message says what happened and what to do."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from dojo_desktop.core.error_texts import Message, message
from dojo_desktop.core.roster_csv import CsvProblem, RosterCsvError
from dojo_desktop.store.database import DamagedDatabaseError, NewerDatabaseError
from dojo_desktop.store.errors import StorageError
from dojo_desktop.store.folder_lock import FolderInUseError

__all__ = ["Cancelled", "CsvProblem", "DamagedDatabaseError", "DataFolderError",
           "FolderInUseError", "InvalidInputError", "ManagedSettingError", "Message",
           "NewerDatabaseError", "RosterCsvError", "StorageError", "invalid"]


class InvalidInputError(ValueError):
    """Something the user typed or chose cannot be used; the message says why.

    Made from a :class:`Message` (see :func:`invalid`), it carries the id and parameters
    the window translates; ``str()`` is always the English text.
    """

    def __init__(self, text: str | Message) -> None:
        super().__init__(str(text))
        self.message: Message | None = text if isinstance(text, Message) else None


def invalid(message_id: str, /, **params: str | int) -> InvalidInputError:
    """``raise invalid("avatar.damaged", file=name)``: an error the window can translate."""
    return InvalidInputError(message(message_id, **params))


class Cancelled(Exception):
    """The user stopped a long operation (an import, an export) before it kept anything."""


class ManagedSettingError(InvalidInputError):
    """IT set this for every user of the computer; it cannot be changed in the app."""


class DataFolderError(InvalidInputError):
    """The data folder cannot hold the database (read-only, no permission, full, missing):
    which folder, why, and what to do."""


def data_folder_error(folder: Path, exc: OSError | sqlite3.Error) -> DataFolderError | None:
    """The error to show for ``exc``, met while opening the database in ``folder``; None
    if it is not about the folder (SQLite's other errors)."""
    number = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    if not isinstance(exc, OSError) and not any(
            words in text for words in ("readonly", "read-only", "disk is full",
                                        "unable to open", "disk i/o error")):
        return None
    if number == errno.EROFS or "readonly" in text or "read-only" in text:
        return DataFolderError(message("folder.read_only", folder=str(folder)))
    if number in (errno.EACCES, errno.EPERM):
        return DataFolderError(message("folder.no_permission", folder=str(folder)))
    if number == errno.ENOSPC or "disk is full" in text or _nearly_full(folder):
        return DataFolderError(message("folder.full", folder=str(folder)))
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DataFolderError(message("folder.missing", folder=str(folder), reason=reason))


def _nearly_full(folder: Path) -> bool:
    """True if the drive holding ``folder`` has less than a megabyte free (SQLite may call
    a full disk an I/O error)."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    try:
        return existing is not None and shutil.disk_usage(existing).free < 1 << 20
    except OSError:
        return False
