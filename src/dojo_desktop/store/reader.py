"""Reads for the screens, in plain SQL on a ``sqlite3`` connection.

Reads need no SQLAlchemy, so the first grid paints before the heavier write path is
imported. The schema they read is the one ``models`` defines and Alembic migrates.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from dojo_desktop.core.model import Award, ClassGroup, Polarity, Skill, Student
from dojo_desktop.store.database import connect

_SKILL_COLUMNS = "id, name, icon, polarity, points, criteria, position, archived, class_id"


class Reader:
    """Read-only queries on the local database."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(path)

    def close(self) -> None:
        self._conn.close()

    def device(self) -> tuple[str, str] | None:
        """(device id, newest HLC issued or pulled) or ``None`` before the first write."""
        row = self._conn.execute(
            "SELECT id, MAX(last_hlc, COALESCE((SELECT MAX(hlc) FROM sync_state), '')) "
            "FROM device").fetchone()
        return (row[0], row[1]) if row else None

    def classes(self, include_archived: bool = False) -> list[ClassGroup]:
        rows = self._conn.execute(
            "SELECT id, name, year_group, archived FROM classes"
            + ("" if include_archived else " WHERE archived = 0")
            + " ORDER BY name COLLATE NOCASE, id"
        ).fetchall()
        return [ClassGroup(r[0], r[1], r[2], bool(r[3])) for r in rows]

    def students(self, class_id: str, include_archived: bool = False) -> list[Student]:
        rows = self._conn.execute(
            "SELECT s.id, s.first_name, s.last_name, s.avatar, s.archived FROM students s "
            "JOIN class_students cs ON cs.student_id = s.id WHERE cs.class_id = ?"
            + ("" if include_archived else " AND s.archived = 0")
            + " ORDER BY s.first_name COLLATE NOCASE, s.last_name COLLATE NOCASE, s.id",
            (class_id,),
        ).fetchall()
        return [Student(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    def student(self, student_id: str) -> Student | None:
        r = self._conn.execute(
            "SELECT id, first_name, last_name, avatar, archived FROM students WHERE id = ?",
            (student_id,),
        ).fetchone()
        return Student(r[0], r[1], r[2], r[3], bool(r[4])) if r else None

    def student_ids_by_source(self) -> dict[str, str]:
        """The school system's id of each child added with one (``student_added``'s
        ``sourced_id``, kept in the events this device made or pulled) -> the child's id."""
        rows = self._conn.execute(
            "SELECT json_extract(payload, '$.sourced_id'), json_extract(payload, "
            "'$.student_id') FROM outbox WHERE kind = 'student_added' "
            "AND json_extract(payload, '$.sourced_id') IS NOT NULL UNION ALL "
            "SELECT json_extract(payload, '$.sourced_id'), json_extract(payload, "
            "'$.student_id') FROM pulled_events WHERE kind = 'student_added' "
            "AND error = '' AND json_extract(payload, '$.sourced_id') IS NOT NULL").fetchall()
        return {str(source): str(student) for source, student in rows}

    def student_classes(self, student_id: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT class_id FROM class_students WHERE student_id = ?", (student_id,))]

    def skills(self, class_id: str | None, include_archived: bool = False) -> list[Skill]:
        rows = self._conn.execute(
            f"SELECT {_SKILL_COLUMNS} FROM skills WHERE (class_id IS NULL OR class_id = ?)"
            + ("" if include_archived else " AND archived = 0")
            + " ORDER BY polarity DESC, position, name",
            (class_id,),
        ).fetchall()
        return [_skill(r) for r in rows]

    def skill(self, skill_id: str) -> Skill | None:
        r = self._conn.execute(f"SELECT {_SKILL_COLUMNS} FROM skills WHERE id = ?",
                               (skill_id,)).fetchone()
        return _skill(r) if r else None

    def period_totals(self, class_id: str, window: tuple[int, int | None],
                      student_ids: list[str] | None = None) -> dict[str, int]:
        """Points per student in ``class_id`` awarded in ``window`` (UTC ms ``[start,
        end)``, no end: up to now and beyond), undone awards left out."""
        start_ms, end_ms = window
        # For a few students (a tap), walk each one's own awards instead of the class's.
        index = "INDEXED BY ix_awards_student_at " if student_ids is not None else ""
        sql = (f"SELECT a.student_id, SUM(a.points) FROM awards a {index}"
               "WHERE a.class_id = ? AND a.at_ms >= ? "
               "AND NOT EXISTS (SELECT 1 FROM award_undos u WHERE u.award_id = a.id)")
        params: list[Any] = [class_id, start_ms]
        if end_ms is not None:
            sql += " AND a.at_ms < ?"
            params.append(end_ms)
        if student_ids is not None:
            sql += f" AND a.student_id IN ({','.join('?' * len(student_ids))})"
            params.extend(student_ids)
        rows = self._conn.execute(sql + " GROUP BY a.student_id", params).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def points_by_skill(self, class_id: str, window: tuple[int, int],
                        student_ids: list[str] | None = None) -> dict[str, dict[str, int]]:
        """Points per student and skill in ``class_id`` awarded in ``window`` (UTC ms
        ``[start, end)``), undone awards left out: what a day's targets count."""
        index = "INDEXED BY ix_awards_student_at " if student_ids is not None else ""
        sql = (f"SELECT a.student_id, a.skill_id, SUM(a.points) FROM awards a {index}"
               "WHERE a.class_id = ? AND a.at_ms >= ? AND a.at_ms < ? "
               "AND NOT EXISTS (SELECT 1 FROM award_undos u WHERE u.award_id = a.id)")
        params: list[Any] = [class_id, *window]
        if student_ids is not None:
            sql += f" AND a.student_id IN ({','.join('?' * len(student_ids))})"
            params.extend(student_ids)
        found: dict[str, dict[str, int]] = {}
        for student_id, skill_id, points in self._conn.execute(
                sql + " GROUP BY a.student_id, a.skill_id", params):
            found.setdefault(student_id, {})[skill_id] = int(points)
        return found

    def awards_in_batch(self, batch_id: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM awards WHERE batch_id = ? ORDER BY id", (batch_id,))]

    def awards(self, award_ids: list[str]) -> list[Award]:
        rows = self._conn.execute(
            f"SELECT {_AWARD_COLUMNS} FROM awards a WHERE a.id IN "
            f"({','.join('?' * len(award_ids))})", award_ids).fetchall()
        return [_award(r) for r in rows]

    def history(self, student_id: str, class_id: str | None, limit: int,
                offset: int = 0) -> list[tuple[Award, str, str]]:
        """Newest first: (award, skill name, skill icon)."""
        rows = self._conn.execute(
            f"SELECT {_AWARD_COLUMNS}, k.name, k.icon FROM awards a "
            "JOIN skills k ON k.id = a.skill_id WHERE a.student_id = ?"
            + ("" if class_id is None else " AND a.class_id = ?")
            + " ORDER BY a.at_ms DESC, a.id DESC LIMIT ? OFFSET ?",
            (student_id, *(() if class_id is None else (class_id,)), limit, offset),
        ).fetchall()
        return [(_award(r), r[-2], r[-1]) for r in rows]

    def all_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Every row of one known table (for export), with its column names."""
        if table not in _EXPORTABLE:
            raise ValueError(f"not an exportable table: {table}")
        cursor = self._conn.execute(_EXPORTABLE[table])
        return [d[0] for d in cursor.description], cursor.fetchall()

    def preferences(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._conn.execute(
            "SELECT key, value FROM preferences")}

    def settings(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._conn.execute(
            "SELECT key, value FROM settings")}

    def records(self, kind: str, class_id: str | None = None,
                match: dict[str, str | int] | None = None) -> list[dict[str, Any]]:
        """The newest version of each record of a record ``kind`` (their payloads), of one
        class if ``class_id`` is given, and whose payload has the values in ``match``."""
        sql = "SELECT payload FROM records WHERE kind = ?"
        params: list[str | int] = [kind]
        if class_id is not None:
            sql += " AND class_id = ?"
            params.append(class_id)
        for key, value in (match or {}).items():
            if not key.isidentifier():
                raise ValueError(f"not a payload key: {key!r}")
            sql += f" AND json_extract(payload, '$.{key}') = ?"
            params.append(value)
        return [json.loads(row[0]) for row in self._conn.execute(sql, params)]

    def outbox_counts(self) -> dict[str, int]:
        return {state: n for state, n in self._conn.execute(
            "SELECT state, COUNT(*) FROM outbox GROUP BY state")}

    def blob_known(self, sha256: str) -> bool:
        return self._conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?",
                                  (sha256,)).fetchone() is not None

    def count(self, table: str) -> int:
        if table not in _EXPORTABLE and table not in ("outbox", "award_undos", "class_students"):
            raise ValueError(f"unknown table: {table}")
        return int(self._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


_AWARD_COLUMNS = ("a.id, a.student_id, a.class_id, a.skill_id, a.points, a.at_ms, a.batch_id, "
                  "a.note, EXISTS (SELECT 1 FROM award_undos u WHERE u.award_id = a.id)")

_EXPORTABLE = {
    "awards": (
        "SELECT a.id AS award_id, datetime(a.at_ms / 1000, 'unixepoch') AS at_utc, "
        "a.class_id, c.name AS class_name, a.student_id, "
        "s.first_name || ' ' || s.last_name AS student_name, a.skill_id, k.name AS skill_name, "
        "a.points, a.note, a.batch_id, a.device_id, "
        "CASE WHEN u.award_id IS NULL THEN 'no' ELSE 'yes' END AS undone, "
        "CASE WHEN u.award_id IS NULL THEN '' "
        "ELSE datetime(u.at_ms / 1000, 'unixepoch') END AS undone_at_utc "
        "FROM awards a JOIN classes c ON c.id = a.class_id JOIN students s ON s.id = a.student_id "
        "JOIN skills k ON k.id = a.skill_id LEFT JOIN award_undos u ON u.award_id = a.id "
        "ORDER BY a.at_ms, a.id"),
    "students": (
        "SELECT s.id AS student_id, s.first_name, s.last_name, s.avatar, s.archived, "
        "group_concat(c.name, '; ') AS classes FROM students s "
        "LEFT JOIN class_students cs ON cs.student_id = s.id "
        "LEFT JOIN classes c ON c.id = cs.class_id GROUP BY s.id "
        "ORDER BY s.last_name, s.first_name, s.id"),
    "classes": "SELECT id AS class_id, name, year_group, archived FROM classes ORDER BY name, id",
    "skills": ("SELECT id AS skill_id, name, icon, polarity, points, criteria, position, "
               "archived, class_id FROM skills ORDER BY polarity DESC, position, name"),
}


def _skill(r: sqlite3.Row | tuple[Any, ...]) -> Skill:
    return Skill(r[0], r[1], r[2], Polarity(r[3]), int(r[4]), r[5], int(r[6]), bool(r[7]), r[8])


def _award(r: sqlite3.Row | tuple[Any, ...]) -> Award:
    return Award(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), r[6], r[7], bool(r[8]))


def paired_server_url(path: Path) -> str | None:
    """The server the device of the database at ``path`` is paired with, if any. Its own
    short connection: sync asks from its threads."""
    conn = connect(path)
    try:
        row = conn.execute("SELECT server_url FROM sync_state LIMIT 1").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else None
