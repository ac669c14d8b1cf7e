"""Field clocks: each field of a class and of a student keeps the HLC of the write that
set it (``field_hlcs``, see dojo_protocol/field_clocks.py), so partial updates applied in
any order leave the same row. Existing rows get ``{}``: every field's clock is the row's.

Revision ID: 0005_field_clocks
Revises: 0004_records
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_field_clocks"
down_revision = "0004_records"
branch_labels = None
depends_on = None

_TABLES = ("classes", "students")


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): other tables refer to classes and students.
    for table in _TABLES:
        op.add_column(table, sa.Column("field_hlcs", sa.Text(), nullable=False,
                                       server_default="{}"))


def downgrade() -> None:
    for table in _TABLES:
        op.drop_column(table, "field_hlcs")
