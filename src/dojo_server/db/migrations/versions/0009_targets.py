"""Children's own targets for the day, as families see them.

Revision ID: 0009_targets
Revises: 0008_roster_sources
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_targets"
down_revision = "0008_roster_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No event of this kind was accepted before, so there is nothing to replay into it.
    op.create_table(
        "target_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("skill_ids", sa.Text(), nullable=False),
        sa.Column("cleared", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "student_id", "scope",
                                name=op.f("pk_target_view")),
    )


def downgrade() -> None:
    op.drop_table("target_view")
