"""The school's view of its families: who is linked to each child, open invite codes,
unlinking a guardian, cancelling codes and the children no family has joined for.

What the staff console and the `dojo-server` families commands call. Each function takes
the school's id: a guardian, child or code of another school is "not found" here. After
``unlink_guardian`` the caller wakes long polls (a console request) or leaves devices to
find the event at their next pull (the command line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, and_, delete, exists, select
from sqlalchemy.orm import Session

from dojo_server.db.family_models import (
    FamilyNotice,
    Guardian,
    InviteCode,
    LoginLink,
    PortalSession,
)
from dojo_server.db.read_models import ClassMember, ClassView, GuardianLink, StudentView
from dojo_server.db.session import Database
from dojo_server.domain.auth import hash_secret
from dojo_server.domain.clock import now_ms
from dojo_server.domain.enrollment import normalize_code
from dojo_server.domain.family_auth import FamilyError
from dojo_server.domain.invites import cancel_open_codes
from dojo_server.domain.portal_log import append_events
from dojo_server.domain.projections import catch_up
from dojo_server.domain.schools import AdminError, require_school
from dojo_server.domain.sign_in_names import clean_login_name

CODE_ID_LENGTH = 16  # hex digits of the code's hash: names a code without giving it away


@dataclass(frozen=True)
class LinkedGuardian:
    """A guardian linked to a child, as the school sees them."""

    guardian_id: str
    name: str
    email: str | None
    login_name: str | None
    language: str
    linked_ms: int
    has_password: bool


@dataclass(frozen=True)
class OpenCode:
    """An invite code not used yet and not expired. The code itself is never kept."""

    code_id: str
    student_id: str
    created_ms: int
    expires_ms: int


@dataclass(frozen=True)
class ChildWithoutFamily:
    """A current student no guardian is linked to, with their classes and open codes."""

    student_id: str
    first_name: str
    last_name: str
    class_names: tuple[str, ...]
    open_codes: int


@dataclass(frozen=True)
class ChildFamily:
    """A current student of a class with the guardians linked to them."""

    student_id: str
    first_name: str
    last_name: str
    guardians: tuple[LinkedGuardian, ...]
    open_codes: int


def guardians_of(db: Database, school_id: str, student_id: str) -> list[LinkedGuardian]:
    """The guardians linked to the child, in the order they joined."""
    with db.read() as session:
        _require_student(session, require_school(db, school_id).id, student_id)
        rows = session.execute(
            select(Guardian, GuardianLink.linked_ms)
            .join(GuardianLink, GuardianLink.guardian_id == Guardian.id)
            .where(GuardianLink.school_id == school_id, GuardianLink.student_id == student_id)
            .order_by(GuardianLink.linked_seq)).all()
    return [_linked(g, linked_ms) for g, linked_ms in rows]


def open_codes(db: Database, school_id: str, student_id: str) -> list[OpenCode]:
    """The child's codes that would still let a family join, oldest first."""
    with db.read() as session:
        _require_student(session, require_school(db, school_id).id, student_id)
        codes = session.scalars(select(InviteCode).where(
            InviteCode.school_id == school_id, InviteCode.student_id == student_id,
            InviteCode.used_by.is_(None), InviteCode.expires_ms > now_ms())
            .order_by(InviteCode.created_ms, InviteCode.code_hash)).all()
    return [OpenCode(c.code_hash[:CODE_ID_LENGTH], c.student_id, c.created_ms, c.expires_ms)
            for c in codes]


def unlink_guardian(db: Database, school_id: str, guardian_id: str, student_id: str) -> int:
    """Take the guardian off the child: a ``guardian_unlinked`` event in the school's log
    (devices learn it at their next pull), the portal's link gone, and the guardian's
    portal sessions and sign-in links ended at once. Their unsent emails about the child
    are dropped. Returns the event's ``server_seq``, for the caller to wake long polls
    with (``ChangeNotifier.notify``). AdminError if the guardian is not linked."""
    school = require_school(db, school_id)
    with db.write() as session:
        catch_up(session, school.id)
        link = session.get(GuardianLink, (school.id, guardian_id, student_id))
        if link is None:
            raise AdminError("That guardian is not linked to that child at this school.",
                             "not_linked")
        [row] = append_events(session, school.id, [("guardian_unlinked", {
            "guardian_id": guardian_id, "student_id": student_id, "at_ms": now_ms()})])
        session.execute(delete(PortalSession).where(PortalSession.guardian_id == guardian_id))
        session.execute(delete(LoginLink).where(LoginLink.guardian_id == guardian_id))
        session.execute(delete(FamilyNotice).where(
            FamilyNotice.guardian_id == guardian_id, FamilyNotice.student_id == student_id,
            FamilyNotice.sent_ms.is_(None)))
        return row.server_seq


def cancel_codes(db: Database, school_id: str, *, student_id: str | None = None,
                 code_id: str | None = None, code: str | None = None) -> int:
    """Cancel a child's open codes, or one code named by its ``code_id`` (from
    :func:`open_codes`) or as printed (``code``). Returns how many were cancelled;
    AdminError when a named code is not an open code of this school."""
    if (student_id is None) + (code_id is None) + (code is None) != 2:
        raise AdminError("Name a child, a code's id or a code: one of them.")
    school = require_school(db, school_id)
    with db.write() as session:
        if student_id is not None:
            _require_student(session, school.id, student_id)
            return cancel_open_codes(session, school.id, [student_id])
        if code is not None:
            match = InviteCode.code_hash == hash_secret(normalize_code(code))
        elif code_id is not None and len(code_id) == CODE_ID_LENGTH \
                and all(c in "0123456789abcdef" for c in code_id):
            match = InviteCode.code_hash.startswith(code_id)
        else:
            raise AdminError(f"{code_id!r} is not the id of a code.")
        result = cast(CursorResult[Any], session.execute(delete(InviteCode).where(
            match, InviteCode.school_id == school.id, InviteCode.used_by.is_(None))
            .execution_options(synchronize_session=False)))
        if result.rowcount == 0:
            raise AdminError("There is no unused code like that at this school.")
        return result.rowcount


