"""Attachments: stored once on disk under their sha256, listed per school."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dojo_protocol.models import HASH_MISMATCH, BlobStored
from dojo_server.db.models import BlobRow
from dojo_server.db.session import Database
from dojo_server.domain.auth import DeviceIdentity
from dojo_server.domain.clock import now_ms
from dojo_server.domain.errors import DomainError


def blob_path(blobs_dir: Path, sha256: str) -> Path:
    return blobs_dir / sha256[:2] / sha256


_PICTURES = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"),
             (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"))


def picture_type(path: Path) -> str | None:
    """The picture's media type, read from its first bytes; None for a document or nothing."""
    try:
        with path.open("rb") as head:
            start = head.read(12)
    except OSError:
        return None
    kind = next((media for magic, media in _PICTURES if start.startswith(magic)), None)
    if kind is None and start[:4] == b"RIFF" and start[8:12] == b"WEBP":
        kind = "image/webp"
    return kind


def has_blob(db: Database, blobs_dir: Path, identity: DeviceIdentity, sha256: str) -> bool:
    """True if the device's school has this blob (another school's copy does not count)."""
    with db.read() as session:
        row = session.scalars(select(BlobRow.sha256).where(
            BlobRow.school_id == identity.school_id, BlobRow.sha256 == sha256)).first()
    return row is not None and blob_path(blobs_dir, sha256).exists()


def school_has_blob(session: Session, school_id: str, sha256: str) -> bool:
    """True if the school stores this file (the same bytes kept for another school do not
    count: an event can name any hash)."""
    return session.get(BlobRow, (school_id, sha256)) is not None


def store_blob(db: Database, blobs_dir: Path, identity: DeviceIdentity, sha256: str,
               data: bytes) -> BlobStored:
    """Keep ``data`` if it hashes to ``sha256``. Storing the same blob again is harmless."""
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256:
        raise DomainError(422, HASH_MISMATCH, "The attachment arrived damaged (its checksum "
                          "does not match). It will be sent again.")
    path = blob_path(blobs_dir, sha256)
    if not (path.exists() and path.stat().st_size == len(data)):
        _write_durably(path, data)
    try:
        with db.write() as session:
            if session.get(BlobRow, (identity.school_id, sha256)) is not None:
                return BlobStored(sha256=sha256, size=len(data), created=False)
            session.add(BlobRow(school_id=identity.school_id, sha256=sha256, size=len(data),
                                created_ms=now_ms()))
    except IntegrityError:  # the same upload raced us on PostgreSQL
        return BlobStored(sha256=sha256, size=len(data), created=False)
    return BlobStored(sha256=sha256, size=len(data), created=True)


def keep_school_blob(session: Session, blobs_dir: Path, school_id: str, data: bytes) -> str:
    """Store ``data`` for the school inside the caller's transaction; returns its sha256."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = blob_path(blobs_dir, sha256)
    if not (path.exists() and path.stat().st_size == len(data)):
        _write_durably(path, data)
    if session.get(BlobRow, (school_id, sha256)) is None:
        session.add(BlobRow(school_id=school_id, sha256=sha256, size=len(data),
                            created_ms=now_ms()))
    return sha256


def _write_durably(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename, fsync the folder: a crash leaves the old state or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    with temp.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    temp.replace(path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
