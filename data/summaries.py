"""Refreshing the summary tables (``data.schema.summaries``) from the facts, inside the caller's transaction.

The ETL calls :func:`refresh_summaries` in the same write transaction as the load and the data-version bump, so a
reader sees the facts and their summaries of one version or of the other — never a mix. A refresh rebuilds a
summary whole with one ``INSERT … SELECT … GROUP BY`` per table (a few seconds at a million facts); the counting
rules are the metric modules' clauses, so a summary counts exactly what the metric's definition says.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, and_, case, delete, func, insert, select

from data.metrics.appeals import APPEAL, APPEAL_KEYS, ON_TIME, RATED, SOLVED, ap, satisfied_clause
from data.metrics.reviews import REVIEW, rv
from data.metrics.sql import count_if, day_of
from data.schema import AppealClosedDaily, AppealDueDaily, AppealReceivedDaily, AppealRevisitedDaily, ReviewDaily


def _rebuild(
    conn: Connection,
    summary: Table,
    source: Table,
    keys: dict[str, ColumnElement[Any]],
    measures: dict[str, ColumnElement[Any]],
    where: Iterable[ColumnElement[bool]] = (),
) -> None:
    conn.execute(delete(summary))
    columns = {**keys, **measures}
    query = (
        select(*(expr.label(name) for name, expr in columns.items()))
        .select_from(source)
        .where(*where)
        .group_by(*keys.values())
    )
    conn.execute(insert(summary).from_select(list(columns), query))
    _analyse(conn, summary)


def _analyse(conn: Connection, table: Table) -> None:
    """Fresh planner statistics: the planner then knows, say, that 差评 are rare and reads them by their level
    index rather than scanning a district's reviews."""
    conn.exec_driver_sql(f"ANALYZE {table.name}")


def _appeal_keys(day: ColumnElement[Any], day_name: str) -> dict[str, ColumnElement[Any]]:
    return {day_name: day_of(day), **{column.name: column for column in APPEAL_KEYS}}


def refresh_appeal_summaries(conn: Connection) -> None:
    solved = ap.resolution == SOLVED
    _rebuild(
        conn,
        AppealReceivedDaily.__table__,
        APPEAL,
        _appeal_keys(ap.received_at, "received_on"),
        {
            "appeals": func.count(),
            "rated": count_if(RATED),
            "satisfied": count_if(satisfied_clause(True)),
            "satisfied_broad": count_if(satisfied_clause(False)),
            "repeats": count_if(ap.is_repeat.is_(True)),
            "solved": count_if(solved),
            "solved_rated": count_if(and_(solved, RATED)),
            "solved_satisfied": count_if(and_(solved, satisfied_clause(True))),
        },
    )
    _rebuild(
        conn,
        AppealDueDaily.__table__,
        APPEAL,
        {
            **_appeal_keys(ap.due_at, "due_on"),
            "late_closed_on": case((ON_TIME, None), else_=day_of(ap.closed_at)),
        },
        {"due": func.count(), "on_time": count_if(ON_TIME)},
        [ap.due_at.is_not(None)],
    )
    _rebuild(
        conn,
        AppealClosedDaily.__table__,
        APPEAL,
        _appeal_keys(ap.closed_at, "closed_on"),
        {"closed": func.count()},
        [ap.closed_at.is_not(None)],
    )
    _rebuild(
        conn,
        AppealRevisitedDaily.__table__,
        APPEAL,
        _appeal_keys(ap.revisit_at, "revisit_on"),
        {"revisited": func.count(), "solved": count_if(solved)},
        [ap.revisit_at.is_not(None), ap.resolution.is_not(None)],
    )


def refresh_review_summary(conn: Connection) -> None:
    keys = {"reviewed_on": day_of(rv.reviewed_at), **{c.name: c for c in (rv.region_id, rv.department_id, rv.channel)}}
    _rebuild(conn, ReviewDaily.__table__, REVIEW, {**keys, "level": rv.level}, {"reviews": func.count()})


REFRESHERS = {APPEAL: refresh_appeal_summaries, REVIEW: refresh_review_summary}


def refresh_summaries(conn: Connection, tables: Iterable[str] | None = None) -> None:
    """Rebuild the summaries of the fact ``tables`` named (all when None), and re-analyse those facts and their
    summaries; tables without summaries are ignored."""
    wanted = None if tables is None else set(tables)
    for fact, refresh in REFRESHERS.items():
        if wanted is None or fact.name in wanted:
            refresh(conn)
            _analyse(conn, fact)
