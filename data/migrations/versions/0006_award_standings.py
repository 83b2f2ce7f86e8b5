"""issued quarterly standings: award_issue (rule, as-of, who and why) and award_standing (one line per department)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "award_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=6), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("rule_version", sa.String(length=40), nullable=False),
        sa.Column("weights", sa.Text(), nullable=False),
        sa.Column("min_items", sa.Integer(), nullable=False),
        sa.Column("tie_rule", sa.String(length=20), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_issue")),
        sa.UniqueConstraint("period", "version", name=op.f("uq_award_issue_period_version")),
    )
    op.create_index(op.f("ix_award_issue_period"), "award_issue", ["period"], unique=False)
    op.create_table(
        "award_standing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.Column("standing", sa.String(length=40), nullable=True),
        sa.Column("parts", sa.Text(), nullable=False),
        sa.Column("triggers", sa.Text(), nullable=False),
        sa.Column("proposal", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["issue_id"], ["award_issue.id"], name=op.f("fk_award_standing_issue_id_award_issue"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award_standing")),
    )
    op.create_index(op.f("ix_award_standing_issue_id"), "award_standing", ["issue_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_award_standing_issue_id"), table_name="award_standing")
    op.drop_table("award_standing")
    op.drop_index(op.f("ix_award_issue_period"), table_name="award_issue")
    op.drop_table("award_issue")
