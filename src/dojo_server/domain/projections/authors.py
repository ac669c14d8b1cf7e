"""The name a post or message is signed with in the read tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dojo_protocol.kinds import AUTHOR_KEY
from dojo_protocol.limits import MAX_AUTHOR_NAME
from dojo_server.db.models import Staff


def signed_name(session: Session, school_id: str, payload: dict[str, Any], key: str) -> str:
    """The name the event carries under ``key``; if it carries none (an older app), the
    name families see of the member of staff it names as its author, if any."""
    name = payload.get(key)
    if name:
        return str(name)
    by = payload.get(AUTHOR_KEY)
    if not by:
        return ""
    row = session.execute(select(Staff.display_name, Staff.name).where(
        Staff.id == by, Staff.school_id == school_id)).first()
    return "" if row is None else (row.display_name or row.name)[:MAX_AUTHOR_NAME]
