"""Roster exports kept between the console's preview and its import: per school, once,
for a day; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from dojo_server.db.session import Database
from dojo_server.db.staff_models import RosterUpload
from dojo_server.domain import roster_uploads, schools
from dojo_server.domain.clock import now_ms
from dojo_server.domain.schools import AdminError


def test_an_upload_is_kept_for_its_school_until_dropped_or_a_day_old(db: Database) -> None:
    ours = schools.create_school(db, "Hillside", default_skills=False)
    theirs = schools.create_school(db, "Valley", default_skills=False)
    data = bytes(range(256)) * 100
    token = roster_uploads.keep_upload(db, ours, "export.zip", data)
    assert roster_uploads.upload_data(db, ours, token) == data
    for school, asked in ((theirs, token), (ours, token[:-1] + "x")):
        with pytest.raises(AdminError) as refused:
            roster_uploads.upload_data(db, school, asked)
        assert refused.value.code == "import_gone"
    roster_uploads.drop_upload(db, theirs, token)  # not theirs to drop
    assert roster_uploads.upload_data(db, ours, token) == data
    roster_uploads.drop_upload(db, ours, token)
    with pytest.raises(AdminError):
        roster_uploads.upload_data(db, ours, token)

    old = roster_uploads.keep_upload(db, ours, "old.zip", b"old")
    with db.write() as session:
        session.execute(update(RosterUpload).values(
            created_ms=now_ms() - roster_uploads.KEPT_MS - 1))
    with pytest.raises(AdminError):
        roster_uploads.upload_data(db, ours, old)
    roster_uploads.keep_upload(db, ours, "new.zip", b"new")  # clears the old one away
    with db.read() as session:
        assert [u.name for u in session.query(RosterUpload)] == ["new.zip"]
