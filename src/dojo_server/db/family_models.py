"""The family portal's own tables: guardians, invite codes, sessions, login links, limits."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dojo_server.db.models import Base


class Guardian(Base):
    """A family member who can sign in to the portal. Links to children are events."""

    __tablename__ = "guardians"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(320), unique=True, nullable=True)
    # A sign-in name the family chose instead of an email (lowercase, never holds "@").
    login_name: Mapped[str | None] = mapped_column(String(60), unique=True, nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    language: Mapped[str] = mapped_column(String(16))
    email_notifications: Mapped[bool] = mapped_column(Boolean)
    created_ms: Mapped[int] = mapped_column(BigInteger)


class InviteCode(Base):
    """A one-time code on a printed letter that links its user to one student. Hashed."""

    __tablename__ = "invite_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    student_id: Mapped[str] = mapped_column(String(36))
    expires_ms: Mapped[int] = mapped_column(BigInteger)
    used_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    used_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)


class PortalSession(Base):
    """A signed-in browser: the cookie's sha256, its CSRF token and when it ends."""

    __tablename__ = "portal_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guardian_id: Mapped[str] = mapped_column(ForeignKey("guardians.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_ms: Mapped[int] = mapped_column(BigInteger)
    created_ms: Mapped[int] = mapped_column(BigInteger)


class LoginLink(Base):
    """A one-time sign-in link sent by email, kept as its sha256."""

    __tablename__ = "login_links"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    guardian_id: Mapped[str] = mapped_column(ForeignKey("guardians.id"), index=True)
    expires_ms: Mapped[int] = mapped_column(BigInteger)
    used_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class RateLimit(Base):
    """Attempts counted per key (an address or an email) in a fixed window."""

    __tablename__ = "rate_limits"
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    window_start_ms: Mapped[int] = mapped_column(BigInteger)
    attempts: Mapped[int] = mapped_column(Integer)


class NotifyState(Base):
    """How far the mail notifier has read a school's event log."""

    __tablename__ = "notify_state"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class FamilyNotice(Base):
    """Something a guardian is to hear about by email, from ``due_ms`` on; sent once."""

    __tablename__ = "family_notices"
    __table_args__ = (UniqueConstraint("guardian_id", "kind", "ref_id"),
                      Index("ix_family_notices_sent_due", "sent_ms", "due_ms"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"))
    guardian_id: Mapped[str] = mapped_column(ForeignKey("guardians.id"))
    kind: Mapped[str] = mapped_column(String(16))  # message, announcement or story
    ref_id: Mapped[str] = mapped_column(String(36))
    student_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    due_ms: Mapped[int] = mapped_column(BigInteger)
    sent_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # failed sends
