"""The import audit as rows for the operator page: recent runs and the rejected rows of one run."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from data.schema import EtlReject, EtlRun

RUN_COLUMNS = ("id", "kind", "source", "status", "started_at", "rows_read", "rows_inserted", "rows_updated")
REJECT_COLUMNS = ("file", "row", "column", "value", "reason")


def recent_runs(conn: Connection, limit: int = 30) -> pd.DataFrame:
    run = EtlRun.__table__
    query = select(*(run.c[c] for c in RUN_COLUMNS), run.c.rows_rejected, run.c.message)
    frame = pd.DataFrame(conn.execute(query.order_by(run.c.id.desc()).limit(limit)).all())
    return frame.reindex(columns=[*RUN_COLUMNS, "rows_rejected", "message"])


def run_rejects(conn: Connection, run_id: int, limit: int = 2000) -> pd.DataFrame:
    reject = EtlReject.__table__
    query = (
        select(*(reject.c[c] for c in REJECT_COLUMNS))
        .where(reject.c.run_id == run_id)
        .order_by(reject.c.row, reject.c.id)
        .limit(limit)
    )
    return pd.DataFrame(conn.execute(query).all()).reindex(columns=list(REJECT_COLUMNS))
