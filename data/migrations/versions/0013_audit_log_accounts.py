"""one audit log (audit_event) for logins and every admin or operator action; accounts that can be disabled, must
change their password after a reset, and remember their last login

The screen actions of ``ops_audit`` move into ``audit_event`` (their action prefixed ``ops.``) and that table goes;
the colour overrides of ``override_audit`` (kept: a project's colour history) and the saved import mappings are
copied in as ``override.*`` and ``mapping.save`` entries, so the log starts with what was already recorded.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-03 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPY_IN = (
    "INSERT INTO audit_event (at, actor, action, target, detail) "
    "SELECT at, username, 'ops.' || action, target, detail FROM ops_audit ORDER BY id",
    "INSERT INTO audit_event (at, actor, action, target, detail) "
    "SELECT at, username, 'override.' || action, project_no, "
    "COALESCE(previous_status, '-') || ' → ' || COALESCE(status, '-') || '；原因：' || reason "
    "FROM override_audit ORDER BY id",
    "INSERT INTO audit_event (at, actor, action, target, detail) "
    "SELECT updated_at, updated_by, 'mapping.save', '#' || CAST(id AS VARCHAR) || ' ' || kind, "
    "COALESCE(source, '') FROM import_mapping ORDER BY id",
)


def _ops_audit_table() -> None:
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


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"], unique=False)
    op.create_index(op.f("ix_audit_event_actor"), "audit_event", ["actor"], unique=False)
    op.create_index(op.f("ix_audit_event_action"), "audit_event", ["action"], unique=False)
    for statement in _COPY_IN:
        op.execute(statement)
    op.drop_index(op.f("ix_ops_audit_at"), table_name="ops_audit")
    op.drop_table("ops_audit")
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("last_login_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("last_login_at")
        batch.drop_column("must_change_password")
        batch.drop_column("active")
    _ops_audit_table()
    op.execute(
        "INSERT INTO ops_audit (at, username, target, action, detail) "
        "SELECT at, actor, SUBSTR(target, 1, 40), SUBSTR(action, 5), detail FROM audit_event "
        "WHERE action LIKE 'ops.%' ORDER BY id"
    )
    op.drop_index(op.f("ix_audit_event_action"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_actor"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")
    op.drop_table("audit_event")
