"""the screens: heartbeats, what operators told them, notices and the audit of screen actions

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "screen",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("page", sa.String(length=40), nullable=True),
        sa.Column("version", sa.String(length=40), nullable=True),
        sa.Column("canvas", sa.String(length=20), nullable=True),
        sa.Column("uptime_seconds", sa.Integer(), nullable=False),
        sa.Column("heap_mb", sa.Float(), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_screen")),
    )
    op.create_table(
        "screen_control",
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("frozen_page", sa.String(length=40), nullable=True),
        sa.Column("quiet_start", sa.String(length=5), nullable=True),
        sa.Column("quiet_end", sa.String(length=5), nullable=True),
        sa.Column("reload_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("target", name=op.f("pk_screen_control")),
    )
    op.create_table(
        "screen_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screen_notice")),
    )
    op.create_index(op.f("ix_screen_notice_target"), "screen_notice", ["target"], unique=False)
    op.create_index(op.f("ix_screen_notice_ends_at"), "screen_notice", ["ends_at"], unique=False)
    op.create_table(
        "ops_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ops_audit")),
    )
    op.create_index(op.f("ix_ops_audit_at"), "ops_audit", ["at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_ops_audit_at"), table_name="ops_audit")
    op.drop_table("ops_audit")
    op.drop_index(op.f("ix_screen_notice_ends_at"), table_name="screen_notice")
    op.drop_index(op.f("ix_screen_notice_target"), table_name="screen_notice")
    op.drop_table("screen_notice")
    op.drop_table("screen_control")
    op.drop_table("screen")
