"""Field clocks: each field of a class and of a student in the read tables keeps the HLC
of the write that set it (``field_hlcs``, see dojo_protocol/field_clocks.py), so partial
updates applied in any order leave the same row. Existing rows get ``{}``: every field's
clock is the row's.

Revision ID: 0015_field_clocks
Revises: 0014_staff_on_devices
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_field_clocks"
down_revision = "0014_staff_on_devices"
branch_labels = None
depends_on = None

_TABLES = ("class_view", "student_view")


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy); the default fills the rows already there.
    for table in _TABLES:
        op.add_column(table, sa.Column("field_hlcs", sa.Text(), nullable=False,
                                       server_default="{}"))


def downgrade() -> None:
    for table in _TABLES:
        op.drop_column(table, "field_hlcs")
