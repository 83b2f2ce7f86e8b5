"""the study report's programmes: 为企服务专班 (squads, and a squad on appeals and 清障 issues), 对标提升 微改革
measures, 清风行动 counts, and the 一件事一次办 service's origin (省定 / 本地新增)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROUTED = ("appeal", "clearance_issue")


def _lineage(table: str) -> list:
    return [
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f(f"fk_{table}_etl_run_id_etl_run")),
    ]


def _department(table: str, nullable: bool) -> list:
    return [
        sa.Column("department_id", sa.Integer(), nullable=nullable),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f(f"fk_{table}_department_id_department")
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "squad",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("domain", sa.String(length=30), nullable=True),
        *_department("squad", True),
        sa.Column("members", sa.String(length=500), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=30), nullable=True),
        *_lineage("squad"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_squad")),
        sa.UniqueConstraint("name", name=op.f("uq_squad_name")),
    )
    op.create_table(
        "reform_measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_no", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        *_department("reform_measure", False),
        sa.Column("benchmark_scope", sa.String(length=10), nullable=True),
        sa.Column("benchmark_city", sa.String(length=50), nullable=True),
        sa.Column("benchmark_indicator", sa.String(length=100), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("is_blocked", sa.Boolean(), nullable=False),
        sa.Column("blocked_reason", sa.String(length=500), nullable=True),
        *_lineage("reform_measure"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reform_measure")),
        sa.UniqueConstraint("measure_no", name=op.f("uq_reform_measure_measure_no")),
    )
    op.create_index(op.f("ix_reform_measure_department_id"), "reform_measure", ["department_id"])
    op.create_index(op.f("ix_reform_measure_etl_run_id"), "reform_measure", ["etl_run_id"])
    op.create_index(op.f("ix_squad_etl_run_id"), "squad", ["etl_run_id"])
    op.create_table(
        "clean_wind_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        *_department("clean_wind_count", False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        *(
            sa.Column(count, sa.Integer(), nullable=False)
            for count in ("problems_found", "problems_rectified", "exposed", "investigated", "prosecuted")
        ),
        *_lineage("clean_wind_count"),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_clean_wind_count_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clean_wind_count")),
        sa.UniqueConstraint(
            "campaign", "period", "department_id", name=op.f("uq_clean_wind_count_campaign_period_department_id")
        ),
    )
    for column in ("department_id", "etl_run_id", "period"):
        op.create_index(op.f(f"ix_clean_wind_count_{column}"), "clean_wind_count", [column])
    for table in ROUTED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("squad_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(op.f(f"fk_{table}_squad_id_squad"), "squad", ["squad_id"], ["id"])
            batch.create_index(op.f(f"ix_{table}_squad_id"), ["squad_id"])
    with op.batch_alter_table("service_item") as batch:
        batch.add_column(sa.Column("origin", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("service_item") as batch:
        batch.drop_column("origin")
    for table in ROUTED:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(op.f(f"ix_{table}_squad_id"))
            batch.drop_constraint(op.f(f"fk_{table}_squad_id_squad"), type_="foreignkey")
            batch.drop_column("squad_id")
    op.drop_table("clean_wind_count")
    op.drop_table("reform_measure")
    op.drop_table("squad")
