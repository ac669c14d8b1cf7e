"""The family portal: read tables kept from the event log, guardians, invites, sessions.

Revision ID: 0002_portal
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_portal"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "award_undo_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("award_id", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "award_id", name=op.f("pk_award_undo_view")),
    )
    op.create_table(
        "award_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.Column("skill_id", sa.String(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_award_view")),
    )
    op.create_index(
        "ix_award_view_school_student_at",
        "award_view",
        ["school_id", "student_id", "at_ms"],
        unique=False,
    )
    op.create_table(
        "class_member",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint(
            "school_id", "class_id", "student_id", name=op.f("pk_class_member")
        ),
    )
    op.create_index(
        "ix_class_member_school_student", "class_member", ["school_id", "student_id"], unique=False
    )
    op.create_table(
        "class_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("year_group", sa.String(length=60), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_class_view")),
    )
    op.create_table(
        "guardian_link",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("linked_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "school_id", "guardian_id", "student_id", name=op.f("pk_guardian_link")
        ),
    )
    op.create_index(
        "ix_guardian_link_school_student",
        "guardian_link",
        ["school_id", "student_id"],
        unique=False,
    )
    op.create_table(
        "message_read",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("reader", sa.String(length=12), nullable=False),
        sa.Column("reader_id", sa.String(length=64), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "school_id", "message_id", "reader", "reader_id", name=op.f("pk_message_read")
        ),
    )
    op.create_table(
        "message_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("thread_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=True),
        sa.Column("class_id", sa.String(length=36), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("send_after_ms", sa.BigInteger(), nullable=True),
        sa.Column("sender", sa.String(length=12), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=True),
        sa.Column("sender_name", sa.String(length=120), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_message_view")),
    )
    op.create_index(
        "ix_message_view_school_class", "message_view", ["school_id", "class_id"], unique=False
    )
    op.create_index(
        "ix_message_view_school_student", "message_view", ["school_id", "student_id"], unique=False
    )
    op.create_index(
        "ix_message_view_school_thread", "message_view", ["school_id", "thread_id"], unique=False
    )
    op.create_table(
        "projection_state",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("applied_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_projection_state")),
    )
    op.create_table(
        "rate_limits",
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("window_start_ms", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limits")),
    )
    op.create_table(
        "skill_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("icon", sa.String(length=40), nullable=False),
        sa.Column("polarity", sa.String(length=12), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_skill_view")),
    )
    op.create_table(
        "story_class",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "story_id", "class_id", name=op.f("pk_story_class")),
    )
    op.create_index(
        "ix_story_class_school_class", "story_class", ["school_id", "class_id"], unique=False
    )
    op.create_table(
        "story_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachments", sa.Text(), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("field_hlcs", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_story_view")),
    )
    op.create_index(
        "ix_story_view_school_at", "story_view", ["school_id", "at_ms", "id"], unique=False
    )
    op.create_table(
        "student_view",
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("first_name", sa.String(length=60), nullable=False),
        sa.Column("last_name", sa.String(length=60), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("school_id", "id", name=op.f("pk_student_view")),
    )
    op.create_table(
        "guardians",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("email_notifications", sa.Boolean(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_guardians_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardians")),
        sa.UniqueConstraint("email", name=op.f("uq_guardians_email")),
    )
    op.create_index(op.f("ix_guardians_school_id"), "guardians", ["school_id"], unique=False)
    op.create_table(
        "invite_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.Column("used_ms", sa.BigInteger(), nullable=True),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_invite_codes_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_invite_codes")),
    )
    op.create_index(op.f("ix_invite_codes_school_id"), "invite_codes", ["school_id"], unique=False)
    op.create_table(
        "login_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("used_ms", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["guardians.id"], name=op.f("fk_login_links_guardian_id_guardians")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_links")),
    )
    op.create_index(
        op.f("ix_login_links_guardian_id"), "login_links", ["guardian_id"], unique=False
    )
    op.create_table(
        "portal_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["guardians.id"], name=op.f("fk_portal_sessions_guardian_id_guardians")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_portal_sessions")),
    )
    op.create_index(
        op.f("ix_portal_sessions_guardian_id"), "portal_sessions", ["guardian_id"], unique=False
    )


def downgrade() -> None:
    for table in (
        "portal_sessions",
        "login_links",
        "invite_codes",
        "guardians",
        "student_view",
        "story_view",
        "story_class",
        "skill_view",
        "rate_limits",
        "projection_state",
        "message_view",
        "message_read",
        "guardian_link",
        "class_view",
        "class_member",
        "award_view",
        "award_undo_view",
    ):
        op.drop_table(table)
