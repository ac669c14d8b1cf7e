"""Which families have joined: per child, the guardians linked and the invite codes still
open; the children no family has joined yet (the console's Families pages and
``dojo-server families``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dojo_server.db.family_models import InviteCode
from dojo_server.db.read_models import ClassMember, GuardianLink, StudentView
from dojo_server.db.session import Database
from dojo_server.domain.clock import now_ms
from dojo_server.domain.roster_admin import ChildInfo, ClassInfo, class_children, list_classes


@dataclass(frozen=True)
class JoinedGuardian:
    """A guardian linked to a child, since ``linked_ms``."""

    guardian_id: str
    name: str
    linked_ms: int


@dataclass(frozen=True)
class ChildFamilies:
    """One child: the guardians who joined and when their open codes expire (newest first)."""

    child: ChildInfo
    guardians: tuple[JoinedGuardian, ...]
    open_codes: tuple[int, ...]  # expiry of each unused, unexpired invite code


def class_families(db: Database, school_id: str, class_id: str) -> tuple[
        ClassInfo, list[ChildFamilies]]:
    """The class and, for each of its children, who joined and which codes are open."""
    klass, children = class_children(db, school_id, class_id)
    ids = [c.id for c in children]
    now = now_ms()
    guardians: dict[str, list[JoinedGuardian]] = {}
    codes: dict[str, list[int]] = {}
    with db.read() as session:
        for link in session.scalars(select(GuardianLink).where(
                GuardianLink.school_id == school_id, GuardianLink.student_id.in_(ids))
                .order_by(GuardianLink.linked_ms)):
            guardians.setdefault(link.student_id, []).append(
                JoinedGuardian(link.guardian_id, link.name, link.linked_ms))
        for student_id, expires in session.execute(select(
                InviteCode.student_id, InviteCode.expires_ms).where(
                InviteCode.school_id == school_id, InviteCode.student_id.in_(ids),
                InviteCode.used_by.is_(None), InviteCode.expires_ms > now)
                .order_by(InviteCode.expires_ms.desc())):
            codes.setdefault(student_id, []).append(expires)
    return klass, [ChildFamilies(c, tuple(guardians.get(c.id, ())), tuple(codes.get(c.id, ())))
                   for c in children]


def children_without_family(db: Database, school_id: str) -> list[tuple[ClassInfo,
                                                                        list[ChildInfo]]]:
    """For each current class, its children no guardian has joined for, by name."""
    classes = {c.id: c for c in list_classes(db, school_id) if not c.archived}
    joined = select(GuardianLink.student_id).where(GuardianLink.school_id == school_id)
    with db.read() as session:
        rows = session.execute(
            select(ClassMember.class_id, StudentView)
            .join(StudentView, (StudentView.school_id == ClassMember.school_id)
                  & (StudentView.id == ClassMember.student_id))
            .where(ClassMember.school_id == school_id, StudentView.archived.is_(False),
                   StudentView.id.not_in(joined))
            .order_by(StudentView.first_name, StudentView.last_name, StudentView.id)).all()
    alone: dict[str, list[ChildInfo]] = {}
    for class_id, student in rows:
        if class_id in classes:
            alone.setdefault(class_id, []).append(
                ChildInfo(student.id, student.first_name, student.last_name, ()))
    return [(klass, alone[class_id]) for class_id, klass in classes.items()
            if class_id in alone]
