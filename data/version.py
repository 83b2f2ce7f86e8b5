"""The data version the wall polls, and the as-of time of each source (its last successful load)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from data.schema import Appeal, DataVersion, EtlRun

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


def deadline_mark(conn: Connection, now: datetime) -> str:
    """What the figures' dependence on the clock comes to as of ``now``: its day and, within the day, the latest
    appeal due time already passed (an appeal turns 逾期 at the minute; every other deadline is a day). Figures
    computed at two instants with the same mark are the same, so a view cache keyed by it rebuilds when an appeal
    falls due, not every minute. One index lookup."""
    latest = conn.execute(select(func.max(Appeal.due_at)).where(Appeal.due_at < now)).scalar_one_or_none()
    if latest is None or latest.date() < now.date():
        return now.date().isoformat()
    return f"{now.date().isoformat()}+{latest:%H:%M:%S}"
