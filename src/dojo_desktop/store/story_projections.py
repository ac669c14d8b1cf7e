"""Applying story, message and guardian events: idempotent, delete wins, per-field LWW."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, delete, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.store.models import (
    GuardianLink,
    GuardianRow,
    MessageAttachment,
    MessageReceipt,
    MessageRow,
    StoryAttachment,
    StoryClass,
    StoryDeletion,
    StoryRow,
)

# The fields a story update may change, each with the column holding its HLC.
_STORY_FIELDS = {"text": StoryRow.text_hlc, "state": StoryRow.state_hlc,
                 "review_comment": StoryRow.review_comment_hlc}


def _story_posted(conn: Connection, event: Event, device_id: str) -> None:
    p = event.payload
    hlc = event.hlc.pack()
    inserted = conn.execute(sqlite_insert(StoryRow).values(
        id=p["story_id"], scope=p["scope"], student_id=p.get("student_id"), text=p["text"],
        text_hlc=hlc, attachments_hlc=hlc, state=p["state"], state_hlc=hlc,
        review_comment="", review_comment_hlc=hlc, author_name=p.get("author_name", ""),
        at_ms=p["at_ms"], device_id=device_id, hlc=hlc).on_conflict_do_nothing())
    if not inserted.rowcount:
        return  # applied before
    class_ids = p.get("class_ids") or ([p["class_id"]] if p.get("class_id") else [])
    if class_ids:
        conn.execute(insert(StoryClass), [{"story_id": p["story_id"], "class_id": c}
                                          for c in dict.fromkeys(class_ids)])
    _put_attachments(conn, StoryAttachment, "story_id", p["story_id"], p.get("attachments"))


def _story_updated(conn: Connection, event: Event, _device: str) -> None:
    story_id, fields = event.payload["story_id"], event.payload["fields"]
    unknown = set(fields) - set(_STORY_FIELDS) - {"attachments"}
    if unknown:
        raise ValueError(f"unknown story fields: {sorted(unknown)}")
    hlc = event.hlc.pack()
    for name, clock in _STORY_FIELDS.items():
        if name in fields:
            conn.execute(update(StoryRow).where(StoryRow.id == story_id, clock < hlc)
                         .values({name: fields[name], clock.key: hlc}))
    if "attachments" in fields:
        changed = conn.execute(update(StoryRow).where(
            StoryRow.id == story_id, StoryRow.attachments_hlc < hlc).values(attachments_hlc=hlc))
        if changed.rowcount:
            conn.execute(delete(StoryAttachment).where(StoryAttachment.story_id == story_id))
            _put_attachments(conn, StoryAttachment, "story_id", story_id, fields["attachments"])


def _story_deleted(conn: Connection, event: Event, _device: str) -> None:
    conn.execute(sqlite_insert(StoryDeletion).values(
        story_id=event.payload["story_id"], at_ms=event.payload["at_ms"],
        hlc=event.hlc.pack()).on_conflict_do_nothing())


def _message_sent(conn: Connection, event: Event, device_id: str) -> None:
    p = event.payload
    inserted = conn.execute(sqlite_insert(MessageRow).values(
        id=p["message_id"], thread_id=p["thread_id"], student_id=p.get("student_id"),
        class_id=p.get("class_id"), body=p["body"], urgent=bool(p.get("urgent", False)),
        send_after_ms=p.get("send_after_ms"), sender=p.get("sender", "staff"),
        guardian_id=p.get("guardian_id"), sender_name=p.get("sender_name", ""),
        at_ms=p["at_ms"], device_id=device_id, hlc=event.hlc.pack()).on_conflict_do_nothing())
    if inserted.rowcount:
        _put_attachments(conn, MessageAttachment, "message_id", p["message_id"],
                         p.get("attachments"))


def _message_read(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    conn.execute(sqlite_insert(MessageReceipt).values(
        message_id=p["message_id"], reader=p.get("reader", "staff"),
        guardian_id=p.get("guardian_id") or "", at_ms=p["at_ms"],
        hlc=event.hlc.pack()).on_conflict_do_nothing())


def _guardian_linked(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    hlc = event.hlc.pack()
    stmt = sqlite_insert(GuardianRow).values(
        id=p["guardian_id"], name=p["name"], language=p.get("language", ""), hlc=hlc)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[GuardianRow.id],
        set_={"name": stmt.excluded.name, "language": stmt.excluded.language,
              "hlc": stmt.excluded.hlc},
        where=GuardianRow.hlc < stmt.excluded.hlc))
    _set_link(conn, p["guardian_id"], p["student_id"], True, hlc)


def _guardian_unlinked(conn: Connection, event: Event, _device: str) -> None:
    p = event.payload
    _set_link(conn, p["guardian_id"], p["student_id"], False, event.hlc.pack())


def _set_link(conn: Connection, guardian_id: str, student_id: str, linked: bool,
              hlc: str) -> None:
    stmt = sqlite_insert(GuardianLink).values(
        guardian_id=guardian_id, student_id=student_id, linked=linked, hlc=hlc)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=[GuardianLink.guardian_id, GuardianLink.student_id],
        set_={"linked": stmt.excluded.linked, "hlc": stmt.excluded.hlc},
        where=GuardianLink.hlc < stmt.excluded.hlc))


def _put_attachments(conn: Connection, table: Any, key: str, owner: str,
                     attachments: list[str] | None) -> None:
    if attachments:
        conn.execute(insert(table), [{key: owner, "position": i, "sha256": sha}
                                     for i, sha in enumerate(attachments)])


STORY_APPLIERS: dict[str, Callable[[Connection, Event, str], None]] = {
    EventKind.STORY_POSTED: _story_posted,
    EventKind.STORY_UPDATED: _story_updated,
    EventKind.STORY_DELETED: _story_deleted,
    EventKind.MESSAGE_SENT: _message_sent,
    EventKind.MESSAGE_READ: _message_read,
    EventKind.GUARDIAN_LINKED: _guardian_linked,
    EventKind.GUARDIAN_UNLINKED: _guardian_unlinked,
}
