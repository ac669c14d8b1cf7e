"""Staff on devices: the name families see, what the server last published of each member
of staff, and the person a device (or an enrollment code) is for.

Revision ID: 0014_staff_on_devices
Revises: 0013_school_year
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_staff_on_devices"
down_revision = "0013_school_year"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): other tables refer to staff and devices.
    op.add_column("staff", sa.Column("display_name", sa.String(length=120), nullable=True))
    op.add_column("staff", sa.Column("published", sa.String(length=64), nullable=True))
    op.add_column("devices", sa.Column("staff_id", sa.String(length=36), nullable=True))
    op.add_column("enrollment_codes", sa.Column("staff_id", sa.String(length=36),
                                                nullable=True))


def downgrade() -> None:
    op.drop_column("enrollment_codes", "staff_id")
    op.drop_column("devices", "staff_id")
    op.drop_column("staff", "published")
    op.drop_column("staff", "display_name")
