"""What a family may read: their children, points this period, today's target as the child's
own progress, the stories of their classes.

Every function starts from the signed-in guardian and a student id; a student who is not
theirs is "not found", exactly like one who does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import Session

from dojo_protocol.periods import PeriodKind, day_window_ms, school_day
from dojo_protocol.targets import Progress, progress, target_for_day
from dojo_server.db.read_models import (
    AwardUndoView,
    AwardView,
    ClassMember,
    ClassView,
    GuardianLink,
    SkillView,
    StoryClass,
    StoryView,
    StudentView,
    TargetView,
)
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.family_auth import FamilyError, FamilyMember
from dojo_server.domain.school_settings import points_period

PAGE_SIZE = 20
HISTORY_SIZE = 50


@dataclass(frozen=True)
class ClassRef:
    id: str
    name: str


@dataclass(frozen=True)
class Child:
    """One of the guardian's children and the classes they are in."""

    student_id: str
    first_name: str
    last_name: str
    classes: tuple[ClassRef, ...]

    @property
    def class_ids(self) -> list[str]:
        return [c.id for c in self.classes]


@dataclass(frozen=True)
class HistoryItem:
    """One award, as a family sees it: a skill and whether it was praise."""

    at_ms: int
    skill_name: str
    icon: str
    points: int
    class_name: str

    @property
    def positive(self) -> bool:
        return self.points > 0


@dataclass(frozen=True)
class Points:
    """The child's points this period (the school's, as the board counts them)."""

    total: int
    since: dt.date | None  # the period's first day; None when the school never resets
    weekly: bool
    history: list[HistoryItem]
    target: Progress | None = None  # today's target, if the child has one


@dataclass(frozen=True)
class Post:
    id: str
    scope: str
    text: str
    attachments: list[str]
    author_name: str
    at_ms: int


@dataclass(frozen=True)
class StoryPage:
    posts: list[Post]
    page: int
    has_next: bool


def children_of(db: Database, member: FamilyMember) -> list[Child]:
    with db.read() as session:
        ids = session.scalars(select(GuardianLink.student_id).where(
            GuardianLink.school_id == member.school_id,
            GuardianLink.guardian_id == member.guardian_id)).all()
        children = [_child(session, member.school_id, i) for i in ids]
    return sorted((c for c in children if c is not None),
                  key=lambda c: (c.first_name, c.last_name, c.student_id))


def require_child(session: Session, member: FamilyMember, student_id: str) -> Child:
    """The child if linked to this guardian; else FamilyError("not_found")."""
    linked = session.get(GuardianLink, (member.school_id, member.guardian_id, student_id))
    child = _child(session, member.school_id, student_id) if linked else None
    if child is None:
        raise FamilyError("not_found")
    return child


def _child(session: Session, school_id: str, student_id: str) -> Child | None:
    student = session.get(StudentView, (school_id, student_id))
    if student is None:
        return None
    classes = session.execute(
        select(ClassView.id, ClassView.name).join(
            ClassMember, and_(ClassMember.school_id == ClassView.school_id,
                              ClassMember.class_id == ClassView.id))
        .where(ClassMember.school_id == school_id, ClassMember.student_id == student_id)
        .order_by(ClassView.name)).all()
    return Child(student.id, student.first_name, student.last_name,
                 tuple(ClassRef(i, n) for i, n in classes))


