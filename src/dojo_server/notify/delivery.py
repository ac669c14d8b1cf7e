"""Sending due notices: one email per guardian with everything due, in their language."""

from __future__ import annotations

import gettext
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from dojo_server.db.family_models import FamilyNotice, Guardian
from dojo_server.db.models import School
from dojo_server.db.read_models import MessageView, StoryView, StudentView
from dojo_server.db.session import Database
from dojo_server.notify.mailer import Mail, SmtpMailer
from dojo_server.notify.notices import collect
from dojo_server.notify.unsubscribe import unsubscribe_token

log = logging.getLogger(__name__)
Catalogue = Callable[[str], gettext.NullTranslations]
EXCERPT = 300
RETRY_FIRST_MS = 5 * 60_000
RETRY_MAX_MS = 6 * 3_600_000


def N_(text: str) -> str:
    """Marks ``text`` for the catalogues; it is translated when the email is written."""
    return text


SUBJECT_MESSAGE = N_("New message about %(name)s")
SUBJECT_NEWS = N_("News from %(school)s")
GREETING = N_("Hello %(name)s,")
MESSAGE_LINE = N_("%(sender)s wrote about %(child)s:")
ANNOUNCEMENT_LINE = N_("An announcement for %(child)s's class:")
STORY_LINE = N_("A new post for %(child)s:")
READ_MORE = N_("Read and reply on the school portal:")
FOOTER = N_("You get these emails because you joined the school portal. To stop them, "
            "open:")


@dataclass(frozen=True)
class MailPlan:
    """Where links point and when mail may go (see notices.collect)."""

    portal_url: str
    quiet: tuple[int, int, int]


def deliver(db: Database, mailer: SmtpMailer, catalogue: Catalogue, plan: MailPlan,
            now_ms: int) -> int:
    """Collect new notices, then send what is due; returns how many emails went out."""
    with db.read() as session:
        school_ids = list(session.scalars(select(School.id)))
    for school_id in school_ids:
        with db.write() as session:
            collect(session, school_id, plan.quiet)
    with db.read() as session:
        due = session.execute(
            select(FamilyNotice.id, FamilyNotice.guardian_id)
            .where(FamilyNotice.sent_ms.is_(None), FamilyNotice.due_ms <= now_ms)
            .order_by(FamilyNotice.guardian_id, FamilyNotice.due_ms)).all()
    by_guardian: dict[str, list[str]] = {}
    for notice_id, guardian_id in due:
        by_guardian.setdefault(guardian_id, []).append(notice_id)
    sent = 0
    for guardian_id, ids in by_guardian.items():
        try:
            mail = _claim(db, guardian_id, ids, catalogue, plan, now_ms)
            if mail is None:
                continue
            mailer.send(mail)
            sent += 1
        except Exception:  # this family's mail only: the others' still go out
            log.exception("could not send a portal email to guardian %s; it is tried again "
                          "later", guardian_id)
            _release(db, ids, now_ms)
    return sent


def retry_delay_ms(attempts: int) -> int:
    """How long a notice waits after its ``attempts``-th failed send: 5 minutes, doubling,
    at most 6 hours (a full mailbox or a server that refuses the address for a while)."""
    return int(min(RETRY_FIRST_MS * 2 ** max(attempts - 1, 0), RETRY_MAX_MS))


def _release(db: Database, ids: list[str], now_ms: int) -> None:
    """Unclaim notices whose email failed, and put them off by the retry delay."""
    with db.write() as session:
        for notice in session.scalars(select(FamilyNotice).where(FamilyNotice.id.in_(ids))):
            notice.attempts += 1
            notice.sent_ms = None
            notice.due_ms = now_ms + retry_delay_ms(notice.attempts)


def _claim(db: Database, guardian_id: str, ids: list[str], catalogue: Catalogue,
           plan: MailPlan, now_ms: int) -> Mail | None:
    """Mark the notices sent (so no other server process sends them) and write the mail.

    None when there is nothing to send: claimed elsewhere, no email or unsubscribed.
    """
    with db.write() as session:
        claimed = cast(CursorResult[Any], session.execute(update(FamilyNotice).where(
            FamilyNotice.id.in_(ids), FamilyNotice.sent_ms.is_(None))
            .values(sent_ms=now_ms).execution_options(synchronize_session=False)))
        guardian = session.get(Guardian, guardian_id)
        if claimed.rowcount != len(ids) or guardian is None or not guardian.email \
                or not guardian.email_notifications:
            return None
        notices = session.scalars(select(FamilyNotice).where(FamilyNotice.id.in_(ids))
                                  .order_by(FamilyNotice.due_ms)).all()
        school = session.get(School, guardian.school_id)
        _ = catalogue(guardian.language).gettext
        base = plan.portal_url.rstrip("/")
        parts = [_(GREETING) % {"name": guardian.name}]
        subject = _(SUBJECT_NEWS) % {"school": school.name if school else ""}
        for notice in notices:
            student = session.get(StudentView, (notice.school_id, notice.student_id or ""))
            child = student.first_name if student else ""
            if notice.kind == "story":
                story = session.get(StoryView, (notice.school_id, notice.ref_id))
                if story is None or story.deleted:
                    continue
                parts += [_(STORY_LINE) % {"child": child}, _excerpt(story.text),
                          f"{base}/child/{notice.student_id}/story"]
                continue
            message = session.get(MessageView, (notice.school_id, notice.ref_id))
            if message is None:
                continue
            if notice.kind == "message":
                subject = _(SUBJECT_MESSAGE) % {"name": child}
                line = _(MESSAGE_LINE) % {"sender": message.sender_name, "child": child}
            else:
                line = _(ANNOUNCEMENT_LINE) % {"child": child}
            parts += [line, _excerpt(message.body),
                      f"{base}/child/{notice.student_id}/messages/{message.thread_id}"]
        if len(parts) == 1:
            return None
        unsubscribe = f"{base}/unsubscribe/{guardian.id}/{unsubscribe_token(session, guardian.id)}"
        parts += [_(READ_MORE), f"{base}/", "--", _(FOOTER), unsubscribe]
        return Mail(guardian.email, subject, "\n\n".join(parts), unsubscribe)


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"
