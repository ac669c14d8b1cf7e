"""Backups of the class database: SQLite's online backup into ``<data folder>/backups``,
daily while the app runs and before every migration, the newest few of each kept.

A backup is one read transaction on the live file: in WAL mode a tap's write goes on
meanwhile, so backups run on a worker thread and never hold up the board. The copy goes in
steps of a megabyte, each written out to the disk and followed by a short pause, so a
tap's commit never queues behind the whole file being flushed at once. The daily one
yields to the board: its copy and check run on a thread of lower CPU and disk priority,
so the GUI thread gets a core first (SQLite's check of a year's copy is a few hundred ms
of CPU). Each is written to a ``.partial`` file, checked, flushed and only then renamed,
so a backup that exists is whole.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from dojo_desktop.store.background_priority import run_at_low_priority

BACKUP_DIR = "backups"
DAILY = "daily"
DAY_MS = 86_400_000
# How many of each kind of backup to keep: a week of days, and the last few upgrades.
KEEP = {DAILY: 7, "before": 3}
# The copy's step, and the pause after each: a year's database (100 MB) takes about 0.2 s
# longer, and a tap's commit finds at most a step's writes ahead of it on the disk.
STEP_PAGES = 256
STEP_PAUSE_S = 0.002
_NAME = re.compile(r"^(?P<stem>.+)-(?P<reason>daily|before-[\w.]+)-(?P<stamp>\d{8}-\d{6})"
                   r"(?:-\d+)?\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    """One backup file: when it was made (Unix ms) and why (``daily``, ``before-<rev>``)."""

    path: Path
    made_ms: int
    reason: str


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def make_backup(path: Path, target_dir: Path, reason: str,
                step_pages: int = STEP_PAGES, *, yield_to_taps: bool = False) -> Backup:
    """A consistent copy of the live database ``path`` (SQLite's online backup, in steps
    of ``step_pages`` pages), checked before it gets its name. With ``yield_to_taps`` the
    copy and its check run at a lower priority than the board (a daily backup while the
    teacher taps); the backup before a migration, which the teacher waits for, does not."""
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"{path.stem}-{reason}-{stamp}.sqlite3"
    copy = 1
    while target.exists():
        copy += 1
        target = target_dir / f"{path.stem}-{reason}-{stamp}-{copy}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    if yield_to_taps:
        problem = run_at_low_priority(lambda: _copy_and_check(path, partial, step_pages))
    else:
        problem = _copy_and_check(path, partial, step_pages)
    if problem != "ok":
        partial.unlink(missing_ok=True)
        raise sqlite3.DatabaseError(f"the backup did not check out: {problem}")
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
    return Backup(target, int(target.stat().st_mtime * 1000), reason)


def _copy_and_check(path: Path, partial: Path, step_pages: int) -> str:
    """Copy the database at ``path`` into ``partial``; what SQLite's quick check says of
    the copy ("ok" if whole)."""
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5,
                             isolation_level=None)
    try:
        # One read snapshot for every step: writers go on (WAL), and the copy is not
        # started over each time one commits, as it would be between steps otherwise.
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        dest = sqlite3.connect(partial, isolation_level=None)
        try:
            # The partial file is flushed here, step by step, and renamed only once
            # checked: SQLite's own journal and syncs would only add writes.
            dest.execute("PRAGMA journal_mode=OFF")
            dest.execute("PRAGMA synchronous=OFF")
            with partial.open("rb+") as handle:
                def written_out(_status: int, _remaining: int, _total: int) -> None:
                    os.fsync(handle.fileno())
                    time.sleep(STEP_PAUSE_S)

                source.backup(dest, pages=step_pages, progress=written_out)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            problem: str = dest.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dest.close()
    finally:
        source.close()
    return problem


def list_backups(target_dir: Path) -> list[Backup]:
    """The backups in ``target_dir``, newest first (unfinished ones left out)."""
    if not target_dir.is_dir():
        return []
    found = []
    for entry in target_dir.iterdir():
        match = _NAME.match(entry.name)
        if match is not None and entry.is_file():
            found.append(Backup(entry, int(entry.stat().st_mtime * 1000), match["reason"]))
    return sorted(found, key=lambda b: (b.made_ms, b.path.name), reverse=True)


def daily_backup_due(target_dir: Path, now_ms: int) -> bool:
    """True if no daily backup was made in the last 24 hours."""
    return not any(b.reason == DAILY and 0 <= now_ms - b.made_ms < DAY_MS
                   for b in list_backups(target_dir))


def prune(target_dir: Path) -> list[Path]:
    """Delete all but the newest backups of each kind (``KEEP``); returns what went.
    Unfinished ``.partial`` files a crash left behind go too."""
    removed = []
    kept: dict[str, int] = {}
    for backup in list_backups(target_dir):
        kind = DAILY if backup.reason == DAILY else "before"
        kept[kind] = kept.get(kind, 0) + 1
        if kept[kind] > KEEP[kind]:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    for partial in target_dir.glob("*.partial") if target_dir.is_dir() else ():
        partial.unlink(missing_ok=True)
        removed.append(partial)
    return removed


def latest_good_backup(target_dir: Path) -> Backup | None:
    """The newest backup that passes SQLite's quick check."""
    for backup in list_backups(target_dir):
        try:
            conn = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            ok = False
        if ok:
            return backup
    return None


def was_paired(backup: Backup) -> bool:
    """True if the device was connected to a school server when the backup was made."""
    try:
        conn = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM sync_state").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def put_back(backup: Backup, path: Path) -> Path | None:
    """Make ``backup`` the database at ``path`` (the app must not have it open). The file
    it replaces is renamed ``<name>.replaced-<time>``, not deleted; returns that name."""
    partial = path.with_name(path.name + ".restoring")
    with backup.path.open("rb") as source, partial.open("wb") as dest:
        while chunk := source.read(1 << 20):
            dest.write(chunk)
        dest.flush()
        os.fsync(dest.fileno())
    replaced = None
    if path.exists():
        replaced = path.with_name(f"{path.name}.replaced-{time.strftime('%Y%m%d-%H%M%S')}")
        path.rename(replaced)
    for suffix in ("-wal", "-shm"):  # the replaced file's, not the backup's
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.rename(replaced.with_name(replaced.name + suffix) if replaced else
                         stale.with_name(stale.name + ".stale"))
    partial.replace(path)
    return replaced
