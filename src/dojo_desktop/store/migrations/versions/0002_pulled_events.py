"""Pulled events: what the server sent, so a page pulled twice is applied once.

Revision ID: 0002_pulled_events
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_pulled_events"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pulled_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("server_seq", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_pulled_events")),
    )


def downgrade() -> None:
    op.drop_table("pulled_events")
