"""Staff sign-in to the console: passwords (argon2), rate limits and console sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select

from dojo_server.db.models import School, Staff
from dojo_server.db.session import Database
from dojo_server.db.staff_models import StaffSession
from dojo_server.domain import rate_limits
from dojo_server.domain.auth import hash_password, hash_secret, new_token, verify_password
from dojo_server.domain.clock import now_ms
from dojo_server.domain.rate_limits import MINUTE_MS, Limit

SESSION_MS = 12 * 60 * MINUTE_MS  # a working day; an office computer may be shared
CONSOLE_ROLES = frozenset({"leader", "admin"})  # the others are sent to the office
STAFF_LOGIN_PER_ADDRESS = Limit("staff-login-address", 30, 15 * MINUTE_MS)
STAFF_LOGIN_FAILURES_PER_EMAIL = Limit("staff-login-email", 5, 15 * MINUTE_MS)
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = hash_password("not a password anyone has")


class WrongLogin(ValueError):
    """The email address and password do not match a member of staff who may sign in."""


@dataclass(frozen=True)
class StaffMember:
    """The signed-in member of staff, as every console page needs them."""

    staff_id: str
    school_id: str
    name: str
    email: str
    role: str
    csrf_token: str
    school_name: str
    timezone: str

    @property
    def may_use_console(self) -> bool:
        return self.role in CONSOLE_ROLES


def log_in(db: Database, email: str, password: str, address: str) -> str:
    """The id of the member of staff with this email and password; rate limited per
    address and per email. Staff of several schools may share an email address: the one
    whose password it is signs in. No password set yet (imported staff): never."""
    email = email.strip().lower()
    rate_limits.check_and_record(db, STAFF_LOGIN_PER_ADDRESS, address)
    rate_limits.check(db, STAFF_LOGIN_FAILURES_PER_EMAIL, email)
    with db.read() as session:
        rows: list[tuple[str, str]] = [
            (staff_id, stored) for staff_id, stored in session.execute(
                select(Staff.id, Staff.password_hash).where(Staff.email == email)
                .order_by(Staff.created_ms))]
    for staff_id, stored in rows or [("", _DUMMY_HASH)]:
        if stored and verify_password(stored, password) and staff_id:
            return staff_id
    rate_limits.record(db, STAFF_LOGIN_FAILURES_PER_EMAIL, email)
    raise WrongLogin(email)


def start_session(db: Database, staff_id: str) -> str:
    """A new console session; returns the cookie value (only its hash is kept)."""
    token, now = new_token(), now_ms()
    with db.write() as session:
        session.add(StaffSession(token_hash=hash_secret(token), staff_id=staff_id,
                                 csrf_token=secrets.token_urlsafe(24),
                                 expires_ms=now + SESSION_MS, created_ms=now))
    return token


def session_member(db: Database, token: str | None) -> StaffMember | None:
    """The member of staff signed in with this cookie, with their role as it is now; None
    for no cookie, an unknown or an expired one."""
    if not token:
        return None
    with db.read() as session:
        found = session.execute(
            select(StaffSession, Staff, School)
            .join(Staff, Staff.id == StaffSession.staff_id)
            .join(School, School.id == Staff.school_id)
            .where(StaffSession.token_hash == hash_secret(token))).first()
    if found is None or found[0].expires_ms <= now_ms():
        return None
    staff_session, staff, school = found
    return StaffMember(staff.id, staff.school_id, staff.name, staff.email, staff.role,
                       staff_session.csrf_token, school.name, school.timezone)


def end_session(db: Database, token: str) -> None:
    with db.write() as session:
        session.execute(delete(StaffSession).where(
            StaffSession.token_hash == hash_secret(token)))


def end_all_sessions(db: Database, staff_id: str) -> None:
    """Sign the member of staff out of every browser (their password was reset)."""
    with db.write() as session:
        session.execute(delete(StaffSession).where(StaffSession.staff_id == staff_id))
