"""Roster exports uploaded to the staff console, kept in the database from their preview
until they are imported (any server process may answer either request), or for a day."""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import delete

from dojo_server.db.session import Database
from dojo_server.db.staff_models import RosterUpload
from dojo_server.domain.auth import hash_secret, new_token
from dojo_server.domain.clock import now_ms
from dojo_server.domain.roster_import import read_roster
from dojo_server.domain.schools import AdminError
from dojo_server.roster_import.oneroster import Roster

KEPT_MS = 24 * 3_600_000


def keep_upload(db: Database, school_id: str, name: str, data: bytes) -> str:
    """Keep an upload for the school; returns its token. Uploads older than a day go."""
    token, now = new_token(), now_ms()
    with db.write() as session:
        session.execute(delete(RosterUpload).where(RosterUpload.created_ms < now - KEPT_MS))
        session.add(RosterUpload(token_hash=hash_secret(token), school_id=school_id,
                                 name=name[:255], data=data, created_ms=now))
    return token


def upload_data(db: Database, school_id: str, token: str) -> bytes:
    """The school's upload of this token; AdminError ``import_gone`` if there is none."""
    with db.read() as session:
        upload = session.get(RosterUpload, hash_secret(token))
        if upload is None or upload.school_id != school_id \
                or upload.created_ms < now_ms() - KEPT_MS:
            raise AdminError("That upload is no longer here. Upload the export again.",
                             "import_gone")
        return upload.data


def drop_upload(db: Database, school_id: str, token: str) -> None:
    with db.write() as session:
        session.execute(delete(RosterUpload).where(
            RosterUpload.token_hash == hash_secret(token), RosterUpload.school_id == school_id))


def read_upload(data: bytes) -> Roster:
    """The uploaded export read as :func:`roster_import.read_roster` reads a zip;
    RosterFileError if it is refused."""
    with tempfile.TemporaryDirectory(prefix="dojo-roster-") as folder:
        path = Path(folder) / "export.zip"
        path.write_bytes(data)
        return read_roster(path)
