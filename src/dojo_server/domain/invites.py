"""Invite codes for families: made for a class (one per student) or one child, redeemed to
join. A new code for a child cancels that child's unused ones."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from dojo_server.db.family_models import Guardian, InviteCode
from dojo_server.db.read_models import ClassMember, ClassView, StudentView
from dojo_server.db.session import Database
from dojo_server.domain import rate_limits
from dojo_server.domain.auth import hash_password, hash_secret
from dojo_server.domain.clock import new_id, now_ms
from dojo_server.domain.enrollment import CODE_ALPHABET, DAY_MS, normalize_code
from dojo_server.domain.family_auth import LANGUAGES, FamilyError, check_new_password
from dojo_server.domain.portal_log import append_events
from dojo_server.domain.projections import catch_up
from dojo_server.domain.schools import AdminError, require_school
from dojo_server.domain.sign_in_names import clean_email, clean_login_name

INVITE_CODE_LENGTH = 12  # 60 bits, and every wrong guess counts against the address


@dataclass(frozen=True)
class InviteLetter:
    """What one printed letter says."""

    student_name: str
    class_name: str
    code: str
    expires_ms: int


@dataclass(frozen=True)
class NewGuardian:
    """What a family types when joining for the first time."""

    name: str
    email: str
    password: str
    language: str
    login_name: str = ""  # a sign-in name instead of an email, with a password


def create_invites(db: Database, school_id: str, class_id: str,
                   expires_days: int = 30, student_id: str | None = None
                   ) -> list[InviteLetter]:
    """A fresh code for every current student of the class (or only ``student_id``), in
    name order; each child's earlier unused codes stop working (a letter printed again
    replaces the last one)."""
    school = require_school(db, school_id)
    with db.write() as session:
        catch_up(session, school.id)
        klass = session.get(ClassView, (school.id, class_id))
        if klass is None:
            raise AdminError(f"There is no class with id {class_id} at this school.",
                             "not_found")
        students = session.scalars(
            select(StudentView).join(ClassMember, (ClassMember.school_id == StudentView.school_id)
                                     & (ClassMember.student_id == StudentView.id))
            .where(ClassMember.school_id == school.id, ClassMember.class_id == class_id,
                   StudentView.archived.is_(False),
                   *([StudentView.id == student_id] if student_id else []))
            .order_by(StudentView.first_name, StudentView.last_name, StudentView.id)).all()
        return [_new_letter(session, school.id, student, klass.name, expires_days)
                for student in students]


def create_invite_for(db: Database, school_id: str, student_id: str,
                      expires_days: int = 30) -> InviteLetter:
    """A fresh code for one child (their earlier unused codes stop working), on a letter
    naming the first of their classes."""
    school = require_school(db, school_id)
    with db.write() as session:
        catch_up(session, school.id)
        student = session.get(StudentView, (school.id, student_id))
        if student is None or student.archived:
            raise AdminError(f"There is no current student with id {student_id} at this "
                             "school.")
        class_name = session.scalars(
            select(ClassView.name).join(ClassMember, (ClassMember.school_id
                                                      == ClassView.school_id)
                                        & (ClassMember.class_id == ClassView.id))
            .where(ClassMember.school_id == school.id, ClassMember.student_id == student_id,
                   ClassView.archived.is_(False)).order_by(ClassView.name)).first()
        return _new_letter(session, school.id, student, class_name or "", expires_days)


def cancel_open_codes(session: Session, school_id: str, student_ids: list[str]) -> int:
    """Forget the students' unused codes (a family typing one is told it is not right)."""
    if not student_ids:
        return 0
    result = cast(CursorResult[Any], session.execute(delete(InviteCode).where(
        InviteCode.school_id == school_id, InviteCode.student_id.in_(student_ids),
        InviteCode.used_by.is_(None)).execution_options(synchronize_session=False)))
    return result.rowcount


def _new_letter(session: Session, school_id: str, student: StudentView, class_name: str,
                expires_days: int) -> InviteLetter:
    cancel_open_codes(session, school_id, [student.id])
    now = now_ms()
    expires = now + expires_days * DAY_MS
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))
    session.add(InviteCode(code_hash=hash_secret(raw), school_id=school_id,
                           student_id=student.id, expires_ms=expires, used_by=None,
                           used_ms=None, created_ms=now))
    name = f"{student.first_name} {student.last_name}".strip()
    return InviteLetter(name, class_name, _grouped(raw), expires)


