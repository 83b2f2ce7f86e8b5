"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 22:55:02.950275
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_group")),
        sa.UniqueConstraint("name", name=op.f("uq_action_group_name")),
    )
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.create_table(
        "etl_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("encoding", sa.String(length=20), nullable=True),
        sa.Column("checksum", sa.String(length=64), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_inserted", sa.Integer(), nullable=False),
        sa.Column("rows_updated", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_etl_run")),
    )
    with op.batch_alter_table("etl_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_etl_run_checksum"), ["checksum"], unique=False)
        batch_op.create_index(batch_op.f("ix_etl_run_kind"), ["kind"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint("name", name=op.f("uq_indicator_name")),
    )
    op.create_table(
        "region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("parent_code", sa.String(length=20), nullable=True),
        sa.Column("tile_x", sa.Integer(), nullable=True),
        sa.Column("tile_y", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region")),
        sa.UniqueConstraint("code", name=op.f("uq_region_code")),
        sa.UniqueConstraint("name", name=op.f("uq_region_name")),
    )
    op.create_table(
        "workday",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=50), nullable=True),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_workday")),
    )
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=True),
        sa.Column("action_group_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_group_id"], ["action_group.id"], name=op.f("fk_department_action_group_id_action_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("name", name=op.f("uq_department_name")),
    )
    op.create_table(
        "econ_metric",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("yoy", sa.Float(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_econ_metric_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_econ_metric_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_econ_metric")),
        sa.UniqueConstraint("metric", "period", "region_id", name=op.f("uq_econ_metric_metric_period_region_id")),
    )
    with op.batch_alter_table("econ_metric", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_econ_metric_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "enterprise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("scale", sa.String(length=20), nullable=True),
        sa.Column("tags", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["park_id"], ["region.id"], name=op.f("fk_enterprise_park_id_region")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_enterprise_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise")),
        sa.UniqueConstraint("name", name=op.f("uq_enterprise_name")),
    )
    with op.batch_alter_table("enterprise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_credit_code"), ["credit_code"], unique=False)

    op.create_table(
        "etl_reject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(length=500), nullable=False),
        sa.Column("row", sa.Integer(), nullable=True),
        sa.Column("column", sa.String(length=100), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["etl_run.id"], name=op.f("fk_etl_reject_run_id_etl_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_etl_reject")),
    )
    with op.batch_alter_table("etl_reject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_etl_reject_run_id"), ["run_id"], unique=False)

    op.create_table(
        "indicator_eval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=6), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("n_cities", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_indicator_eval_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_indicator_eval_indicator_id_indicator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_eval")),
    )
    with op.batch_alter_table("indicator_eval", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_eval_etl_run_id"), ["etl_run_id"], unique=False)
    op.create_index(
        "uq_indicator_eval_period_indicator",
        "indicator_eval",
        ["period", sa.text("coalesce(indicator_id, 0)")],
        unique=True,
    )

    op.create_table(
        "appeal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_no", sa.String(length=50), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=True),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=True),
        sa.Column("channel", sa.String(length=50), nullable=True),
        sa.Column("urgency", sa.String(length=10), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("first_contact_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("revisit_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("resolution", sa.String(length=20), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("is_escalated", sa.Boolean(), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=30), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_appeal_department_id_department")),
        sa.ForeignKeyConstraint(["enterprise_id"], ["enterprise.id"], name=op.f("fk_appeal_enterprise_id_enterprise")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_appeal_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["park_id"], ["region.id"], name=op.f("fk_appeal_park_id_region")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_appeal_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeal")),
        sa.UniqueConstraint("ticket_no", name=op.f("uq_appeal_ticket_no")),
    )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appeal_channel"), ["channel"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_appeal_region_id"), ["region_id"], unique=False)

    op.create_table(
        "award",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=6), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("award", sa.String(length=10), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_award_department_id_department")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_award_etl_run_id_etl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_award")),
        sa.UniqueConstraint("period", "department_id", "award", name=op.f("uq_award_period_department_id_award")),
    )
    with op.batch_alter_table("award", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_award_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "cadre",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_no", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_cadre_department_id_department")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_cadre_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_cadre_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
        sa.UniqueConstraint("cadre_no", name=op.f("uq_cadre_cadre_no")),
    )
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadre_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cadre_region_id"), ["region_id"], unique=False)

    op.create_table(
        "clearance_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_no", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("origin", sa.String(length=50), nullable=True),
        sa.Column("action_group_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=True),
        sa.Column("rectify_type", sa.String(length=20), nullable=True),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("batch", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_group_id"],
            ["action_group.id"],
            name=op.f("fk_clearance_issue_action_group_id_action_group"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_clearance_issue_department_id_department")
        ),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_clearance_issue_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_clearance_issue_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clearance_issue")),
        sa.UniqueConstraint("issue_no", name=op.f("uq_clearance_issue_issue_no")),
    )
    with op.batch_alter_table("clearance_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clearance_issue_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clearance_issue_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clearance_issue_region_id"), ["region_id"], unique=False)

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_no", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("investment_plan", sa.Float(), nullable=True),
        sa.Column("is_blocked", sa.Boolean(), nullable=False),
        sa.Column("blocked_reason", sa.String(length=500), nullable=True),
        sa.Column("override_status", sa.String(length=10), nullable=True),
        sa.Column("override_reason", sa.String(length=500), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_project_department_id_department")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_project_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_project_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("project_no", name=op.f("uq_project_project_no")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "refusal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refusal_no", sa.String(length=50), nullable=False),
        sa.Column("appeal_ticket_no", sa.String(length=50), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=False),
        sa.Column("escalated_on", sa.Date(), nullable=True),
        sa.Column("escalated_to", sa.String(length=100), nullable=True),
        sa.Column("told_on", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_refusal_department_id_department")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_refusal_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_refusal_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refusal")),
        sa.UniqueConstraint("refusal_no", name=op.f("uq_refusal_refusal_no")),
    )
    with op.batch_alter_table("refusal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refusal_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refusal_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_no", sa.String(length=50), nullable=False),
        sa.Column("service_name", sa.String(length=200), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("is_real_name", sa.Boolean(), nullable=False),
        sa.Column("ruled_mistaken", sa.Boolean(), nullable=False),
        sa.Column("rectify_due", sa.Date(), nullable=True),
        sa.Column("rectified_on", sa.Date(), nullable=True),
        sa.Column("revisited_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"], name=op.f("fk_review_department_id_department")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_review_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_review_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint("review_no", name=op.f("uq_review_review_no")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_region_id"), ["region_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_reviewed_at"), ["reviewed_at"], unique=False)

    op.create_table(
        "service_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_no", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lifecycle_stage", sa.String(length=30), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("launched_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("materials_before", sa.Integer(), nullable=True),
        sa.Column("materials_after", sa.Integer(), nullable=True),
        sa.Column("days_before", sa.Float(), nullable=True),
        sa.Column("days_after", sa.Float(), nullable=True),
        sa.Column("trips_before", sa.Integer(), nullable=True),
        sa.Column("trips_after", sa.Integer(), nullable=True),
        sa.Column("monthly_volume", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"], ["department.id"], name=op.f("fk_service_item_department_id_department")
        ),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_service_item_etl_run_id_etl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_item")),
        sa.UniqueConstraint("item_no", name=op.f("uq_service_item_item_no")),
    )
    with op.batch_alter_table("service_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_item_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_assignment_cadre_id_cadre")),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprise.id"], name=op.f("fk_assignment_enterprise_id_enterprise")
        ),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_assignment_etl_run_id_etl_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
        sa.UniqueConstraint("cadre_id", "enterprise_id", name=op.f("uq_assignment_cadre_id_enterprise_id")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_etl_run_id"), ["etl_run_id"], unique=False)

    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_milestone_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_milestone_project_id_project"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
        sa.UniqueConstraint("project_id", "seq", name=op.f("uq_milestone_project_id_seq")),
    )
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestone_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_milestone_project_id"), ["project_id"], unique=False)

    op.create_table(
        "progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("investment_to_date", sa.Float(), nullable=True),
        sa.Column("physical_pct", sa.Float(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_progress_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_progress_project_id_project"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress")),
        sa.UniqueConstraint("project_id", "month", name=op.f("uq_progress_project_id_month")),
    )
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_progress_project_id"), ["project_id"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_no", sa.String(length=50), nullable=False),
        sa.Column("cadre_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=True),
        sa.Column("problems_collected", sa.Integer(), nullable=False),
        sa.Column("problems_solved", sa.Integer(), nullable=False),
        sa.Column("policies_delivered", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("etl_run_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_visit_cadre_id_cadre")),
        sa.ForeignKeyConstraint(["enterprise_id"], ["enterprise.id"], name=op.f("fk_visit_enterprise_id_enterprise")),
        sa.ForeignKeyConstraint(["etl_run_id"], ["etl_run.id"], name=op.f("fk_visit_etl_run_id_etl_run")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_visit_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
        sa.UniqueConstraint("visit_no", name=op.f("uq_visit_visit_no")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_etl_run_id"), ["etl_run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_region_id"), ["region_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_visited_on"), ["visited_on"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visited_on"))
        batch_op.drop_index(batch_op.f("ix_visit_region_id"))
        batch_op.drop_index(batch_op.f("ix_visit_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_visit_enterprise_id"))
        batch_op.drop_index(batch_op.f("ix_visit_cadre_id"))

    op.drop_table("visit")
    with op.batch_alter_table("progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_project_id"))
        batch_op.drop_index(batch_op.f("ix_progress_etl_run_id"))

    op.drop_table("progress")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_project_id"))
        batch_op.drop_index(batch_op.f("ix_milestone_etl_run_id"))

    op.drop_table("milestone")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_enterprise_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_cadre_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("service_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_item_etl_run_id"))

    op.drop_table("service_item")
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_reviewed_at"))
        batch_op.drop_index(batch_op.f("ix_review_region_id"))
        batch_op.drop_index(batch_op.f("ix_review_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_review_department_id"))

    op.drop_table("review")
    with op.batch_alter_table("refusal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refusal_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_refusal_department_id"))

    op.drop_table("refusal")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_project_department_id"))

    op.drop_table("project")
    with op.batch_alter_table("clearance_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clearance_issue_region_id"))
        batch_op.drop_index(batch_op.f("ix_clearance_issue_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_clearance_issue_department_id"))

    op.drop_table("clearance_issue")
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadre_region_id"))
        batch_op.drop_index(batch_op.f("ix_cadre_etl_run_id"))

    op.drop_table("cadre")
    with op.batch_alter_table("award", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_award_etl_run_id"))

    op.drop_table("award")
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appeal_region_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_received_at"))
        batch_op.drop_index(batch_op.f("ix_appeal_etl_run_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_enterprise_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_due_at"))
        batch_op.drop_index(batch_op.f("ix_appeal_department_id"))
        batch_op.drop_index(batch_op.f("ix_appeal_channel"))

    op.drop_table("appeal")
    op.drop_index("uq_indicator_eval_period_indicator", table_name="indicator_eval")
    with op.batch_alter_table("indicator_eval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_eval_etl_run_id"))

    op.drop_table("indicator_eval")
    with op.batch_alter_table("etl_reject", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_etl_reject_run_id"))

    op.drop_table("etl_reject")
    with op.batch_alter_table("enterprise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_credit_code"))

    op.drop_table("enterprise")
    with op.batch_alter_table("econ_metric", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_econ_metric_etl_run_id"))

    op.drop_table("econ_metric")
    op.drop_table("department")
    op.drop_table("workday")
    op.drop_table("region")
    op.drop_table("indicator")
    with op.batch_alter_table("etl_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_etl_run_kind"))
        batch_op.drop_index(batch_op.f("ix_etl_run_checksum"))

    op.drop_table("etl_run")
    op.drop_table("data_version")
    op.drop_table("action_group")
