"""the 调度会 marks: each marked meeting with who marked it, when, and the snapshot the view compares with

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "meeting_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("marked_by", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_mark")),
    )
    op.create_index(op.f("ix_meeting_mark_meeting_on"), "meeting_mark", ["meeting_on"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_meeting_mark_meeting_on"), table_name="meeting_mark")
    op.drop_table("meeting_mark")
