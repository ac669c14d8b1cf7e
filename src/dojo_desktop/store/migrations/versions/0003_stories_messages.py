"""Stories, messages, guardians and attachments: the tables behind the family features.

Events of these kinds pulled or written before this revision were kept as received;
the app replays them into these tables right after migrating (see store/database.py).

Revision ID: 0003_stories_messages
Revises: 0002_pulled_events
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_stories_messages"
down_revision = "0002_pulled_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=80), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("thumbnail", sa.String(length=300), nullable=False),
        sa.Column("created_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachments")),
    )
    op.create_table(
        "guardian_links",
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=False),
        sa.Column("linked", sa.Boolean(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("guardian_id", "student_id", name=op.f("pk_guardian_links")),
    )
    with op.batch_alter_table("guardian_links", schema=None) as batch_op:
        batch_op.create_index("ix_guardian_links_student", ["student_id"], unique=False)

    op.create_table(
        "guardians",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardians")),
    )
    op.create_table(
        "message_attachments",
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("message_id", "position", name=op.f("pk_message_attachments")),
    )
    op.create_table(
        "message_receipts",
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("reader", sa.String(length=12), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("at_ms", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint(
            "message_id", "reader", "guardian_id", name=op.f("pk_message_receipts")
        ),
    )
    op.create_table(
        "messages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("thread_id", sa.String(length=36), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=True),
        sa.Column("class_id", sa.String(length=36), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("send_after_ms", sa.Integer(), nullable=True),
        sa.Column("sender", sa.String(length=12), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=True),
        sa.Column("sender_name", sa.String(length=120), nullable=False),
        sa.Column("at_ms", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_thread_at", ["thread_id", "at_ms"], unique=False)
        batch_op.create_index("ix_messages_student_at", ["student_id", "at_ms"], unique=False)

    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("scope", sa.String(length=12), nullable=False),
        sa.Column("student_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_hlc", sa.String(length=80), nullable=False),
        sa.Column("attachments_hlc", sa.String(length=80), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("state_hlc", sa.String(length=80), nullable=False),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("review_comment_hlc", sa.String(length=80), nullable=False),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("at_ms", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.create_index("ix_stories_state_at", ["state", "at_ms"], unique=False)

    op.create_table(
        "story_attachments",
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("story_id", "position", name=op.f("pk_story_attachments")),
    )
    op.create_table(
        "story_classes",
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("class_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("story_id", "class_id", name=op.f("pk_story_classes")),
    )
    with op.batch_alter_table("story_classes", schema=None) as batch_op:
        batch_op.create_index("ix_story_classes_class", ["class_id"], unique=False)

    op.create_table(
        "story_deletions",
        sa.Column("story_id", sa.String(length=36), nullable=False),
        sa.Column("at_ms", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_story_deletions")),
    )


def downgrade() -> None:
    op.drop_table("story_deletions")
    with op.batch_alter_table("story_classes", schema=None) as batch_op:
        batch_op.drop_index("ix_story_classes_class")

    op.drop_table("story_classes")
    op.drop_table("story_attachments")
    with op.batch_alter_table("stories", schema=None) as batch_op:
        batch_op.drop_index("ix_stories_state_at")

    op.drop_table("stories")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_student_at")
        batch_op.drop_index("ix_messages_thread_at")

    op.drop_table("messages")
    op.drop_table("message_receipts")
    op.drop_table("message_attachments")
    op.drop_table("guardians")
    with op.batch_alter_table("guardian_links", schema=None) as batch_op:
        batch_op.drop_index("ix_guardian_links_student")

    op.drop_table("guardian_links")
    op.drop_table("attachments")
