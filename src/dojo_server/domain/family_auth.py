"""Guardians' accounts: passwords, one-time email links and portal sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dojo_server.db.family_models import Guardian, LoginLink, PortalSession
from dojo_server.db.models import School
from dojo_server.db.session import Database
from dojo_server.domain import rate_limits
from dojo_server.domain.auth import hash_password, hash_secret, new_token, verify_password
from dojo_server.domain.clock import now_ms

SESSION_MS = 30 * 86_400_000
LINK_MS = 30 * 60_000
MIN_PASSWORD_LENGTH = 10
LANGUAGES = ("en", "es", "ar")
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = hash_password("not a password anyone has")


class FamilyError(ValueError):
    """A family's request that cannot be carried out; ``code`` names the reason."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class FamilyMember:
    """The signed-in guardian, as every portal page needs them."""

    guardian_id: str
    school_id: str
    name: str
    email: str | None
    language: str
    csrf_token: str
    school_name: str
    timezone: str


def normalize_email(email: str) -> str:
    return email.strip().lower()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise FamilyError("password_too_short")


def start_session(db: Database, guardian_id: str) -> str:
    """A new session for the guardian; returns the cookie value (only its hash is kept)."""
    token, now = new_token(), now_ms()
    with db.write() as session:
        session.add(PortalSession(token_hash=hash_secret(token), guardian_id=guardian_id,
                                  csrf_token=secrets.token_urlsafe(24),
                                  expires_ms=now + SESSION_MS, created_ms=now))
    return token


def session_member(db: Database, token: str | None) -> FamilyMember | None:
    """The guardian signed in with this cookie, or None (no cookie, unknown or expired)."""
    if not token:
        return None
    with db.read() as session:
        found = session.execute(
            select(PortalSession, Guardian, School)
            .join(Guardian, Guardian.id == PortalSession.guardian_id)
            .join(School, School.id == Guardian.school_id)
            .where(PortalSession.token_hash == hash_secret(token))).first()
    if found is None or found[0].expires_ms <= now_ms():
        return None
    portal_session, guardian, school = found
    return FamilyMember(guardian.id, guardian.school_id, guardian.name, guardian.email,
                        guardian.language, portal_session.csrf_token, school.name,
                        school.timezone)


def end_session(db: Database, token: str) -> None:
    with db.write() as session:
        session.execute(delete(PortalSession).where(
            PortalSession.token_hash == hash_secret(token)))


def find_account(session: Session, typed: str) -> Guardian | None:
    """The guardian whose email (when ``typed`` holds "@") or sign-in name was typed."""
    login = typed.strip().lower()
    if not login:
        return None
    column = Guardian.email if "@" in login else Guardian.login_name
    return session.scalars(select(Guardian).where(column == login)).first()


def log_in(db: Database, login: str, password: str, address: str) -> str:
    """The guardian's id if the password is right for that email or sign-in name.

    Only failures count: per account (its email and sign-in name are one account) and
    per client address, so a school's one Wi-Fi address stays open to its families.
    """
    with db.read() as session:
        guardian = find_account(session, login)
    # An unknown login counts under its hash: what was typed may be of any length.
    account = guardian.id if guardian is not None else hash_secret(login.strip().lower())
    rate_limits.check(db, rate_limits.LOGIN_FAILURES_PER_ADDRESS, address)
    rate_limits.check(db, rate_limits.LOGIN_FAILURES_PER_ACCOUNT, account)
    stored = guardian.password_hash if guardian is not None else None
    if not verify_password(stored or _DUMMY_HASH, password) or guardian is None or not stored:
        rate_limits.record(db, rate_limits.LOGIN_FAILURES_PER_ADDRESS, address)
        rate_limits.record(db, rate_limits.LOGIN_FAILURES_PER_ACCOUNT, account)
        raise FamilyError("wrong_login")
    return guardian.id


def make_login_link(db: Database, email: str) -> tuple[str, str] | None:
    """(guardian's language, token) for a one-time link, or None for an unknown email."""
    email = normalize_email(email)
    rate_limits.check_and_record(db, rate_limits.LINK_REQUESTS_PER_EMAIL, email)
    token = new_token()
    with db.write() as session:
        guardian = session.scalars(select(Guardian).where(Guardian.email == email)).first()
        if guardian is None:
            return None
        session.add(LoginLink(token_hash=hash_secret(token), guardian_id=guardian.id,
                              expires_ms=now_ms() + LINK_MS, used_ms=None))
        return guardian.language, token


def use_login_link(db: Database, token: str) -> str:
    """The guardian's id; the link is used up. Unknown, used or expired: FamilyError."""
    now = now_ms()
    with db.write() as session:
        link = session.get(LoginLink, hash_secret(token), with_for_update=True)
        if link is None or link.used_ms is not None or link.expires_ms <= now:
            raise FamilyError("bad_link")
        link.used_ms = now
        return link.guardian_id


def set_language(db: Database, guardian_id: str, language: str) -> None:
    if language not in LANGUAGES:
        raise FamilyError("unknown_language")
    with db.write() as session:
        guardian = session.get(Guardian, guardian_id)
        if guardian is not None:
            guardian.language = language
