"""The staff console's own tables: signed-in staff browsers, and roster exports waiting
between their preview and being imported."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from dojo_server.db.models import Base


class StaffSession(Base):
    """A member of staff signed in to the console: the cookie's sha256, its CSRF token and
    when it ends."""

    __tablename__ = "staff_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_ms: Mapped[int] = mapped_column(BigInteger)
    created_ms: Mapped[int] = mapped_column(BigInteger)


class RosterUpload(Base):
    """A roster export uploaded to the console, kept (in the database, which every server
    process shares) from its preview until it is imported, or for a day."""

    __tablename__ = "roster_uploads"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_ms: Mapped[int] = mapped_column(BigInteger)
