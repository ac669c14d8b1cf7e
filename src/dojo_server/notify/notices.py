"""Who hears about what, and when: notices made from the event log, due out of quiet hours.

A staff message to a child's thread is due at once (or at its ``send_after_ms``), moved to
the end of the school's quiet hours unless urgent. Class announcements and stories wait
for the daily digest. Each notice is sent once.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_server.db.family_models import FamilyNotice, NotifyState
from dojo_server.db.models import EventRow, School
from dojo_server.db.read_models import ClassMember, GuardianLink, StoryClass, StoryView
from dojo_server.domain.clock import new_id


@dataclass(frozen=True)
class Hours:
    """The school's mail hours, in its own time."""

    timezone: str
    quiet_start: int
    quiet_end: int
    digest: int


def instant_due(at_ms: int, hours: Hours) -> int:
    """``at_ms``, or the end of quiet hours if it falls inside them."""
    zone = zoneinfo.ZoneInfo(hours.timezone)
    local = dt.datetime.fromtimestamp(at_ms / 1000, zone)
    start, end = hours.quiet_start, hours.quiet_end
    quiet = (local.hour >= start or local.hour < end) if start > end \
        else start <= local.hour < end
    if not quiet:
        return at_ms
    day = local.date() if local.hour < end else local.date() + dt.timedelta(days=1)
    return _at(day, end, zone)


def digest_due(at_ms: int, hours: Hours) -> int:
    """The next daily digest at or after ``at_ms``."""
    zone = zoneinfo.ZoneInfo(hours.timezone)
    local = dt.datetime.fromtimestamp(at_ms / 1000, zone)
    due = _at(local.date(), hours.digest, zone)
    return due if due >= at_ms else _at(local.date() + dt.timedelta(days=1), hours.digest, zone)


def _at(day: dt.date, hour: int, zone: zoneinfo.ZoneInfo) -> int:
    return int(dt.datetime.combine(day, dt.time(hour), zone).timestamp() * 1000)


def collect(session: Session, school_id: str, quiet: tuple[int, int, int]) -> int:
    """Turn the school's new events into notices, in the caller's write transaction.

    ``quiet`` is (quiet hours start, quiet hours end, digest hour) in school time.
    """
    school = session.get(School, school_id)
    if school is None:
        return 0
    hours = Hours(school.timezone, *quiet)
    state = session.get(NotifyState, school_id, with_for_update=True)
    if state is None:
        state = NotifyState(school_id=school_id, last_seq=0)
        session.add(state)
    # The newest seq first, then the events up to it: on PostgreSQL each statement sees
    # newer commits, and an event committed in between must not be skipped.
    last = session.scalar(select(EventRow.server_seq).where(EventRow.school_id == school_id)
                          .order_by(EventRow.server_seq.desc()).limit(1)) or 0
    rows = session.execute(
        select(EventRow.server_seq, EventRow.kind, EventRow.payload)
        .where(EventRow.school_id == school_id, EventRow.server_seq > state.last_seq,
               EventRow.server_seq <= last,
               EventRow.kind.in_(("message_sent", "story_posted", "story_updated")))
        .order_by(EventRow.server_seq)).all()
    made = 0
    for seq, kind, text in rows:
        made += _notices_for(session, school_id, seq, kind, json.loads(text), hours)
    state.last_seq = max(state.last_seq, last)
    return made


def _notices_for(session: Session, school_id: str, seq: int, kind: str,
                 p: dict[str, Any], hours: Hours) -> int:
    """Notices for one event, to the guardians who were linked before it."""
    if kind == "message_sent":
        if p.get("sender", "staff") != "staff":
            return 0
        sent = max(p.get("send_after_ms") or 0, p["at_ms"])
        student_id = p.get("student_id")
        if isinstance(student_id, str):
            due = sent if p.get("urgent") else instant_due(sent, hours)
            return _add(session, school_id, "message", p["message_id"], due,
                        _guardians_of_students(session, school_id, seq, [student_id]))
        students = _students_in(session, school_id, [p.get("class_id") or ""])
        return _add(session, school_id, "announcement", p["message_id"],
                    digest_due(sent, hours),
                    _guardians_of_students(session, school_id, seq, students))
    state = p.get("state") if kind == "story_posted" else p.get("fields", {}).get("state")
    published = state == "published"
    story = session.get(StoryView, (school_id, p["story_id"])) if published else None
    if story is None or story.deleted or story.state != "published":
        return 0
    if story.scope == "school":
        guardians = session.execute(select(GuardianLink.guardian_id, GuardianLink.student_id)
                                    .where(GuardianLink.school_id == school_id,
                                           GuardianLink.linked_seq < seq)).all()
        pairs = [(g, s) for g, s in guardians]
    elif story.scope == "student" and story.student_id:
        pairs = _guardians_of_students(session, school_id, seq, [story.student_id])
    else:
        classes = list(session.scalars(select(StoryClass.class_id).where(
            StoryClass.school_id == school_id, StoryClass.story_id == story.id)))
        pairs = _guardians_of_students(session, school_id, seq,
                                       _students_in(session, school_id, classes))
    return _add(session, school_id, "story", story.id, digest_due(story.at_ms, hours), pairs)


def _students_in(session: Session, school_id: str, class_ids: list[str]) -> list[str]:
    return list(session.scalars(select(ClassMember.student_id).where(
        ClassMember.school_id == school_id, ClassMember.class_id.in_(class_ids))))


def _guardians_of_students(session: Session, school_id: str, seq: int,
                           student_ids: list[str]) -> list[tuple[str, str]]:
    rows = session.execute(select(GuardianLink.guardian_id, GuardianLink.student_id).where(
        GuardianLink.school_id == school_id, GuardianLink.student_id.in_(student_ids),
        GuardianLink.linked_seq < seq))
    return [(g, s) for g, s in rows]


def _add(session: Session, school_id: str, kind: str, ref_id: str, due_ms: int,
         pairs: list[tuple[str, str]]) -> int:
    """One notice per guardian (the first of their children it concerns)."""
    children: dict[str, str] = {}
    for guardian_id, student_id in sorted(pairs):
        children.setdefault(guardian_id, student_id)
    if not children:
        return 0
    known = set(session.scalars(select(FamilyNotice.guardian_id).where(
        FamilyNotice.kind == kind, FamilyNotice.ref_id == ref_id,
        FamilyNotice.guardian_id.in_(list(children)))))
    for guardian_id, student_id in children.items():
        if guardian_id not in known:
            session.add(FamilyNotice(id=new_id(), school_id=school_id, guardian_id=guardian_id,
                                     kind=kind, ref_id=ref_id, student_id=student_id,
                                     due_ms=due_ms, sent_ms=None))
    return len(children) - len(known)
