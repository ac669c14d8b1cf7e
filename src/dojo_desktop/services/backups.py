"""The class database's backups, as the app uses them: a daily one while it runs, and the
way back from a damaged file to the latest good backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dojo_desktop.services.context import ServiceContext
from dojo_desktop.store import backups as files
from dojo_desktop.store.backups import Backup
from dojo_desktop.store.database import DATABASE_NAME, Damage

__all__ = ["Backup", "BackupService", "Recovery", "recovery_for", "restore"]


class BackupService:
    """Makes the daily backup when one is due; call it off the GUI thread (it copies the
    whole file, while taps go on)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def folder(self) -> Path:
        return files.backups_dir(self._ctx.data_dir)

    def make_if_due(self) -> Backup | None:
        """A daily backup if none was made in the last 24 hours (then old ones pruned)."""
        if not files.daily_backup_due(self.folder, self._ctx.now_ms()):
            return None
        made = files.make_backup(self._ctx.db_path, self.folder, files.DAILY,
                                 yield_to_taps=True)
        files.prune(self.folder)
        return made

    def list(self) -> list[Backup]:
        """Every backup kept, newest first."""
        return files.list_backups(self.folder)


@dataclass(frozen=True)
class Recovery:
    """What the teacher is offered after a damaged database: the damage, and the latest
    backup that checks out (if any), and whether it was connected to the school server
    (then what it lacks that was already sent comes back when it syncs)."""

    damage: Damage
    backup: Backup | None
    paired: bool


def recovery_for(data_dir: Path, damage: Damage) -> Recovery:
    """The way back from ``damage`` in ``data_dir``."""
    backup = files.latest_good_backup(files.backups_dir(data_dir))
    return Recovery(damage, backup, backup is not None and files.was_paired(backup))


def restore(data_dir: Path, backup: Backup) -> None:
    """Put ``backup`` back as the class database (close the classroom first). The database
    it replaces is kept beside it, renamed, never deleted."""
    files.put_back(backup, data_dir / DATABASE_NAME)
