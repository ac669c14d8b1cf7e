"""Initial schema: schools, staff, devices, enrollment codes, events, counters, blobs.

Revision ID: 0001_initial
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

_ROLE_CHECK = "role IN ('teacher', 'ta', 'leader', 'admin')"


def _school_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["school_id"], ["schools.id"],
                                   name=op.f(f"fk_{table}_school_id_schools"))


def _device_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["device_id"], ["devices.id"],
                                   name=op.f(f"fk_{table}_device_id_devices"))


def upgrade() -> None:
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_server_meta")),
    )
    op.create_table(
        "schools",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schools")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(_ROLE_CHECK, name=op.f("ck_staff_role_known")),
        _school_fk("staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("school_id", "email", name=op.f("uq_staff_school_id_email")),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("class_id", sa.String(36), nullable=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("revoked_at", sa.BigInteger(), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("enrolled_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(_ROLE_CHECK, name=op.f("ck_devices_role_known")),
        _school_fk("devices"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_devices")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_devices_token_hash")),
    )
    op.create_index(op.f("ix_devices_school_id"), "devices", ["school_id"])
    op.create_table(
        "enrollment_codes",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("class_id", sa.String(36), nullable=True),
        sa.Column("expires_ms", sa.BigInteger(), nullable=False),
        sa.Column("used_by_device", sa.String(64), nullable=True),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(_ROLE_CHECK, name=op.f("ck_enrollment_codes_role_known")),
        _school_fk("enrollment_codes"),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_codes")),
    )
    op.create_table(
        "school_counters",
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("next_seq", sa.BigInteger(), nullable=False),
        _school_fk("school_counters"),
        sa.PrimaryKeyConstraint("school_id", name=op.f("pk_school_counters")),
    )
    op.create_table(
        "events",
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("hlc", sa.String(120), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_ms", sa.BigInteger(), nullable=False),
        _device_fk("events"),
        _school_fk("events"),
        sa.PrimaryKeyConstraint("school_id", "server_seq", name=op.f("pk_events")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_events_device_id_seq")),
        sa.UniqueConstraint("event_id", name=op.f("uq_events_event_id")),
    )
    op.create_table(
        "rejected_events",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_ms", sa.BigInteger(), nullable=False),
        _device_fk("rejected_events"),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_rejected_events")),
    )
    op.create_table(
        "blobs",
        sa.Column("school_id", sa.String(36), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        _school_fk("blobs"),
        sa.PrimaryKeyConstraint("school_id", "sha256", name=op.f("pk_blobs")),
    )


def downgrade() -> None:
    for table in ("blobs", "rejected_events", "events", "school_counters",
                  "enrollment_codes", "devices", "staff", "schools", "server_meta"):
        op.drop_table(table)