def child_points(db: Database, member: FamilyMember, student_id: str,
                 at_ms: int | None = None) -> tuple[Child, Points]:
    """The child's points this period, by the school's own period and week start in school
    time (the rule the board counts by), and recent awards."""
    with db.read() as session:
        child = require_child(session, member, student_id)
        period, timezone = points_period(session, member.school_id)
        at_ms = at_ms or now_ms()
        since, (start_ms, end_ms) = (period.first_day(at_ms, timezone),
                                     period.window_ms(at_ms, timezone))
        kept = and_(AwardView.school_id == member.school_id,
                    AwardView.student_id == student_id, AwardUndoView.award_id.is_(None))
        undo_join = and_(AwardUndoView.school_id == AwardView.school_id,
                         AwardUndoView.award_id == AwardView.id)
        total = session.scalar(
            select(func.coalesce(func.sum(AwardView.points), 0))
            .outerjoin(AwardUndoView, undo_join).where(kept, AwardView.at_ms >= start_ms,
                   AwardView.at_ms < end_ms if end_ms is not None else true()))
        rows = session.execute(
            select(AwardView.at_ms, AwardView.points, SkillView.name, SkillView.icon,
                   ClassView.name)
            .outerjoin(AwardUndoView, undo_join)
            .outerjoin(SkillView, and_(SkillView.school_id == AwardView.school_id,
                                       SkillView.id == AwardView.skill_id))
            .outerjoin(ClassView, and_(ClassView.school_id == AwardView.school_id,
                                       ClassView.id == AwardView.class_id))
            .where(kept).order_by(AwardView.at_ms.desc(), AwardView.id)
            .limit(HISTORY_SIZE)).all()
        target = _today_target(session, member.school_id, student_id, at_ms, timezone)
    history = [HistoryItem(at, skill or "", icon or "", points, klass or "")
               for at, points, skill, icon, klass in rows]
    return child, Points(int(total or 0), since, period.kind is PeriodKind.WEEKLY, history,
                         target)


def _today_target(session: Session, school_id: str, student_id: str, at_ms: int,
                  timezone: str) -> Progress | None:
    """How far the child is toward today's target (the board's rule: the day's own target,
    else the standing one; today's points in school time in the target's class, only its
    skills if it names some)."""
    rows = session.execute(
        select(TargetView.scope, TargetView.class_id, TargetView.points, TargetView.skill_ids,
               TargetView.cleared)
        .where(TargetView.school_id == school_id, TargetView.student_id == student_id)).all()
    day = school_day(at_ms, timezone)
    target = target_for_day(
        ({"scope": scope, "points": points, "skill_ids": json.loads(skills),
          "cleared": cleared} for scope, _class, points, skills, cleared in rows), day)
    if target is None:
        return None
    class_id = next(class_id for scope, class_id, *_ in rows if scope == target.scope)
    start_ms, end_ms = day_window_ms(day, timezone)
    by_skill = session.execute(
        select(AwardView.skill_id, func.sum(AwardView.points))
        .outerjoin(AwardUndoView, and_(AwardUndoView.school_id == AwardView.school_id,
                                       AwardUndoView.award_id == AwardView.id))
        .where(AwardView.school_id == school_id, AwardView.student_id == student_id,
               AwardView.class_id == class_id, AwardUndoView.award_id.is_(None),
               AwardView.at_ms >= start_ms, AwardView.at_ms < end_ms)
        .group_by(AwardView.skill_id)).all()
    return progress(target, {skill_id: int(points) for skill_id, points in by_skill})


def _visible_stories(member: FamilyMember, child: Child) -> ColumnElement[bool]:
    in_classes = select(StoryClass.story_id).where(
        StoryClass.school_id == member.school_id, StoryClass.class_id.in_(child.class_ids))
    return and_(
        StoryView.school_id == member.school_id, StoryView.deleted.is_(False),
        StoryView.state == "published",
        or_(StoryView.scope == "school",
            and_(StoryView.scope == "class", StoryView.id.in_(in_classes)),
            and_(StoryView.scope == "student", StoryView.student_id == child.student_id)))


def story_page(db: Database, member: FamilyMember, student_id: str,
               page: int) -> tuple[Child, StoryPage]:
    """Published posts of the school, the child's classes and the child, newest first."""
    page = max(page, 0)
    with db.read() as session:
        child = require_child(session, member, student_id)
        rows = session.execute(
            select(StoryView.id, StoryView.scope, StoryView.text, StoryView.attachments,
                   StoryView.author_name, StoryView.at_ms)
            .where(_visible_stories(member, child))
            .order_by(StoryView.at_ms.desc(), StoryView.id.desc())
            .offset(page * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    posts = [Post(i, scope, text, json.loads(files), author, at)
             for i, scope, text, files, author, at in rows[:PAGE_SIZE]]
    return child, StoryPage(posts, page, len(rows) > PAGE_SIZE)


def story_has_blob(session: Session, member: FamilyMember, child: Child,
                   sha256: str) -> bool:
    """True if a post the family can read names this attachment."""
    found = session.scalar(select(StoryView.id).where(
        _visible_stories(member, child),
        StoryView.attachments.contains(sha256)).limit(1))
    return found is not None
