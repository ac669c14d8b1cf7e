"""Which class a skill belongs to (none: the whole school), in the skill read table.

Push asks it before a teacher's device changes a skill: only a leader changes one every
class uses. Filled here from the log: the class of each skill's newest version.

Revision ID: 0010_school_skills
Revises: 0009_targets
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0010_school_skills"
down_revision = "0009_targets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("skill_view", sa.Column("class_id", sa.String(length=36), nullable=True))
    conn = op.get_bind()
    newest: dict[tuple[str, str], tuple[str, str | None]] = {}
    rows = conn.execute(sa.text("SELECT school_id, payload, hlc FROM events "
                                "WHERE kind = 'skill_saved' ORDER BY server_seq"))
    for school_id, payload, hlc in rows:
        p = json.loads(payload)
        key = (school_id, p["skill_id"])
        if key not in newest or newest[key][0] < hlc:  # as the projection decides
            newest[key] = (hlc, p.get("class_id") or None)
    updates = [{"s": school_id, "i": skill_id, "c": class_id}
               for (school_id, skill_id), (_hlc, class_id) in newest.items() if class_id]
    if updates:
        conn.execute(sa.text("UPDATE skill_view SET class_id = :c "
                             "WHERE school_id = :s AND id = :i"), updates)


def downgrade() -> None:
    with op.batch_alter_table("skill_view") as batch:
        batch.drop_column("class_id")
