"""One app per data folder: an OS file lock, released by the OS if the app dies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

LOCK_NAME = "dojo.lock"


class FolderInUseError(RuntimeError):
    """Another copy of Dojo Desktop has this data folder open."""


class FolderLock:
    """Held while a classroom is open; a second copy of the app is refused in plain words."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._handle: IO[bytes] | None = (data_dir / LOCK_NAME).open("a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                self._handle.seek(0)
                msvcrt.locking(self._handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._handle.close()
            self._handle = None
            raise FolderInUseError(
                "Dojo Desktop is already open on this computer with the same class data. "
                "Switch to that window instead.") from exc

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None
