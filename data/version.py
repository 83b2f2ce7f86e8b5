"""The data version the wall polls, and the as-of time of each source (its last successful load)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from data.schema import DataVersion, EtlRun

LOADED = "loaded"


def data_version(conn: Connection) -> int:
    """A number that changes with every committed load; cheap enough to poll every few seconds."""
    return conn.execute(select(DataVersion.version).where(DataVersion.id == 1)).scalar_one_or_none() or 0


def source_as_of(conn: Connection) -> dict[str, datetime]:
    """Per source kind, when its last successful load finished."""
    rows = conn.execute(
        select(EtlRun.kind, func.max(EtlRun.finished_at)).where(EtlRun.status == LOADED).group_by(EtlRun.kind)
    ).all()
    return {kind: finished for kind, finished in rows if finished is not None}


def as_of(conn: Connection) -> datetime | None:
    """The data's as-of time: the latest successful load of any source."""
    times = source_as_of(conn).values()
    return max(times) if times else None
