"""Families' accounts: a sign-in name instead of an email, and failed mail counted.

Revision ID: 0011_family_accounts
Revises: 0010_school_skills
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_family_accounts"
down_revision = "0010_school_skills"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guardians") as batch:
        batch.add_column(sa.Column("login_name", sa.String(length=60), nullable=True))
        batch.create_unique_constraint(op.f("uq_guardians_login_name"), ["login_name"])
    with op.batch_alter_table("family_notices") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("family_notices") as batch:
        batch.drop_column("attempts")
    with op.batch_alter_table("guardians") as batch:
        batch.drop_constraint(op.f("uq_guardians_login_name"), type_="unique")
        batch.drop_column("login_name")
