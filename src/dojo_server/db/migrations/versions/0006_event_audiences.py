"""Events that name a student, award, post or message take that one's class.

Until now a family's thread, a receipt, an undo or a post's edit went to the whole school;
push now gives them the class of what they name (``dojo_server.db.audiences``). This
gives the stored log the same, from the read tables as they stand, so a classroom device
enrolled later does not download other classes' family messages with its history.

Revision ID: 0006_event_audiences
Revises: 0005_event_class
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from dojo_protocol.audience import event_class
from dojo_protocol.kinds import REFERRING_KINDS
from dojo_server.db.audiences import Audiences

revision = "0006_event_audiences"
down_revision = "0005_event_class"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    _rescope(lambda connection: _server_classes(Session(bind=connection)))


def downgrade() -> None:
    """Back to the class the payload alone gives, as 0005 left them."""
    _rescope(lambda _connection: _payload_classes)


Classes = Callable[[str, list[tuple[str, dict[str, Any]]]], list[str | None]]


def _server_classes(session: Session) -> Classes:
    def classes(school_id: str, events: list[tuple[str, dict[str, Any]]]) -> list[str | None]:
        audiences = Audiences.load(session, [(school_id, kind, payload)
                                             for kind, payload in events])
        return [audiences.class_of(school_id, kind, payload) for kind, payload in events]
    return classes


def _payload_classes(_school_id: str,
                     events: list[tuple[str, dict[str, Any]]]) -> list[str | None]:
    return [event_class(kind, payload) for kind, payload in events]


def _rescope(make: Callable[[sa.Connection], Classes]) -> None:
    """Set the class of each stored event of the kinds that name what they are about."""
    connection = op.get_bind()
    classes_of = make(connection)
    events = sa.table("events", sa.column("school_id"), sa.column("server_seq"),
                      sa.column("kind"), sa.column("payload"), sa.column("class_id"))
    update = (sa.update(events)
              .where(events.c.school_id == sa.bindparam("school"),
                     events.c.server_seq == sa.bindparam("number"))
              .values(class_id=sa.bindparam("klass")))
    schools = connection.scalars(sa.select(events.c.school_id).distinct()).all()
    for school_id in schools:  # a page at a time: a district's log may be large
        after = 0
        while True:
            rows = connection.execute(
                sa.select(events.c.server_seq, events.c.kind, events.c.payload,
                          events.c.class_id)
                .where(events.c.school_id == school_id, events.c.server_seq > after,
                       events.c.kind.in_(sorted(REFERRING_KINDS)))
                .order_by(events.c.server_seq).limit(_BATCH)).all()
            if not rows:
                break
            after = rows[-1].server_seq
            found = classes_of(school_id, [(row.kind, json.loads(row.payload))
                                           for row in rows])
            changes = [{"school": school_id, "number": row.server_seq, "klass": class_id}
                       for row, class_id in zip(rows, found, strict=True)
                       if class_id != row.class_id]
            if changes:
                connection.execute(update, changes)