def list_classes(db: Database, school_id: str) -> list[tuple[str, str, int]]:
    """(id, name, number of current students) of the school's classes, by name."""
    school = require_school(db, school_id)
    with db.write() as session:
        catch_up(session, school.id)
        rows = session.execute(
            select(ClassView.id, ClassView.name, func.count(StudentView.id))
            .outerjoin(ClassMember, (ClassMember.school_id == ClassView.school_id)
                       & (ClassMember.class_id == ClassView.id))
            .outerjoin(StudentView, (StudentView.school_id == ClassMember.school_id)
                       & (StudentView.id == ClassMember.student_id)
                       & StudentView.archived.is_(False))
            .where(ClassView.school_id == school.id, ClassView.archived.is_(False))
            .group_by(ClassView.id, ClassView.name).order_by(ClassView.name, ClassView.id))
        return [(i, name, count) for i, name, count in rows]


def _grouped(raw: str) -> str:
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def join(db: Database, code: str, address: str, *, guardian_id: str | None = None,
         new: NewGuardian | None = None) -> tuple[str, str]:
    """Use up ``code`` and link its student to the guardian (a new one, or signed in).

    Returns the guardian's and the school's ids. A wrong, used or expired code counts
    against ``address``.
    """
    rate_limits.check(db, rate_limits.INVITE_FAILURES_PER_ADDRESS, address)
    try:
        return _join(db, code, guardian_id, new)
    except FamilyError as exc:
        if exc.code in ("bad_code", "expired_code"):
            rate_limits.record(db, rate_limits.INVITE_FAILURES_PER_ADDRESS, address)
        raise


def _join(db: Database, code: str, guardian_id: str | None,
          new: NewGuardian | None) -> tuple[str, str]:
    now = now_ms()
    if new is not None:
        _check_new_guardian(new)
    with db.write() as session:
        invite = session.get(InviteCode, hash_secret(normalize_code(code)),
                             with_for_update=True)
        if invite is None or invite.used_by is not None:
            raise FamilyError("bad_code")
        if invite.expires_ms <= now:
            raise FamilyError("expired_code")
        if guardian_id is not None:
            guardian = session.get(Guardian, guardian_id)
            if guardian is None or guardian.school_id != invite.school_id:
                raise FamilyError("other_school")
        elif new is not None:
            email = clean_email(new.email) or None
            login_name = clean_login_name(new.login_name) or None
            if email and session.scalars(select(Guardian.id).where(
                    Guardian.email == email)).first():
                raise FamilyError("email_taken")
            if login_name and session.scalars(select(Guardian.id).where(
                    Guardian.login_name == login_name)).first():
                raise FamilyError("login_name_taken")
            guardian = Guardian(
                id=new_id(), school_id=invite.school_id, name=" ".join(new.name.split()),
                email=email, login_name=login_name,
                password_hash=hash_password(new.password) if new.password else None,
                language=new.language, email_notifications=True, created_ms=now)
            session.add(guardian)
        else:
            raise FamilyError("missing_details")
        invite.used_by, invite.used_ms = guardian.id, now
        append_events(session, invite.school_id, [("guardian_linked", {
            "guardian_id": guardian.id, "student_id": invite.student_id,
            "name": guardian.name, "language": guardian.language, "at_ms": now})])
        return guardian.id, invite.school_id


def _check_new_guardian(new: NewGuardian) -> None:
    name = " ".join(new.name.split())
    if not 1 <= len(name) <= 120:
        raise FamilyError("name_needed")
    email = clean_email(new.email)
    login_name = clean_login_name(new.login_name)
    if not new.password and not email:
        raise FamilyError("password_or_email")
    if new.password:
        if not email and not login_name:
            raise FamilyError("sign_in_needed")  # else the family could never sign in again
        check_new_password(new.password)
    if new.language not in LANGUAGES:
        raise FamilyError("unknown_language")
