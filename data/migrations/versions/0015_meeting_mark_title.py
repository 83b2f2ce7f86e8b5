"""the 调度会 marks' optional title (e.g. 第 12 次调度会), typed on /operator or with ``battlemap meeting mark --title``

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meeting_mark") as batch:
        batch.add_column(sa.Column("title", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting_mark") as batch:
        batch.drop_column("title")
