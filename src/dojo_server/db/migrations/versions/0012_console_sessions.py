"""The staff console's tables: a signed-in member of staff per browser, and roster exports
waiting between their preview and being imported.

Revision ID: 0012_console_sessions
Revises: 0011_family_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_console_sessions"
down_revision = "0011_family_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"],
                                name=op.f("fk_staff_sessions_staff_id_staff")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_sessions")),
    )
    op.create_index(op.f("ix_staff_sessions_staff_id"), "staff_sessions", ["staff_id"],
                    unique=False)
    op.create_table(
        "roster_uploads",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"],
                                name=op.f("fk_roster_uploads_school_id_schools")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_roster_uploads")),
    )
    op.create_index(op.f("ix_roster_uploads_school_id"), "roster_uploads", ["school_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_roster_uploads_school_id"), table_name="roster_uploads")
    op.drop_table("roster_uploads")
    op.drop_index(op.f("ix_staff_sessions_staff_id"), table_name="staff_sessions")
    op.drop_table("staff_sessions")
