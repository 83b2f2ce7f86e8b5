"""A project's manual colour (人工认定): set or clear it with a mandatory reason, in one transaction with its history
row and its entry in the audit log, and raise the data version so every screen shows it at its next poll. A quarter
that has closed is issued first (``etl.quarters``), so a colour set today never changes a past quarter's 骏马奖 /
蜗牛奖."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from config import Settings
from data import audit
from data.engine import Store
from data.schema import OverrideAudit, Project
from etl.load import bump_data_version
from etl.quarters import close_quarters

COLOURS = ("red", "yellow", "green")
SET, CLEAR = "set", "clear"


class OverrideError(ValueError):
    """An override that cannot be recorded; the message says what to fix."""


def _change(
    store: Store, settings: Settings, project_no: str, status: str | None, reason: str, username: str, now: datetime
) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise OverrideError("必须填写人工认定（或取消认定）的原因")
    if status is not None and status not in COLOURS:
        raise OverrideError(f"状态应为 {' / '.join(COLOURS)}")
    project = Project.__table__
    with store.write() as conn:
        row = conn.execute(
            select(project.c.id, project.c.override_status, project.c.override_reason).where(
                project.c.project_no == project_no
            )
        ).first()
        if row is None:
            raise OverrideError(f"没有编号为 {project_no} 的项目")
        if status is None and row.override_status is None:
            raise OverrideError(f"项目 {project_no} 没有人工认定的状态，无需取消")
        close_quarters(conn, settings, now)  # a closed quarter is issued before the colour changes
        conn.execute(
            update(project)
            .where(project.c.id == row.id)
            .values(override_status=status, override_reason=reason[:500] if status else None)
        )
        conn.execute(
            OverrideAudit.__table__.insert().values(
                project_id=row.id,
                project_no=project_no,
                action=SET if status else CLEAR,
                status=status,
                reason=reason,
                previous_status=row.override_status,
                previous_reason=row.override_reason,
                username=username,
                at=now,
            )
        )
        change = f"{row.override_status or '-'} → {status or '-'}；原因：{reason}"
        audit.record(conn, now, username, f"override.{SET if status else CLEAR}", project_no, change)
        bump_data_version(conn, now)


def set_override(
    store: Store, settings: Settings, project_no: str, status: str, reason: str, username: str, now: datetime
) -> None:
    """Show ``project_no`` as ``status`` (red / yellow / green) instead of its computed colour, because ``reason``."""
    _change(store, settings, project_no, status, reason, username, now)


def clear_override(
    store: Store, settings: Settings, project_no: str, reason: str, username: str, now: datetime
) -> None:
    """Go back to the computed colour; the reason is kept in the audit trail."""
    _change(store, settings, project_no, None, reason, username, now)
