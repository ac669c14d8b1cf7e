"""A new device's first sync replaces every table but the device's own (sync/first_sync_tables.py):
each table must be one or the other, decided when it is added."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dojo_desktop.store.database import prepare_database
from dojo_desktop.sync.first_sync_tables import LOCAL_TABLES

SCHOOL_TABLES = {
    "award_undos", "awards", "class_students", "classes", "guardian_links", "guardians",
    "message_attachments", "message_receipts", "messages", "pulled_events", "records",
    "settings",
    "skills", "stories", "story_attachments", "story_classes", "story_deletions", "students",
}


def test_every_table_is_the_devices_or_the_schools(tmp_path: Path) -> None:
    prepared = prepare_database(tmp_path)
    conn = sqlite3.connect(prepared.path)
    try:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()
    assert tables >= LOCAL_TABLES
    assert tables - LOCAL_TABLES == SCHOOL_TABLES, (
        "a new table: add it to LOCAL_TABLES if it belongs to this device (a first sync "
        "must keep it), or to SCHOOL_TABLES here if it holds what the school sends")
