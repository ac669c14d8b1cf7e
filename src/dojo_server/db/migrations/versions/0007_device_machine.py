"""Which computer a device is on, and the device a copied one came from.

Revision ID: 0007_device_machine
Revises: 0006_event_audiences
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_device_machine"
down_revision = "0006_event_audiences"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): other tables refer to devices.
    op.add_column("devices", sa.Column("machine", sa.String(length=64), nullable=True))
    op.add_column("devices", sa.Column("copied_from", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("devices", "copied_from")
    op.drop_column("devices", "machine")
