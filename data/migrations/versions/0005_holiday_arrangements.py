"""holiday arrangements loaded as data; where each working day came from; appeals whose due date was counted

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 21:00:00

``workday.basis`` ``official`` (the ``chinese_calendar`` package) is renamed ``package``. Appeals stored before this
revision keep ``due_derived`` false: whether their 办理时限 was given or counted is not known.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "holiday_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_holiday_day_etl_run_id_etl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holiday_day")),
        sa.UniqueConstraint("day", name=op.f("uq_holiday_day_day")),
    )
    with op.batch_alter_table("holiday_day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holiday_day_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_holiday_day_year"), ["year"], unique=False)
    with op.batch_alter_table("workday", schema=None) as batch_op:
        batch_op.add_column(sa.Column("etl_run_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_workday_etl_run_id_etl_run"), "etl_run", ["etl_run_id"], ["id"])
    op.execute("UPDATE workday SET basis = 'package' WHERE basis = 'official'")
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_derived", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_column("due_derived")
    op.execute("UPDATE workday SET basis = 'official' WHERE basis = 'package'")
    with op.batch_alter_table("workday", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_workday_etl_run_id_etl_run"), type_="foreignkey")
        batch_op.drop_column("etl_run_id")
    with op.batch_alter_table("holiday_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holiday_day_year"))
        batch_op.drop_index(batch_op.f("ix_holiday_day_etl_run_id"))
    op.drop_table("holiday_day")
