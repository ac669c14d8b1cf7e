"""Applying story, message and guardian events: idempotent, delete wins, per-field LWW."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from dojo_desktop.core.events import Event, EventKind

# The fields a story update may change, each with the column holding its HLC.
_STORY_FIELDS = {"text": "text_hlc", "state": "state_hlc",
                 "review_comment": "review_comment_hlc"}

_STORY_COLUMNS = ("id", "scope", "student_id", "text", "text_hlc", "attachments_hlc", "state",
                  "state_hlc", "review_comment", "review_comment_hlc", "author_name", "at_ms",
                  "device_id", "hlc")
_POST_STORY = (f"INSERT INTO stories ({', '.join(_STORY_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_STORY_COLUMNS))}) ON CONFLICT DO NOTHING")


def _story_posted(conn: sqlite3.Connection, event: Event, device_id: str) -> None:
    p = event.payload
    hlc = event.hlc.pack()
    inserted = conn.execute(_POST_STORY, (
        p["story_id"], p["scope"], p.get("student_id"), p["text"], hlc, hlc, p["state"], hlc,
        "", hlc, p.get("author_name", ""), p["at_ms"], device_id, hlc))
    if not inserted.rowcount:
        return  # applied before
    class_ids = p.get("class_ids") or ([p["class_id"]] if p.get("class_id") else [])
    conn.executemany("INSERT INTO story_classes (story_id, class_id) VALUES (?, ?)",
                     [(p["story_id"], c) for c in dict.fromkeys(class_ids)])
    _put_attachments(conn, "story_attachments", "story_id", p["story_id"],
                     p.get("attachments"))


def _story_updated(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    story_id, fields = event.payload["story_id"], event.payload["fields"]
    unknown = set(fields) - set(_STORY_FIELDS) - {"attachments"}
    if unknown:
        raise ValueError(f"unknown story fields: {sorted(unknown)}")
    hlc = event.hlc.pack()
    for name, clock in _STORY_FIELDS.items():
        if name in fields:
            conn.execute(f"UPDATE stories SET {name} = ?, {clock} = ? "
                         f"WHERE id = ? AND {clock} < ?", (fields[name], hlc, story_id, hlc))
    if "attachments" in fields:
        changed = conn.execute("UPDATE stories SET attachments_hlc = ? "
                               "WHERE id = ? AND attachments_hlc < ?", (hlc, story_id, hlc))
        if changed.rowcount:
            conn.execute("DELETE FROM story_attachments WHERE story_id = ?", (story_id,))
            _put_attachments(conn, "story_attachments", "story_id", story_id,
                             fields["attachments"])


def _story_deleted(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    conn.execute("INSERT INTO story_deletions (story_id, at_ms, hlc) VALUES (?, ?, ?) "
                 "ON CONFLICT DO NOTHING", (event.payload["story_id"], event.payload["at_ms"],
                                            event.hlc.pack()))


_MESSAGE_COLUMNS = ("id", "thread_id", "student_id", "class_id", "body", "urgent",
                    "send_after_ms", "sender", "guardian_id", "sender_name", "at_ms",
                    "device_id", "hlc")
_SEND_MESSAGE = (f"INSERT INTO messages ({', '.join(_MESSAGE_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(_MESSAGE_COLUMNS))}) ON CONFLICT DO NOTHING")


def _message_sent(conn: sqlite3.Connection, event: Event, device_id: str) -> None:
    p = event.payload
    inserted = conn.execute(_SEND_MESSAGE, (
        p["message_id"], p["thread_id"], p.get("student_id"), p.get("class_id"), p["body"],
        bool(p.get("urgent", False)), p.get("send_after_ms"), p.get("sender", "staff"),
        p.get("guardian_id"), p.get("sender_name", ""), p["at_ms"], device_id,
        event.hlc.pack()))
    if inserted.rowcount:
        _put_attachments(conn, "message_attachments", "message_id", p["message_id"],
                         p.get("attachments"))


def _message_read(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    conn.execute("INSERT INTO message_receipts (message_id, reader, guardian_id, at_ms, hlc) "
                 "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                 (p["message_id"], p.get("reader", "staff"), p.get("guardian_id") or "",
                  p["at_ms"], event.hlc.pack()))


def _guardian_linked(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    hlc = event.hlc.pack()
    conn.execute("INSERT INTO guardians (id, name, language, hlc) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                 "language = excluded.language, hlc = excluded.hlc "
                 "WHERE guardians.hlc < excluded.hlc",
                 (p["guardian_id"], p["name"], p.get("language", ""), hlc))
    _set_link(conn, p["guardian_id"], p["student_id"], True, hlc)


def _guardian_unlinked(conn: sqlite3.Connection, event: Event, _device: str) -> None:
    p = event.payload
    _set_link(conn, p["guardian_id"], p["student_id"], False, event.hlc.pack())


def _set_link(conn: sqlite3.Connection, guardian_id: str, student_id: str, linked: bool,
              hlc: str) -> None:
    conn.execute("INSERT INTO guardian_links (guardian_id, student_id, linked, hlc) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (guardian_id, student_id) DO UPDATE SET "
                 "linked = excluded.linked, hlc = excluded.hlc "
                 "WHERE guardian_links.hlc < excluded.hlc",
                 (guardian_id, student_id, linked, hlc))


def _put_attachments(conn: sqlite3.Connection, table: str, key: str, owner: str,
                     attachments: Sequence[str] | None) -> None:
    if attachments:
        conn.executemany(f"INSERT INTO {table} ({key}, position, sha256) VALUES (?, ?, ?)",
                         [(owner, i, sha) for i, sha in enumerate(attachments)])


STORY_APPLIERS: dict[str, Callable[[sqlite3.Connection, Event, str], None]] = {
    EventKind.STORY_POSTED: _story_posted,
    EventKind.STORY_UPDATED: _story_updated,
    EventKind.STORY_DELETED: _story_deleted,
    EventKind.MESSAGE_SENT: _message_sent,
    EventKind.MESSAGE_READ: _message_read,
    EventKind.GUARDIAN_LINKED: _guardian_linked,
    EventKind.GUARDIAN_UNLINKED: _guardian_unlinked,
}
