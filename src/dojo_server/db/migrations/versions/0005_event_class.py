"""Each event's class (NULL: the whole school), so a class's devices pull only their class.

Revision ID: 0005_event_class
Revises: 0004_family_mail
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from dojo_protocol.audience import event_class

revision = "0005_event_class"
down_revision = "0004_family_mail"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("class_id", sa.String(length=36), nullable=True))
    _fill_class_ids()
    op.create_index("ix_events_school_class_seq", "events",
                    ["school_id", "class_id", "server_seq"])


def downgrade() -> None:
    op.drop_index("ix_events_school_class_seq", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("class_id")


def _fill_class_ids() -> None:
    """The class of every stored event, as a push of it today would record."""
    connection = op.get_bind()
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
                sa.select(events.c.server_seq, events.c.kind, events.c.payload)
                .where(events.c.school_id == school_id, events.c.server_seq > after)
                .order_by(events.c.server_seq).limit(_BATCH)).all()
            if not rows:
                break
            after = rows[-1].server_seq
            changes = [{"school": school_id, "number": seq, "klass": class_id}
                       for seq, kind, payload in rows
                       if (class_id := event_class(kind, json.loads(payload))) is not None]
            if changes:
                connection.execute(update, changes)
