"""the headline figures' confirmed values and held changes (counters that never lie)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "figure_hold",
        sa.Column("figure", sa.String(length=40), nullable=False),
        sa.Column("confirmed_value", sa.Float(), nullable=True),
        sa.Column("confirmed_token", sa.String(length=40), nullable=False),
        sa.Column("confirmed_as_of", sa.DateTime(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.Column("held_value", sa.Float(), nullable=True),
        sa.Column("held_token", sa.String(length=40), nullable=True),
        sa.Column("held_since", sa.DateTime(), nullable=True),
        sa.Column("held_runs", sa.Text(), nullable=True),
        sa.Column("rejected_value", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("figure", name=op.f("pk_figure_hold")),
    )


def downgrade() -> None:
    op.drop_table("figure_hold")
