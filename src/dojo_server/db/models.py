"""SQLAlchemy 2.0 models: the server's schema (Alembic migrates it)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLES = ("teacher", "ta", "leader", "admin")
_ROLE_CHECK = "role IN ('teacher', 'ta', 'leader', 'admin')"


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations can refer to them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class ServerMeta(Base):
    """Server-wide values; ``epoch`` changes whenever the database is restored."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class School(Base):
    """A school: everything else belongs to exactly one."""

    __tablename__ = "schools"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    created_ms: Mapped[int] = mapped_column(BigInteger)


class Staff(Base):
    """A member of staff who can sign in (portal and admin pages come later)."""

    __tablename__ = "staff"
    __table_args__ = (
        UniqueConstraint("school_id", "email"),
        UniqueConstraint("school_id", "sourced_id"),
        CheckConstraint(_ROLE_CHECK, name="role_known"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(200))  # "" until they set one
    created_ms: Mapped[int] = mapped_column(BigInteger)
    # The school information system's id (OneRoster sourcedId) of imported staff.
    sourced_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # The name families see ("Ms Rossi"); None: ``name``.
    display_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    # A digest of the ``staff_member`` record last written to the log (staff_records.py).
    published: Mapped[str | None] = mapped_column(String(64), nullable=True)


class DeviceRow(Base):
    """An enrolled device. Only the sha256 of its token is kept."""

    __tablename__ = "devices"
    __table_args__ = (CheckConstraint(_ROLE_CHECK, name="role_known"),)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    enrolled_ms: Mapped[int] = mapped_column(BigInteger)
    last_seen_ms: Mapped[int] = mapped_column(BigInteger)
    # The computer's machine proof, from enrollment (or the first request that sent one):
    # a copy of the device's data folder on another computer sends another one.
    machine: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The device whose data folder this one's was copied from (on another computer).
    copied_from: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The class a board was enrolled for before the new school year moved it to this
    # year's (``class_id``): what it recorded offline for that class is still its own.
    former_class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)

    # The member of staff a personal device is enrolled for (every event it makes is
    # theirs); None: a room's board or a shared device, where a person picks their name.
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class EnrollmentCode(Base):
    """An enrollment code, kept as its sha256: one-time, or ``max_uses`` PCs of a deployment."""

    __tablename__ = "enrollment_codes"
    __table_args__ = (CheckConstraint(_ROLE_CHECK, name="role_known"),)
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"))
    role: Mapped[str] = mapped_column(String(12))
    class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    expires_ms: Mapped[int] = mapped_column(BigInteger)
    used_by_device: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the last
    created_ms: Mapped[int] = mapped_column(BigInteger)
    max_uses: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    use_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_used_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    staff_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # a person's


class SchoolCounter(Base):
    """The next server sequence of a school. Its row is locked by every writing push."""

    __tablename__ = "school_counters"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    next_seq: Mapped[int] = mapped_column(BigInteger)


class EventRow(Base):
    """An applied event, numbered in its school's sequence (what pull hands out)."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("device_id", "seq"),
                      Index("ix_events_school_class_seq", "school_id", "class_id",
                            "server_seq"))
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    server_seq: Mapped[int] = mapped_column(BigInteger, primary_key=True,
                                            autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    hlc: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    received_ms: Mapped[int] = mapped_column(BigInteger)
    # The one class the event is about, NULL for the whole school (db/audiences.py):
    # what a device enrolled for one class pulls.
    class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class RejectedEvent(Base):
    """An event that was refused; a resend gets the same answer again."""

    __tablename__ = "rejected_events"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    received_ms: Mapped[int] = mapped_column(BigInteger)


class RosterLink(Base):
    """A class or child imported from the school's information system: the id it has
    there (OneRoster sourcedId), which every later import matches it by."""

    __tablename__ = "roster_links"
    __table_args__ = (
        UniqueConstraint("school_id", "kind", "local_id"),
        CheckConstraint("kind IN ('class', 'student')", name="kind_known"),
    )
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    sourced_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(36))  # the class's or student's id


class BlobRow(Base):
    """A school's attachment. The bytes live once on disk under their sha256."""

    __tablename__ = "blobs"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_ms: Mapped[int] = mapped_column(BigInteger)


# The read tables and the family tables live in modules of their own; importing them here
# puts every table in Base.metadata, which Alembic and the tests compare against.
from dojo_server.db import family_models, read_models, staff_models  # noqa: E402, F401
