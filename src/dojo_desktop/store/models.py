"""SQLAlchemy 2.0 models: the local database schema (Alembic migrates it)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


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


class Device(Base):
    """This device: its id, the next outbox sequence number and the last HLC it issued."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    last_hlc: Mapped[str] = mapped_column(String(80), default="")
    created_ms: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    """School-wide settings (points period, timezone): synced, last writer wins by HLC."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    hlc: Mapped[str] = mapped_column(String(80))


class Preference(Base):
    """This device's own choices (privacy mode, sound): never synced."""

    __tablename__ = "preferences"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class ClassRow(Base):
    """A class."""

    __tablename__ = "classes"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    year_group: Mapped[str] = mapped_column(String(60), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str] = mapped_column(String(80))


class StudentRow(Base):
    """A student; archived students keep their history."""

    __tablename__ = "students"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(60), default="")
    avatar: Mapped[str] = mapped_column(String(80), default="drawn:0")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str] = mapped_column(String(80))


class ClassStudent(Base):
    """Membership of a student in a class."""

    __tablename__ = "class_students"
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id"), primary_key=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SkillRow(Base):
    """A skill; ``class_id`` NULL means school-wide."""

    __tablename__ = "skills"
    __table_args__ = (
        CheckConstraint("points BETWEEN -5 AND 5 AND points <> 0", name="points_range"),
        CheckConstraint("polarity IN ('positive', 'needs_work')", name="polarity_known"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    icon: Mapped[str] = mapped_column(String(40))
    polarity: Mapped[str] = mapped_column(String(12))
    points: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    class_id: Mapped[str | None] = mapped_column(ForeignKey("classes.id"), nullable=True)
    hlc: Mapped[str] = mapped_column(String(80))


class AwardRow(Base):
    """An award. Never updated or deleted: an undo is a row in ``award_undos``."""

    __tablename__ = "awards"
    __table_args__ = (
        Index("ix_awards_class_at", "class_id", "at_ms"),
        Index("ix_awards_student_at", "student_id", "at_ms"),
        Index("ix_awards_batch", "batch_id"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id"))
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id"))
    skill_id: Mapped[str] = mapped_column(ForeignKey("skills.id"))
    points: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    at_ms: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    hlc: Mapped[str] = mapped_column(String(80))


class AwardUndo(Base):
    """An award cancelled by an ``award_undone`` event. No foreign key: sync may
    deliver an undo before the award it names, and every order must converge."""

    __tablename__ = "award_undos"
    award_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    at_ms: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(80))


class Blob(Base):
    """A file stored once under its sha256 (avatars now, attachments later)."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    mime: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(Integer)
    created_ms: Mapped[int] = mapped_column(Integer)


class OutboxRow(Base):
    """An event waiting to be pushed, written in the same transaction as its domain rows."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    hlc: Mapped[str] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="pending")
    created_ms: Mapped[int] = mapped_column(Integer)


class SyncState(Base):
    """Where this device stands with the school server (one row once paired)."""

    __tablename__ = "sync_state"
    server_url: Mapped[str] = mapped_column(String(500), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    cursor: Mapped[str] = mapped_column(String(200), default="")
    epoch: Mapped[str] = mapped_column(String(64), default="")
    hlc: Mapped[str] = mapped_column(String(80), default="")


class PulledEvent(Base):
    """An event received from the server, so pulling it again never applies it twice."""

    __tablename__ = "pulled_events"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_seq: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    hlc: Mapped[str] = mapped_column(String(80))
    # Kept whole: kinds this version has no screen for yet (stories, messages) are
    # projected from here by the migration that adds their tables.
    payload: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text, default="")  # why it could not be applied, if so