def children_without_family(db: Database, school_id: str,
                            class_id: str | None = None) -> list[ChildWithoutFamily]:
    """Current students (of one class, or the school) no guardian has joined for, by name."""
    school = require_school(db, school_id)
    with db.read() as session:  # every write keeps the read tables up to date
        if class_id is not None and session.get(ClassView, (school.id, class_id)) is None:
            raise AdminError(f"There is no class with id {class_id} at this school.",
                             "not_found")
        linked = exists().where(GuardianLink.school_id == StudentView.school_id,
                                GuardianLink.student_id == StudentView.id)
        query = select(StudentView).where(StudentView.school_id == school.id,
                                          StudentView.archived.is_(False), ~linked)
        if class_id is not None:
            query = query.where(exists().where(
                ClassMember.school_id == StudentView.school_id,
                ClassMember.student_id == StudentView.id, ClassMember.class_id == class_id))
        students = session.scalars(query.order_by(
            StudentView.first_name, StudentView.last_name, StudentView.id)).all()
        ids = [s.id for s in students]
        classes: dict[str, list[str]] = {}
        for student_id, name in session.execute(
                select(ClassMember.student_id, ClassView.name)
                .join(ClassView, and_(ClassView.school_id == ClassMember.school_id,
                                      ClassView.id == ClassMember.class_id))
                .where(ClassMember.school_id == school.id, ClassMember.student_id.in_(ids),
                       ClassView.archived.is_(False)).order_by(ClassView.name)):
            classes.setdefault(student_id, []).append(name)
        codes = _open_code_counts(session, school.id, ids)
    return [ChildWithoutFamily(s.id, s.first_name, s.last_name, tuple(classes.get(s.id, [])),
                               codes.get(s.id, 0)) for s in students]


def class_families(db: Database, school_id: str, class_id: str) -> list[ChildFamily]:
    """Each current child of the class, by name, with their guardians and open codes."""
    school = require_school(db, school_id)
    with db.read() as session:
        if session.get(ClassView, (school.id, class_id)) is None:
            raise AdminError(f"There is no class with id {class_id} at this school.",
                             "not_found")
        students = session.scalars(
            select(StudentView).join(ClassMember, and_(
                ClassMember.school_id == StudentView.school_id,
                ClassMember.student_id == StudentView.id))
            .where(StudentView.school_id == school.id, StudentView.archived.is_(False),
                   ClassMember.class_id == class_id)
            .order_by(StudentView.first_name, StudentView.last_name, StudentView.id)).all()
        ids = [s.id for s in students]
        guardians: dict[str, list[LinkedGuardian]] = {}
        for g, student_id, linked_ms in session.execute(
                select(Guardian, GuardianLink.student_id, GuardianLink.linked_ms)
                .join(GuardianLink, GuardianLink.guardian_id == Guardian.id)
                .where(GuardianLink.school_id == school.id,
                       GuardianLink.student_id.in_(ids))
                .order_by(GuardianLink.linked_seq)):
            guardians.setdefault(student_id, []).append(_linked(g, linked_ms))
        codes = _open_code_counts(session, school.id, ids)
    return [ChildFamily(s.id, s.first_name, s.last_name, tuple(guardians.get(s.id, [])),
                        codes.get(s.id, 0)) for s in students]


def set_sign_in_name(db: Database, school_id: str, guardian_id: str, login_name: str) -> str:
    """Give a guardian a sign-in name (one who joined with a password and no email before
    names existed could not sign in again); returns it as stored. AdminError if it is not
    a valid name or another family has it."""
    try:
        name = clean_login_name(login_name)
    except FamilyError as exc:
        raise AdminError("A sign-in name is 3 to 60 letters, digits, dots, dashes or "
                         "underscores, starting with a letter or digit.",
                         "bad_sign_in_name") from exc
    if not name:
        raise AdminError("Give the sign-in name.", "bad_sign_in_name")
    with db.write() as session:
        guardian = session.get(Guardian, guardian_id)
        if guardian is None or guardian.school_id != school_id:
            raise AdminError(f"There is no guardian with id {guardian_id} at this school.",
                             "not_found")
        taken = session.scalars(select(Guardian.id).where(
            Guardian.login_name == name, Guardian.id != guardian_id)).first()
        if taken:
            raise AdminError(f"Another family signs in as {name}.", "sign_in_name_taken")
        guardian.login_name = name
    return name


def _linked(guardian: Guardian, linked_ms: int) -> LinkedGuardian:
    return LinkedGuardian(guardian.id, guardian.name, guardian.email, guardian.login_name,
                          guardian.language, linked_ms, guardian.password_hash is not None)


def _open_code_counts(session: Session, school_id: str, student_ids: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for student_id in session.scalars(select(InviteCode.student_id).where(
            InviteCode.school_id == school_id, InviteCode.student_id.in_(student_ids),
            InviteCode.used_by.is_(None), InviteCode.expires_ms > now_ms())):
        counts[student_id] = counts.get(student_id, 0) + 1
    return counts


def _require_student(session: Session, school_id: str, student_id: str) -> StudentView:
    student = session.get(StudentView, (school_id, student_id))
    if student is None:
        raise AdminError(f"There is no student with id {student_id} at this school.",
                         "not_found")
    return student
