"""Opening the database file: integrity check, schema version, backup, migration.

Everything here uses the standard ``sqlite3`` module, so a database that is already
current opens without importing SQLAlchemy or Alembic (they cost half a second).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from dojo_desktop.store.backups import backups_dir, make_backup
from dojo_desktop.store.schema_version import HEAD_REVISION, KNOWN_REVISIONS, kinds_to_replay

DATABASE_NAME = "dojo.sqlite3"
BUSY_TIMEOUT_MS = 5000


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer app. It is refused, never opened or changed."""


@dataclass(frozen=True)
class Damage:
    """A database that could not be read: why, and where the damaged file was kept."""

    problem: str
    kept_as: Path


@dataclass
class PreparedDatabase:
    """A database ready for use, and what the user should be told about opening it."""

    path: Path
    created: bool = False
    damage: Damage | None = None  # the file found was damaged: this one is new
    backup: Path | None = None


def connect(path: Path) -> sqlite3.Connection:
    """A ``sqlite3`` connection with the app's settings: WAL, FULL sync, foreign keys."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    apply_pragmas(conn)
    return conn


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durable commits (FULL), WAL so readers never block the writer, foreign keys on."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class IntegrityCheck:
    """``PRAGMA quick_check`` running in a thread, started as early as possible.

    The check reads the whole file (about 0.15 s for a school year); SQLite releases the
    GIL while it runs, so it overlaps with loading Qt instead of adding to start-up.
    """

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / DATABASE_NAME
        self._problem: str | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._path.exists():
            self._problem = integrity_problem(self._path)

    def problem(self) -> str | None:
        """Wait for the check; ``None`` if the file is sound (or absent)."""
        self._thread.join()
        return self._problem


class DamagedDatabaseError(RuntimeError):
    """The database cannot be read, and the caller asked for it to be left where it is."""


def prepare_database(data_dir: Path, check: IntegrityCheck | None = None,
                     *, set_damage_aside: bool = True) -> PreparedDatabase:
    """Check, back up and migrate the database in ``data_dir``, creating it if needed.

    A damaged file is moved aside (never deleted) and a fresh one is created; ``damage``
    says so, for the app to offer the latest backup instead (without ``set_damage_aside``,
    :class:`DamagedDatabaseError` is raised and the file left alone). A file
    written by a newer app raises :class:`NewerDatabaseError` and is left untouched.
    ``check`` is an integrity check already started on this folder, if any.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DATABASE_NAME
    prepared = PreparedDatabase(path)
    if path.exists():
        problem = (check or IntegrityCheck(data_dir)).problem()
        if problem and not set_damage_aside:
            raise DamagedDatabaseError(
                f"The class database in {data_dir} could not be read ({problem}). It was "
                "left as it is: start Dojo Desktop to restore the latest backup.")
        if problem:
            prepared.damage = Damage(problem, move_aside(path))
    version = schema_revision(path) if path.exists() else None
    if version == HEAD_REVISION:
        return prepared
    if version is not None and version not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"The database in {data_dir} was written by a newer version of Dojo Desktop "
            f"(schema {version}). Please update Dojo Desktop to open it. The file was not "
            "changed."
        )
    if version is None:
        prepared.created = True
    else:
        prepared.backup = make_backup(path, backups_dir(data_dir), f"before-{HEAD_REVISION}").path
    run_migrations(path, replay=kinds_to_replay(version))
    return prepared


def integrity_problem(path: Path) -> str | None:
    """``None`` if ``PRAGMA quick_check`` passes, else a short description."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows[:3])
    return None if result == "ok" else result


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL files) to ``<name>.damaged-<time>``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    copy = 1
    while target.exists():  # never overwrite an earlier damaged copy
        copy += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{copy}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(target.with_name(target.name + suffix))
    return target


def schema_revision(path: Path) -> str | None:
    """The Alembic revision stored in the database, or ``None`` for an empty file."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not exists:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()


def run_migrations(path: Path, replay: frozenset[str] = frozenset()) -> None:
    """Bring the schema to the head revision with Alembic.

    Events of the kinds in ``replay``, which an older version kept as received, are
    projected into the new tables in the same transaction, so the upgrade is all or nothing.
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import OperationalError

    from dojo_desktop.store.sqlite_engine import create_sqlite_engine, driver_connection

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    engine = create_sqlite_engine(path)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            if replay:
                from dojo_desktop.store.projections import replay_kept_events

                replay_kept_events(driver_connection(conn), replay)
    except OperationalError as exc:  # the file system's refusal, as sqlite3 words it
        if isinstance(exc.orig, sqlite3.OperationalError):
            raise exc.orig from exc
        raise
    finally:
        engine.dispose()
