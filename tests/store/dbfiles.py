"""Helpers for store tests: read a database file with plain sqlite3, independent of the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def dump_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, so two databases can be compared."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in names}
    finally:
        conn.close()


def quick_check(path: Path) -> str:
    """``ok`` for a sound file, else what SQLite found wrong."""
    conn = sqlite3.connect(path)
    try:
        return "; ".join(str(r[0]) for r in conn.execute("PRAGMA quick_check"))
    except sqlite3.DatabaseError as exc:
        return f"error: {exc}"
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Move everything in the WAL into the main file, so its bytes are the whole database."""
    conn = sqlite3.connect(path)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "another connection is still open"
    finally:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def folder_listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}
