"""Helpers for service tests: a fake clock, a ready-made class, and raw database reads."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dojo_desktop.core.model import Skill
from dojo_desktop.services.classroom import Classroom
from dojo_desktop.store.database import DATABASE_NAME

SCHOOL_ZONE = "Europe/London"


class FakeClock:
    """The ``now_ms`` the services read, moved by the test in school-local wall time."""

    def __init__(self, start: datetime) -> None:
        self.ms = 0
        self.set(start)

    def __call__(self) -> int:
        return self.ms

    def set(self, local: datetime) -> None:
        """Jump to a naive wall-clock time in the school's zone."""
        self.ms = int(local.replace(tzinfo=ZoneInfo(SCHOOL_ZONE)).timestamp() * 1000)

    def advance(self, **delta: float) -> None:
        self.ms += int(timedelta(**delta).total_seconds() * 1000)


@dataclass
class School:
    """A class of four with the default skills, opened in a classroom."""

    room: Classroom
    class_id: str
    student_ids: list[str]
    positive: Skill
    needs_work: Skill


def db_rows(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows straight from the database file, read with plain sqlite3."""
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def db_count(data_dir: Path, table: str) -> int:
    return int(db_rows(data_dir, f"SELECT COUNT(*) FROM {table}")[0][0])


def db_dump(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    names = [r[0] for r in db_rows(
        data_dir, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {n: sorted(db_rows(data_dir, f'SELECT * FROM "{n}"'), key=repr) for n in names}
