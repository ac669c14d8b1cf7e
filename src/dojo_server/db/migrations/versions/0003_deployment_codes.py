"""Enrollment codes that IT may use on many PCs (one code in the MSI for a whole lab).

Revision ID: 0003_deployment_codes
Revises: 0002_portal
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_deployment_codes"
down_revision = "0002_portal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enrollment_codes") as batch:
        batch.add_column(sa.Column("max_uses", sa.Integer(), nullable=False,
                                   server_default="1"))
        batch.add_column(sa.Column("use_count", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("last_used_ms", sa.BigInteger(), nullable=True))
    op.execute("UPDATE enrollment_codes SET use_count = 1 WHERE used_by_device IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("enrollment_codes") as batch:
        batch.drop_column("last_used_ms")
        batch.drop_column("use_count")
        batch.drop_column("max_uses")
