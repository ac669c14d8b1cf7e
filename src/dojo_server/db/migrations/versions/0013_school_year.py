"""The new school year: each class's school year and its successor, who teaches which
class, and the class a board was enrolled for before the rollover moved it.

Revision ID: 0013_school_year
Revises: 0012_console_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_school_year"
down_revision = "0012_console_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No event names a school year or a successor yet: nothing to replay into them.
    op.add_column("class_view", sa.Column("school_year", sa.String(length=20),
                                          server_default="", nullable=False))
    op.add_column("class_view", sa.Column("successor_id", sa.String(length=36),
                                          nullable=True))
    op.add_column("devices", sa.Column("former_class_id", sa.String(length=36),
                                       nullable=True))
    op.create_table(
        "class_teacher_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "class_id", "staff_id",
                                name=op.f("pk_class_teacher_view")),
    )


def downgrade() -> None:
    op.drop_table("class_teacher_view")
    op.drop_column("devices", "former_class_id")
    op.drop_column("class_view", "successor_id")
    op.drop_column("class_view", "school_year")
