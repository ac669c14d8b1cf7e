"""Errors services raise; each message says what happened and what to do."""

from __future__ import annotations

from dojo_desktop.core.error_texts import Message, message
from dojo_desktop.core.roster_csv import CsvProblem, RosterCsvError
from dojo_desktop.store.database import NewerDatabaseError
from dojo_desktop.store.errors import StorageError
from dojo_desktop.store.folder_lock import FolderInUseError

__all__ = ["Cancelled", "CsvProblem", "FolderInUseError", "InvalidInputError",
           "ManagedSettingError", "Message", "NewerDatabaseError", "RosterCsvError",
           "StorageError", "invalid"]


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
