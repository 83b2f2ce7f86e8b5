"""daily summary tables for appeals and reviews; indexes for the closed list and the 差评 metrics

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 10:00:00

The summaries are filled from the facts already stored, so an upgraded database shows the same numbers as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEAL_SCOPE = ("region_id", "park_id", "department_id", "channel", "category")
SUMMARIES = {
    "appeal_received_daily": (
        "received_on",
        (),
        ("appeals", "rated", "satisfied", "satisfied_broad", "repeats", "solved", "solved_rated", "solved_satisfied"),
    ),
    "appeal_due_daily": ("due_on", ("late_closed_on",), ("due", "on_time")),
    "appeal_closed_daily": ("closed_on", (), ("closed",)),
    "appeal_revisited_daily": ("revisit_on", (), ("revisited", "solved")),
}


def _scope_columns() -> list[sa.Column]:
    return [
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=True),
        sa.Column("category", sa.String(length=50), nullable=True),
    ]


def _create(name: str, day: str, extra_days: tuple[str, ...], measures: tuple[str, ...], scope: list) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(day, sa.Date(), nullable=False),
        *(sa.Column(extra, sa.Date(), nullable=True) for extra in extra_days),
        *(sa.Column(measure, sa.Integer(), nullable=False) for measure in measures),
        *scope,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_{day}"), name, [day], unique=False)


def upgrade() -> None:
    for name, (day, extra_days, measures) in SUMMARIES.items():
        _create(name, day, extra_days, measures, _scope_columns())
    review_scope = [
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=30), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
    ]
    _create("review_daily", "reviewed_on", (), ("reviews",), review_scope)
    op.create_index(op.f("ix_appeal_closed_at"), "appeal", ["closed_at"], unique=False)
    op.create_index("ix_review_level_reviewed_at", "review", ["level", "reviewed_at"], unique=False)

    from data.summaries import refresh_summaries

    refresh_summaries(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_review_level_reviewed_at", table_name="review")
    op.drop_index(op.f("ix_appeal_closed_at"), table_name="appeal")
    for name, (day, _extra, _measures) in {**SUMMARIES, "review_daily": ("reviewed_on", (), ())}.items():
        op.drop_index(op.f(f"ix_{name}_{day}"), table_name=name)
        op.drop_table(name)
