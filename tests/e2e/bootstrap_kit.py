"""Helpers for the first-sync tests: a school with history, engines with small pages, and
the whole content of a device's database to compare."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dojo_desktop.services.classroom import Classroom
from dojo_desktop.sync.engine import SyncEngine, SyncReport
from dojo_desktop.sync.first_sync_tables import LOCAL_TABLES
from dojo_desktop.sync.transport import HttpTransport

SMALL_PAGE = 40  # a school of a few hundred events then spans many pages


def small_page_engine(room: Classroom, page: int = SMALL_PAGE) -> SyncEngine:
    """The device's sync engine, catching up in pages of ``page`` events."""
    url, token = room.sync.server_url(), room.sync.token()
    assert url is not None and token is not None, "device is not paired"
    return SyncEngine(room.sync.store, HttpTransport(url, token), room.ctx.clock,
                      catch_up_page=page)


def sync_with_pages(room: Classroom, page: int = SMALL_PAGE) -> SyncReport:
    engine = small_page_engine(room, page)
    try:
        return engine.sync_once()
    finally:
        engine.transport.close()


def build_history(board: Classroom, taps: int = 120) -> str:
    """A class with awards (single, batch, undone), a renamed student, a school setting and
    a story post, all synced; returns the class id."""
    demo = board.create_demo_class()
    students = [s.id for s in board.roster.students(demo.id)]
    skills = [s.id for s in board.skills.list()]
    for tap in range(taps):
        chosen = students if tap % 25 == 0 else students[tap % 28:][:3]
        given = board.awards.give(demo.id, chosen, skills[tap % len(skills)])
        if tap % 9 == 4:
            board.awards.undo_batch(given.batch_id)
    board.roster.rename_student(students[3], "Zoë", "Ångström")
    board.settings.set_school_setting("timezone", "Europe/Paris")
    board.stories.post("Our trip to the museum", [demo.id])
    sync_with_pages(board, 500)
    return demo.id


def school_rows(room: Classroom) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the school's tables, sorted; pulled payloads compared as JSON (the
    bytes may differ in how letters beyond ASCII are escaped)."""
    conn = sqlite3.connect(room.ctx.db_path)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if name not in LOCAL_TABLES]
        rows = {}
        for table in tables:
            found = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            if table == "pulled_events":
                found = [(*row[:5], json.loads(row[5] or "null"), row[6]) for row in found]
            rows[table] = sorted(found, key=repr)
        rows["sync_state"] = conn.execute("SELECT cursor, epoch, hlc FROM sync_state").fetchall()
        return rows
    finally:
        conn.close()

