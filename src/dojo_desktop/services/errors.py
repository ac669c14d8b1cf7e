"""Errors services raise; each message says what happened and what to do."""

from __future__ import annotations

from dojo_desktop.core.roster_csv import CsvProblem, RosterCsvError
from dojo_desktop.store.database import NewerDatabaseError
from dojo_desktop.store.errors import StorageError
from dojo_desktop.store.folder_lock import FolderInUseError

__all__ = ["CsvProblem", "FolderInUseError", "InvalidInputError", "ManagedSettingError",
           "NewerDatabaseError", "RosterCsvError", "StorageError"]


class InvalidInputError(ValueError):
    """Something the user typed or chose cannot be used; the message says why."""


class ManagedSettingError(InvalidInputError):
    """IT set this for every user of the computer; it cannot be changed in the app."""
