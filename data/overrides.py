"""Reading the manual-colour audit trail and the projects an operator may override."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from data.schema import OverrideAudit, Project

AUDIT_COLUMNS = ("at", "project_no", "action", "status", "reason", "previous_status", "previous_reason", "username")


def override_history(conn: Connection, project_no: str | None = None, limit: int = 50) -> pd.DataFrame:
    """The latest overrides set or cleared (newest first), of one project or all."""
    audit = OverrideAudit.__table__
    query = select(*(audit.c[c] for c in AUDIT_COLUMNS)).order_by(audit.c.at.desc(), audit.c.id.desc()).limit(limit)
    if project_no is not None:
        query = query.where(audit.c.project_no == project_no)
    return pd.DataFrame(conn.execute(query).all(), columns=list(AUDIT_COLUMNS))


def project_choices(conn: Connection) -> list[tuple[str, str, str | None]]:
    """(project no, name, current override) of every project, by number."""
    p = Project.__table__
    query = select(p.c.project_no, p.c.name, p.c.override_status).order_by(p.c.project_no)
    return [tuple(row) for row in conn.execute(query)]
