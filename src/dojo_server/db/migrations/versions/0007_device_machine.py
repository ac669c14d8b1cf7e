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
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("machine", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("copied_from", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("copied_from")
        batch.drop_column("machine")
