"""The school information system's ids of imported staff, classes and children.

Revision ID: 0008_roster_sources
Revises: 0007_device_machine
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_roster_sources"
down_revision = "0007_device_machine"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("sourced_id", sa.String(length=255), nullable=True))
        batch.create_unique_constraint("uq_staff_school_id_sourced_id",
                                       ["school_id", "sourced_id"])
    op.create_table(
        "roster_links",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("sourced_id", sa.String(length=255), nullable=False),
        sa.Column("local_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint("kind IN ('class', 'student')",
                           name="ck_roster_links_kind_known"),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"],
                                name="fk_roster_links_school_id_schools"),
        sa.PrimaryKeyConstraint("school_id", "kind", "sourced_id", name="pk_roster_links"),
        sa.UniqueConstraint("school_id", "kind", "local_id",
                            name="uq_roster_links_school_id_kind_local_id"),
    )


def downgrade() -> None:
    op.drop_table("roster_links")
    with op.batch_alter_table("staff") as batch:
        batch.drop_constraint("uq_staff_school_id_sourced_id", type_="unique")
        batch.drop_column("sourced_id")
