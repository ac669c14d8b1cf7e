"""The server's SQLite log is checkpointed on a thread of its own, not inside commits."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from sqlalchemy import text

from dojo_server.db.session import Database


def _rows_in_main_file(db_file: Path, tmp_path: Path) -> int:
    """Rows readable from the database file alone, without its write-ahead log; -1 while
    the copy caught a checkpoint half-way through writing the file."""
    alone = tmp_path / "alone.sqlite3"
    shutil.copy(db_file, alone)
    conn = sqlite3.connect(alone)
    try:
        return int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
    except sqlite3.DatabaseError:
        return -1
    finally:
        conn.close()


def test_commits_leave_checkpoints_to_the_background(tmp_path: Path) -> None:
    db_file = tmp_path / "server.sqlite3"
    db = Database(f"sqlite:///{db_file}")
    try:
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes (n INTEGER PRIMARY KEY, body TEXT)"))
        db.checkpoint_in_background()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        for start in range(0, 3000, 100):  # past the 1,000 pages a commit would copy back
            with db.write() as session:
                session.execute(text("INSERT INTO notes VALUES (:n, :body)"),
                                [{"n": n, "body": "x" * 4000} for n in range(start, start + 100)])
        deadline = time.monotonic() + 10
        while _rows_in_main_file(db_file, tmp_path) < 3000:
            assert time.monotonic() < deadline, "the background checkpoint never came"
            time.sleep(0.1)
    finally:
        db.dispose()
