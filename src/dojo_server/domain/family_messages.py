"""A family's message threads: reading them (with receipts) and replying, with a photo.

A family sees the messages of their child's thread and the announcements of the child's
classes, never a staff message whose quiet-hours time (``send_after_ms``) is still ahead.
Replies go to the child's thread only (a family may start it): an answer to a class
announcement would reach every family of the class.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from dojo_protocol.limits import MAX_MESSAGE_BODY
from dojo_server.db.read_models import MessageRead, MessageView
from dojo_server.db.session import Database
from dojo_server.domain.blobs import keep_school_blob
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.family_auth import FamilyError, FamilyMember
from dojo_server.domain.family_view import Child, require_child
from dojo_server.domain.photos import clean_photo
from dojo_server.domain.portal_log import append_events


@dataclass(frozen=True)
class Message:
    id: str
    body: str
    attachments: list[str]
    sender: str
    sender_name: str
    at_ms: int
    urgent: bool
    mine: bool


@dataclass(frozen=True)
class ThreadSummary:
    thread_id: str
    for_child: bool  # False: a class announcement
    class_id: str | None
    last: Message
    unread: int


@dataclass(frozen=True)
class Thread:
    thread_id: str
    for_child: bool
    messages: list[Message]


def _visible(member: FamilyMember, child: Child, at_ms: int) -> ColumnElement[bool]:
    return and_(
        MessageView.school_id == member.school_id,
        or_(MessageView.student_id == child.student_id,
            and_(MessageView.student_id.is_(None),
                 MessageView.class_id.in_(child.class_ids))),
        or_(MessageView.sender == "guardian", MessageView.send_after_ms.is_(None),
            MessageView.send_after_ms <= at_ms))


def _message(row: MessageView, member: FamilyMember) -> Message:
    return Message(row.id, row.body, json.loads(row.attachments), row.sender,
                   row.sender_name, row.at_ms, row.urgent,
                   row.sender == "guardian" and row.guardian_id == member.guardian_id)


def _read_by(session: Session, member: FamilyMember, message_ids: list[str]) -> set[str]:
    return set(session.scalars(select(MessageRead.message_id).where(
        MessageRead.school_id == member.school_id, MessageRead.reader == "guardian",
        MessageRead.reader_id == member.guardian_id,
        MessageRead.message_id.in_(message_ids))))


def threads(db: Database, member: FamilyMember,
            student_id: str) -> tuple[Child, list[ThreadSummary]]:
    """The child's threads, the latest message first."""
    with db.read() as session:
        child = require_child(session, member, student_id)
        rows = session.scalars(select(MessageView).where(_visible(member, child, now_ms()))
                               .order_by(MessageView.server_seq)).all()
        read = _read_by(session, member, [r.id for r in rows if r.sender == "staff"])
    grouped: dict[str, list[MessageView]] = {}
    for row in rows:
        grouped.setdefault(row.thread_id, []).append(row)
    summaries = [
        ThreadSummary(thread_id, any(r.student_id for r in group),
                      next((r.class_id for r in group if r.class_id), None),
                      _message(group[-1], member),
                      sum(1 for r in group if r.sender == "staff" and r.id not in read))
        for thread_id, group in grouped.items()]
    summaries.sort(key=lambda s: s.last.at_ms, reverse=True)
    return child, summaries


def open_thread(db: Database, member: FamilyMember, student_id: str,
                thread_id: str) -> tuple[Child, Thread, int]:
    """The thread's messages; staff messages not yet read get a receipt event each.

    Returns the child, the thread and how many receipts were written.
    """
    now = now_ms()
    with db.write() as session:
        child, rows = _thread_rows(session, member, student_id, thread_id, now)
        unread = sorted(set(r.id for r in rows if r.sender == "staff")
                        - _read_by(session, member, [r.id for r in rows]))
        if unread:
            append_events(session, member.school_id, [("message_read", {
                "message_id": message_id, "reader": "guardian",
                "guardian_id": member.guardian_id, "at_ms": now}) for message_id in unread])
        thread = Thread(thread_id, any(r.student_id for r in rows),
                        [_message(r, member) for r in rows])
    return child, thread, len(unread)


def _thread_rows(session: Session, member: FamilyMember, student_id: str, thread_id: str,
                 at_ms: int) -> tuple[Child, list[MessageView]]:
    child = require_child(session, member, student_id)
    rows = list(session.scalars(select(MessageView).where(
        _visible(member, child, at_ms), MessageView.thread_id == thread_id)
        .order_by(MessageView.server_seq)))
    if not rows:
        raise FamilyError("not_found")
    return child, rows


def reply(db: Database, blobs_dir: Path, member: FamilyMember, student_id: str,
          thread_id: str | None, body: str, photo: bytes | None,
          max_photo_bytes: int) -> str:
    """Append the family's message (and its cleaned photo) to the child's thread; with no
    ``thread_id`` it starts the child's conversation. Returns the thread's id."""
    body = body.strip()
    if not body:
        raise FamilyError("empty_message")
    if len(body) > MAX_MESSAGE_BODY:
        raise FamilyError("message_too_long")
    cleaned = clean_photo(photo, max_photo_bytes) if photo else None
    now = now_ms()
    with db.write() as session:
        if thread_id is None:
            child, thread_id = require_child(session, member, student_id), new_id()
        else:
            child, rows = _thread_rows(session, member, student_id, thread_id, now)
            if not any(r.student_id == child.student_id for r in rows):
                raise FamilyError("announcement")
        attachments = [keep_school_blob(session, blobs_dir, member.school_id, cleaned)] \
            if cleaned else []
        payload: dict[str, Any] = {
            "message_id": new_id(), "thread_id": thread_id, "student_id": child.student_id,
            "body": body, "attachments": attachments, "sender": "guardian",
            "guardian_id": member.guardian_id, "sender_name": member.name[:120],
            "at_ms": now}
        append_events(session, member.school_id, [("message_sent", payload)])
    return thread_id


def message_has_blob(session: Session, member: FamilyMember, child: Child,
                     sha256: str) -> bool:
    """True if a message the family can read names this attachment."""
    found = session.scalar(select(MessageView.id).where(
        _visible(member, child, now_ms()), MessageView.attachments.contains(sha256)).limit(1))
    return found is not None
