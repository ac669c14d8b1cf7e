"""Reads for the story and message screens, in plain SQL on a ``sqlite3`` connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from dojo_desktop.core.messages import Guardian, Message, Party, ThreadSummary
from dojo_desktop.core.stories import Story, StoryScope, StoryState
from dojo_desktop.store.database import connect

_STORY = (
    "SELECT s.id, s.scope, s.student_id, s.text, s.state, s.author_name, s.at_ms, "
    "s.review_comment, "
    "(SELECT group_concat(class_id) FROM (SELECT class_id FROM story_classes "
    " WHERE story_id = s.id ORDER BY class_id)), "
    "(SELECT group_concat(sha256) FROM (SELECT sha256 FROM story_attachments "
    " WHERE story_id = s.id ORDER BY position)), "
    "EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' "
    " AND o.kind IN ('story_posted', 'story_updated') "
    " AND json_extract(o.payload, '$.story_id') = s.id), "
    "EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'rejected' AND o.kind = 'story_posted' "
    " AND json_extract(o.payload, '$.story_id') = s.id) "
    "FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_deletions d WHERE d.story_id = s.id)")

# Guardians linked now to the family (or families) a message is for.
_AUDIENCE = (
    "SELECT l.guardian_id FROM guardian_links l WHERE l.linked = 1 AND (l.student_id = "
    "m.student_id OR l.student_id IN (SELECT cs.student_id FROM class_students cs "
    "WHERE cs.class_id = m.class_id))")

_MESSAGE = (
    "SELECT m.id, m.thread_id, m.student_id, m.class_id, m.body, m.sender, m.sender_name, "
    "m.at_ms, m.urgent, m.send_after_ms, "
    "(SELECT group_concat(sha256) FROM (SELECT sha256 FROM message_attachments "
    " WHERE message_id = m.id ORDER BY position)), "
    f"(SELECT COUNT(DISTINCT r.guardian_id) FROM message_receipts r WHERE r.message_id = m.id "
    f" AND r.reader = 'guardian' AND r.guardian_id IN ({_AUDIENCE})), "
    f"(SELECT COUNT(DISTINCT a.guardian_id) FROM ({_AUDIENCE}) a), "
    "EXISTS (SELECT 1 FROM message_receipts r WHERE r.message_id = m.id AND r.reader = 'staff'), "
    "EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' AND o.kind = 'message_sent' "
    " AND json_extract(o.payload, '$.message_id') = m.id), "
    "EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'rejected' AND o.kind = 'message_sent' "
    " AND json_extract(o.payload, '$.message_id') = m.id) "
    "FROM messages m")

_UNREAD = ("m.sender = 'guardian' AND NOT EXISTS (SELECT 1 FROM message_receipts r "
           "WHERE r.message_id = m.id AND r.reader = 'staff')")


class StoryReader:
    """Read-only queries for feeds, the approval queue, threads and receipts."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(path)

    def close(self) -> None:
        self._conn.close()

    # Stories ------------------------------------------------------------------------------

    def story(self, story_id: str) -> Story | None:
        rows = self._stories(" AND s.id = ?", (story_id,), 1)
        return rows[0] if rows else None

    def class_feed(self, class_id: str, limit: int = 100) -> list[Story]:
        """A class's posts (also those sent to several classes) and its approved student
        items, newest first."""
        return self._stories(
            " AND s.id IN (SELECT story_id FROM story_classes WHERE class_id = ?) "
            "AND (s.scope = 'class' OR s.state = 'published')", (class_id,), limit)

    def school_feed(self, limit: int = 100) -> list[Story]:
        return self._stories(" AND s.scope = 'school'", (), limit)

    def approval_queue(self, class_id: str) -> list[Story]:
        """Student items waiting for the teacher, oldest first."""
        rows = self._stories(
            " AND s.scope = 'student' AND s.state = 'pending' "
            "AND s.id IN (SELECT story_id FROM story_classes WHERE class_id = ?)",
            (class_id,), 500)
        return rows[::-1]

    def student_items(self, student_id: str, state: StoryState, limit: int = 20) -> list[Story]:
        return self._stories(" AND s.scope = 'student' AND s.student_id = ? AND s.state = ?",
                             (student_id, state.value), limit)

    def _stories(self, where: str, params: tuple[Any, ...], limit: int) -> list[Story]:
        rows = self._conn.execute(f"{_STORY}{where} ORDER BY s.at_ms DESC, s.id DESC LIMIT ?",
                                  (*params, limit)).fetchall()
        return [Story(r[0], StoryScope(r[1]), _split(r[8]), r[2], r[3], _split(r[9]),
                      StoryState(r[4]), r[5], int(r[6]), r[7], bool(r[10]), bool(r[11]))
                for r in rows]

    # Messages -----------------------------------------------------------------------------

    def student_messages(self, student_id: str, limit: int = 500) -> list[Message]:
        """Everything between staff and one student's family, oldest first, with receipts.

        Gathered by student, not thread id: a family may start a conversation of its own.
        """
        return self._messages("m.student_id = ?", student_id, limit)

    def class_announcements(self, class_id: str, limit: int = 500) -> list[Message]:
        return self._messages("m.class_id = ? AND m.student_id IS NULL", class_id, limit)

    def _messages(self, where: str, key: str, limit: int) -> list[Message]:
        rows = self._conn.execute(
            f"SELECT * FROM ({_MESSAGE} WHERE {where} "
            "ORDER BY m.at_ms DESC, m.id DESC LIMIT ?) ORDER BY 8, 1", (key, limit)).fetchall()
        return [_message(r) for r in rows]

    def unread_from_family(self, student_id: str) -> list[str]:
        """A family's messages that no member of staff has read yet."""
        return [r[0] for r in self._conn.execute(
            f"SELECT m.id FROM messages m WHERE m.student_id = ? AND {_UNREAD}", (student_id,))]

    def latest_thread_id(self, student_id: str) -> str | None:
        """The thread a student's conversation last went on in (a reply continues it)."""
        row = self._conn.execute("SELECT thread_id FROM messages WHERE student_id = ? "
                                 "ORDER BY at_ms DESC, id DESC LIMIT 1", (student_id,)).fetchone()
        return str(row[0]) if row else None

    def student_threads(self, class_id: str) -> list[ThreadSummary]:
        """One row per student of the class, whether or not a message was sent yet."""
        rows = self._conn.execute(
            "SELECT s.id, s.first_name || ' ' || s.last_name, "
            "(SELECT thread_id FROM messages m WHERE m.student_id = s.id "
            " ORDER BY m.at_ms DESC, m.id DESC LIMIT 1), "
            "(SELECT body FROM messages m WHERE m.student_id = s.id "
            " ORDER BY m.at_ms DESC, m.id DESC LIMIT 1), "
            "(SELECT MAX(at_ms) FROM messages m WHERE m.student_id = s.id), "
            f"(SELECT COUNT(*) FROM messages m WHERE m.student_id = s.id AND {_UNREAD}), "
            "(SELECT COUNT(*) FROM guardian_links l WHERE l.student_id = s.id AND l.linked = 1) "
            "FROM students s JOIN class_students cs ON cs.student_id = s.id "
            "WHERE cs.class_id = ? AND s.archived = 0 "
            "ORDER BY s.first_name COLLATE NOCASE, s.last_name COLLATE NOCASE, s.id",
            (class_id,)).fetchall()
        return [ThreadSummary(r[2] or "", r[0], None, r[1].strip(), r[3] or "", int(r[4] or 0),
                              int(r[5]), int(r[6])) for r in rows]

    def class_guardian_count(self, class_id: str) -> int:
        return int(self._conn.execute(
            "SELECT COUNT(DISTINCT l.guardian_id) FROM guardian_links l JOIN class_students cs "
            "ON cs.student_id = l.student_id WHERE cs.class_id = ? AND l.linked = 1",
            (class_id,)).fetchone()[0])

    def last_announcement(self, class_id: str) -> tuple[str, int] | None:
        row = self._conn.execute(
            "SELECT body, at_ms FROM messages WHERE class_id = ? AND student_id IS NULL "
            "ORDER BY at_ms DESC, id DESC LIMIT 1", (class_id,)).fetchone()
        return (row[0], int(row[1])) if row else None

    def unread_total(self, class_id: str) -> int:
        """Family messages not yet read by staff, across a class's students."""
        return int(self._conn.execute(
            f"SELECT COUNT(*) FROM messages m WHERE {_UNREAD} AND m.student_id IN "
            "(SELECT student_id FROM class_students WHERE class_id = ?)",
            (class_id,)).fetchone()[0])

    def guardians(self, student_id: str) -> list[Guardian]:
        return [Guardian(r[0], r[1], r[2]) for r in self._conn.execute(
            "SELECT g.id, g.name, g.language FROM guardians g JOIN guardian_links l "
            "ON l.guardian_id = g.id WHERE l.student_id = ? AND l.linked = 1 ORDER BY g.name",
            (student_id,))]

    # Attachments --------------------------------------------------------------------------

    def attachment(self, sha256: str) -> tuple[str, str, int, str] | None:
        """(name, mime, size, thumbnail path) of a file prepared on this device."""
        row = self._conn.execute("SELECT name, mime, size, thumbnail FROM attachments "
                                 "WHERE sha256 = ?", (sha256,)).fetchone()
        return (row[0], row[1], int(row[2]), row[3]) if row else None


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(",")) if joined else ()


def _message(r: sqlite3.Row | tuple[Any, ...]) -> Message:
    return Message(r[0], r[1], r[2], r[3], r[4], _split(r[10]), Party(r[5]), r[6], int(r[7]),
                   bool(r[8]), None if r[9] is None else int(r[9]), int(r[11]), int(r[12]),
                   bool(r[13]), bool(r[14]), bool(r[15]))
