"""Read tables kept from the event log (domain/projections): rebuilt from it at any time."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dojo_server.db.models import Base


class ProjectionState(Base):
    """How far a school's read tables have got in its event log."""

    __tablename__ = "projection_state"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    applied_seq: Mapped[int] = mapped_column(BigInteger)


class ClassView(Base):
    """A class as its latest ``class_*`` events describe it."""

    __tablename__ = "class_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    year_group: Mapped[str] = mapped_column(String(60))
    archived: Mapped[bool] = mapped_column(Boolean)
    hlc: Mapped[str] = mapped_column(String(120))
    school_year: Mapped[str] = mapped_column(String(20), default="", server_default="")
    successor_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # next year's
    # Each field's HLC (dojo_protocol/field_clocks.py); "{}": every field's is ``hlc``.
    field_hlcs: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class StudentView(Base):
    """A student as their latest ``student_*`` events describe them."""

    __tablename__ = "student_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(60))
    last_name: Mapped[str] = mapped_column(String(60))
    archived: Mapped[bool] = mapped_column(Boolean)
    hlc: Mapped[str] = mapped_column(String(120))
    field_hlcs: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")


class ClassMember(Base):
    """A student in a class (a student may be in several)."""

    __tablename__ = "class_member"
    __table_args__ = (Index("ix_class_member_school_student", "school_id", "student_id"),)
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    class_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class SkillView(Base):
    """A skill's name and icon, for the family's friendly history, and its class, for
    whether a teacher's device may change it."""

    __tablename__ = "skill_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    icon: Mapped[str] = mapped_column(String(40))
    polarity: Mapped[str] = mapped_column(String(12))
    hlc: Mapped[str] = mapped_column(String(120))
    class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # none: school


class AwardView(Base):
    """An award as given; an undo is a row of :class:`AwardUndoView`, never a change here."""

    __tablename__ = "award_view"
    __table_args__ = (Index("ix_award_view_school_student_at", "school_id", "student_id",
                            "at_ms"),)
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(36))
    class_id: Mapped[str] = mapped_column(String(36))
    skill_id: Mapped[str] = mapped_column(String(36))
    points: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[str] = mapped_column(String(36))
    at_ms: Mapped[int] = mapped_column(BigInteger)


class AwardUndoView(Base):
    """An undone award; the undo with the earliest HLC stands."""

    __tablename__ = "award_undo_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    award_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(120))


class StoryView(Base):
    """A story post; per field last writer wins (``field_hlcs``), and a delete wins."""

    __tablename__ = "story_view"
    # Pages walk this index newest first and stop after the page: no sort of the school.
    __table_args__ = (Index("ix_story_view_school_at", "school_id", "at_ms", "id"),)
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[str] = mapped_column(String(12))
    student_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    state: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str] = mapped_column(Text)  # JSON list of sha256
    author_name: Mapped[str] = mapped_column(String(120))
    review_comment: Mapped[str] = mapped_column(Text)
    at_ms: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean)
    field_hlcs: Mapped[str] = mapped_column(Text)  # JSON {field: hlc}


class StoryClass(Base):
    """A class a story was posted to (one post may go to several)."""

    __tablename__ = "story_class"
    __table_args__ = (Index("ix_story_class_school_class", "school_id", "class_id"),)
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    story_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    class_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class MessageView(Base):
    """A message, append-only: staff to a student's guardians or a class, or a reply."""

    __tablename__ = "message_view"
    __table_args__ = (Index("ix_message_view_school_thread", "school_id", "thread_id"),
                      Index("ix_message_view_school_student", "school_id", "student_id"),
                      Index("ix_message_view_school_class", "school_id", "class_id"))
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    thread_id: Mapped[str] = mapped_column(String(36))
    student_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    class_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str] = mapped_column(Text)  # JSON list of sha256
    urgent: Mapped[bool] = mapped_column(Boolean)
    send_after_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    sender: Mapped[str] = mapped_column(String(12))
    guardian_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    sender_name: Mapped[str] = mapped_column(String(120))
    at_ms: Mapped[int] = mapped_column(BigInteger)
    server_seq: Mapped[int] = mapped_column(BigInteger)


class MessageRead(Base):
    """A read receipt: who (staff device or guardian) read a message, first time only."""

    __tablename__ = "message_read"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reader: Mapped[str] = mapped_column(String(12), primary_key=True)
    reader_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    at_ms: Mapped[int] = mapped_column(BigInteger)


class GuardianLink(Base):
    """A guardian linked to a student (``guardian_linked`` until ``guardian_unlinked``)."""

    __tablename__ = "guardian_link"
    __table_args__ = (Index("ix_guardian_link_school_student", "school_id", "student_id"),)
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    guardian_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    linked_ms: Mapped[int] = mapped_column(BigInteger)
    linked_seq: Mapped[int] = mapped_column(BigInteger)  # news after this is theirs to hear


class TargetView(Base):
    """A child's own target for one date or standing (``target_set``); the newest wins."""

    __tablename__ = "target_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    student_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, standing
    class_id: Mapped[str] = mapped_column(String(36))
    points: Mapped[int] = mapped_column(Integer)
    skill_ids: Mapped[str] = mapped_column(Text)  # JSON list; empty: every skill counts
    cleared: Mapped[bool] = mapped_column(Boolean)
    hlc: Mapped[str] = mapped_column(String(120))


class ClassTeacherView(Base):
    """A member of staff teaching a class (``class_teacher_assigned``); newest HLC wins."""

    __tablename__ = "class_teacher_view"
    school_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    class_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    staff_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    removed: Mapped[bool] = mapped_column(Boolean)
    hlc: Mapped[str] = mapped_column(String(120))


PROJECTED_TABLES = (ClassView, StudentView, ClassMember, SkillView, AwardView, AwardUndoView,
                    StoryView, StoryClass, MessageView, MessageRead, GuardianLink, TargetView,
                    ClassTeacherView)
