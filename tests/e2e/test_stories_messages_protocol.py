"""Stories, messages and their files already travel through sync, before their screens
exist: files go up before the events that name them, and roles are enforced."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

import httpx
from school_kit import School

from dojo_desktop.core.events import EventKind
from dojo_desktop.core.ids import uuid7
from dojo_desktop.services.blobs import store_blob
from dojo_desktop.services.classroom import Classroom


def pulled(classroom: Classroom, kind: str) -> list[str]:
    conn = sqlite3.connect(classroom.ctx.db_path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT payload FROM pulled_events WHERE kind = ? AND error = ''", (kind,))]
    finally:
        conn.close()


def test_a_story_with_a_photo_reaches_another_device(school: School,
                                                     sync: Callable[[Classroom], None]) -> None:
    teacher = school.device("teacher-laptop", "teacher")
    group, _ = teacher.roster.create_class("4B")
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    digest, _ = store_blob(teacher.data_dir / "blobs", photo, ".png")
    assert digest == hashlib.sha256(photo).hexdigest()
    story_id = uuid7()
    teacher.ctx.record([teacher.ctx.event(EventKind.STORY_POSTED, {
        "story_id": story_id, "scope": "class", "class_id": group.id,
        "text": "Our volcano experiment!", "attachments": [digest], "state": "published",
        "at_ms": teacher.ctx.now_ms()})])
    sync(teacher)

    token = teacher.sync.token()
    head = httpx.head(f"{school.url}/v1/blobs/{digest}",
                      headers={"Authorization": f"Bearer {token}"})
    assert head.status_code == 200, "the photo was uploaded before the post"

    ta = school.device("ta-laptop", "ta")
    sync(ta)
    (payload,) = pulled(ta, "story_posted")
    assert story_id in payload and digest in payload


def test_a_ta_cannot_message_families(school: School,
                                      sync: Callable[[Classroom], None]) -> None:
    teacher = school.device("teacher-laptop", "teacher")
    group, _ = teacher.roster.create_class("4B")
    student, _ = teacher.roster.add_student(group.id, "Amira", "Khan")
    sync(teacher)
    ta = school.device("ta-laptop", "ta")
    sync(ta)
    ta.ctx.record([ta.ctx.event(EventKind.MESSAGE_SENT, {
        "message_id": uuid7(), "thread_id": uuid7(), "student_id": student.id,
        "body": "Amira was great today", "at_ms": ta.ctx.now_ms()})])
    sync(ta)
    ((item, reason),) = ta.sync.rejected()
    assert item.kind == "message_sent" and reason
    sync(teacher)
    assert pulled(teacher, "message_sent") == []

    teacher.ctx.record([teacher.ctx.event(EventKind.MESSAGE_SENT, {
        "message_id": uuid7(), "thread_id": uuid7(), "student_id": student.id,
        "body": "Amira was great today", "at_ms": teacher.ctx.now_ms()})])
    sync(teacher)
    sync(ta)
    assert len(pulled(ta, "message_sent")) == 1
