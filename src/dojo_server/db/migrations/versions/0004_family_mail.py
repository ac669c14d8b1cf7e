"""Emails to families: notices and how far the notifier has read; when a guardian joined.

Revision ID: 0004_family_mail
Revises: 0003_deployment_codes
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004_family_mail"
down_revision = "0003_deployment_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guardian_link") as batch:
        batch.add_column(sa.Column("linked_seq", sa.BigInteger(), nullable=False,
                                   server_default="0"))
    _fill_linked_seq()
    with op.batch_alter_table("guardian_link") as batch:
        batch.alter_column("linked_seq", server_default=None)
    op.create_table(
        "notify_state",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"],
                                name=op.f("fk_notify_state_school_id_schools")),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_notify_state")),
    )
    op.create_table(
        "family_notices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=True),
        sa.Column("due_ms", sa.BigInteger(), nullable=False),
        sa.Column("sent_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["guardian_id"], ["guardians.id"],
                                name=op.f("fk_family_notices_guardian_id_guardians")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"],
                                name=op.f("fk_family_notices_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_notices")),
        sa.UniqueConstraint("guardian_id", "kind", "ref_id",
                            name=op.f("uq_family_notices_guardian_id_kind_ref_id")),
    )
    op.create_index("ix_family_notices_sent_due", "family_notices", ["sent_ms", "due_ms"])


def _fill_linked_seq() -> None:
    """Each link's seq from its guardian_linked event, as a rebuild of the tables gives."""
    connection = op.get_bind()
    events = sa.table("events", sa.column("school_id"), sa.column("server_seq"),
                      sa.column("kind"), sa.column("payload"))
    links = sa.table("guardian_link", sa.column("school_id"), sa.column("guardian_id"),
                     sa.column("student_id"), sa.column("linked_seq"))
    first: dict[tuple[str, str, str], int] = {}
    rows = connection.execute(
        sa.select(events.c.school_id, events.c.server_seq, events.c.kind, events.c.payload)
        .where(events.c.kind.in_(("guardian_linked", "guardian_unlinked")))
        .order_by(events.c.school_id, events.c.server_seq))
    for school_id, seq, kind, payload in rows:
        link = json.loads(payload)
        key = (school_id, link["guardian_id"], link["student_id"])
        if kind == "guardian_linked":
            first.setdefault(key, seq)
        else:
            first.pop(key, None)
    for (school_id, guardian_id, student_id), seq in first.items():
        connection.execute(sa.update(links).where(
            links.c.school_id == school_id, links.c.guardian_id == guardian_id,
            links.c.student_id == student_id).values(linked_seq=seq))


def downgrade() -> None:
    op.drop_table("family_notices")
    op.drop_table("notify_state")
    with op.batch_alter_table("guardian_link") as batch:
        batch.drop_column("linked_seq")
