"""Backing up and restoring the server's database: SQLite through its online backup API
(safe while the server runs), PostgreSQL through ``pg_dump`` and ``pg_restore``.

Nothing is left half-written: a backup is written to a temporary file next to its
destination and renamed when complete; a SQLite restore the same way over the database
(only while no server runs on it: see :func:`serving`); a PostgreSQL restore runs in one
transaction.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

SERVING_LOCK = "serving.lock"
PG_TIMEOUT_S = 3600
PG_INSTALL_DIR = Path("/usr/lib/postgresql")  # Debian's place for each version's tools


class BackupError(Exception):
    """A backup or restore that cannot be done, in words IT can act on."""


@contextlib.contextmanager
def serving(data_dir: Path) -> Iterator[None]:
    """Held while a server runs on ``data_dir``: a shared lock on a file there, which the
    OS releases if the server dies. A restore asks for it alone (``_not_serving``)."""
    handle = _lock_file(data_dir)
    try:
        if handle is not None:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
        yield
    finally:
        if handle is not None:
            handle.close()


def backup(database_url: str, dest: Path) -> None:
    """Write a consistent copy of the database to ``dest``."""
    url = make_url(database_url)
    if not dest.parent.is_dir():
        raise BackupError(f"The folder {dest.parent} does not exist.")
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        if not source.is_file():
            raise BackupError(f"There is no database at {source}.")
        with _written_whole(dest) as partial:
            try:
                _copy_sqlite(source, partial, read_only=True)
            except sqlite3.Error as exc:
                raise BackupError(f"The database at {source} could not be read ({exc}).") \
                    from exc
    else:
        with _written_whole(dest) as partial:
            _run_pg("pg_dump", database_url, "--format=custom", f"--file={partial}")


def restore(database_url: str, source: Path, data_dir: Path) -> None:
    """Put the backup ``source`` back as the database. The server must not be running."""
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        _run_pg("pg_restore", database_url, "--clean", "--if-exists", "--no-owner",
                "--single-transaction", str(source))
        return
    target = Path(url.database or "")
    with _not_serving(data_dir):
        target.parent.mkdir(parents=True, exist_ok=True)
        with _written_whole(target) as partial:
            try:
                _copy_sqlite(source, partial, read_only=True)
                _check_sqlite(partial)
            except sqlite3.DatabaseError as exc:
                raise BackupError(f"{source} is not a backup of a Dojo school server "
                                  f"database.") from exc
            # A journal left by the database it replaces would be replayed into it.
            for leftover in ("-wal", "-shm", "-journal"):
                Path(f"{target}{leftover}").unlink(missing_ok=True)


def pg_tool(name: str) -> Path:
    """``pg_dump`` or ``pg_restore``: on PATH, or under /usr/lib/postgresql (newest)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    installed = sorted(PG_INSTALL_DIR.glob(f"*/bin/{name}"),
                       key=lambda path: _version(path.parents[1].name))
    if installed:
        return installed[-1]
    raise BackupError(f"{name} was not found. Install PostgreSQL's client tools (for "
                      "example the postgresql-client package) and try again.")


def pg_connection(database_url: str) -> tuple[list[str], dict[str, str]]:
    """The connection options of ``database_url`` for PostgreSQL's tools, and their
    environment (the password goes there, not on the command line)."""
    url = make_url(database_url)
    options = [f"--dbname={url.database}"]
    if url.host:
        options.append(f"--host={url.host}")
    if url.port:
        options.append(f"--port={url.port}")
    if url.username:
        options.append(f"--username={url.username}")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return options, env


def _run_pg(tool: str, database_url: str, *args: str) -> None:
    options, env = pg_connection(database_url)
    done = subprocess.run([str(pg_tool(tool)), *options, "--no-password", *args], env=env,
                          capture_output=True, text=True, timeout=PG_TIMEOUT_S, check=False)
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise BackupError(f"{tool} failed: {detail[0]}")


def _copy_sqlite(source: Path, target: Path, read_only: bool) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro" if read_only else str(source), uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _check_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise sqlite3.DatabaseError("damaged")
        conn.execute("SELECT value FROM server_meta WHERE key = 'epoch'").fetchone()
    finally:
        conn.close()


@contextlib.contextmanager
def _written_whole(dest: Path) -> Iterator[Path]:
    """A temporary path next to ``dest``, renamed to it if the block completes."""
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        yield partial
        try:
            partial.replace(dest)
        except OSError as exc:  # on Windows, also a database file a server holds open
            raise BackupError(f"{dest} could not be replaced ({exc.strerror}). If the "
                              "server is running, stop it first.") from exc
    finally:
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def _not_serving(data_dir: Path) -> Iterator[None]:
    """Held while the database file is replaced: refused while a server runs on it."""
    handle = _lock_file(data_dir)
    try:
        if handle is not None:
            import fcntl

            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                raise BackupError("The school server is running on this database. Stop it "
                                  "first, then restore.") from exc
        yield
    finally:
        if handle is not None:
            handle.close()


def _lock_file(data_dir: Path) -> IO[bytes] | None:
    """The lock file's handle; None on Windows, which has no shared locks here."""
    if sys.platform == "win32":
        return None
    data_dir.mkdir(parents=True, exist_ok=True)
    return (data_dir / SERVING_LOCK).open("a+b")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())
