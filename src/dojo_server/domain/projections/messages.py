"""Messages, read receipts and guardian links from their events (append-only, first wins)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from dojo_server.db.read_models import GuardianLink, MessageRead, MessageView
from dojo_server.domain.projections.authors import signed_name
from dojo_server.domain.projections.base import Applier, LoggedEvent, as_json


def _message_sent(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    if session.get(MessageView, (school_id, p["message_id"])) is not None:
        return
    session.add(MessageView(
        school_id=school_id, id=p["message_id"], thread_id=p["thread_id"],
        student_id=p.get("student_id"), class_id=p.get("class_id"), body=p["body"],
        attachments=as_json(p.get("attachments", [])), urgent=bool(p.get("urgent", False)),
        send_after_ms=p.get("send_after_ms"), sender=p.get("sender", "staff"),
        guardian_id=p.get("guardian_id"),
        sender_name=signed_name(session, school_id, p, "sender_name"),
        at_ms=p["at_ms"], server_seq=event.server_seq))


def _message_read(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    reader = p.get("reader", "staff")
    reader_id = p["guardian_id"] if reader == "guardian" else event.device_id
    key = (school_id, p["message_id"], reader, reader_id)
    if session.get(MessageRead, key) is None:
        session.add(MessageRead(school_id=school_id, message_id=p["message_id"],
                                reader=reader, reader_id=reader_id, at_ms=p["at_ms"]))


def _guardian_linked(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    row = session.get(GuardianLink, (school_id, p["guardian_id"], p["student_id"]))
    if row is None:
        session.add(GuardianLink(school_id=school_id, guardian_id=p["guardian_id"],
                                 student_id=p["student_id"], name=p["name"],
                                 linked_ms=p["at_ms"], linked_seq=event.server_seq))
    else:
        row.name = p["name"]


def _guardian_unlinked(session: Session, school_id: str, event: LoggedEvent) -> None:
    p = event.payload
    session.flush()
    session.execute(delete(GuardianLink).where(
        GuardianLink.school_id == school_id, GuardianLink.guardian_id == p["guardian_id"],
        GuardianLink.student_id == p["student_id"]))


APPLIERS: dict[str, Applier] = {
    "message_sent": _message_sent,
    "message_read": _message_read,
    "guardian_linked": _guardian_linked,
    "guardian_unlinked": _guardian_unlinked,
}
