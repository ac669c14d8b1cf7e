"""Records: one generic table for the record kinds of the protocol's registry (attendance
first). Attendance events kept as received before this revision are replayed into it right
after migrating (see store/database.py).

Revision ID: 0004_records
Revises: 0003_stories_messages
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_records"
down_revision = "0003_stories_messages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", name=op.f("pk_records")),
    )
    op.create_index(op.f("ix_records_kind_class_id"), "records", ["kind", "class_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_records_kind_class_id"), table_name="records")
    op.drop_table("records")
