"""Messages between staff and families: threads, receipts and the events that carry them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from dojo_desktop.core.events import Event, EventKind
from dojo_desktop.core.hlc import Hlc

_THREADS = uuid.UUID("0192f0a4-5b7e-7c3d-9a1e-6d0f2b8c4e51")


class Party(StrEnum):
    """Who wrote or read a message."""

    STAFF = "staff"
    GUARDIAN = "guardian"


def student_thread_id(student_id: str) -> str:
    """The one thread between staff and a student's guardians, the same on every device."""
    return str(uuid.uuid5(_THREADS, f"student:{student_id}"))


def class_thread_id(class_id: str) -> str:
    """The thread of announcements to every family of a class."""
    return str(uuid.uuid5(_THREADS, f"class:{class_id}"))


@dataclass(frozen=True)
class Guardian:
    """A family member linked to a student by the school server."""

    id: str
    name: str
    language: str = ""


@dataclass(frozen=True)
class Message:
    """One message with what is known about who has read it."""

    id: str
    thread_id: str
    student_id: str | None
    class_id: str | None
    body: str
    attachments: tuple[str, ...]
    sender: Party
    sender_name: str
    at_ms: int
    urgent: bool = False
    send_after_ms: int | None = None
    read_by: int = 0  # guardians who have read it (for staff messages)
    readers_possible: int = 0  # guardians who could
    read_by_staff: bool = False  # for a family's message
    waiting_to_send: bool = False
    refused: bool = False  # the school server would not take it: families never got it


@dataclass(frozen=True)
class ThreadSummary:
    """A row in the thread list."""

    thread_id: str
    student_id: str | None
    class_id: str | None
    title: str
    last_body: str
    last_at_ms: int
    unread: int
    guardians: int


def message_sent(hlc: Hlc, *, message_id: str, thread_id: str, body: str, at_ms: int,
                 student_id: str | None = None, class_id: str | None = None,
                 attachments: list[str] | None = None, urgent: bool = False,
                 send_after_ms: int | None = None, sender_name: str = "") -> Event:
    """A staff message to one student's guardians or (``class_id``) to a class's families."""
    if (student_id is None) == (class_id is None):
        raise ValueError("a message is for one student's guardians or one class's families")
    payload: dict[str, object] = {
        "message_id": message_id, "thread_id": thread_id, "body": body,
        "attachments": list(attachments or []), "urgent": urgent,
        "send_after_ms": send_after_ms, "sender": Party.STAFF.value,
        "sender_name": sender_name, "at_ms": at_ms,
    }
    payload["student_id" if student_id else "class_id"] = student_id or class_id
    return Event(EventKind.MESSAGE_SENT, hlc, payload)


def message_read(hlc: Hlc, *, message_id: str, at_ms: int) -> Event:
    """Staff have read a family's message (a receipt is an event of its own)."""
    return Event(EventKind.MESSAGE_READ, hlc,
                 {"message_id": message_id, "reader": Party.STAFF.value, "at_ms": at_ms})
