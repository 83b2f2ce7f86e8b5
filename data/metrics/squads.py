"""为企服务专班: per squad, the appeals and 清障 issues routed to it — cases, solved, 按时办结率 and mean days to close.

Which date puts a case in the period: ``received_at`` (appeal) / ``found_on`` (issue) for cases, solved and the days
to close; the due date for the on-time rate (the rows of ``data.metrics.appeals.due_rows`` / ``on_time_rows`` and of
``data.metrics.clearance.on_schedule_query``). The squads' lead departments, member units and contacts are internal
data: nothing here returns them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, select

from data.metrics.appeals import APPEAL, SOLVED, ap, due_rows, on_time_rows, received_rows
from data.metrics.clearance import ISSUE, closed_clause, iss, on_schedule_query
from data.metrics.rate import Rate
from data.metrics.scope import Scope, not_after, scope_where
from data.metrics.sql import count_if, rare
from data.schema import Squad

SQUAD = Squad.__table__
COLUMNS = ["squad", "domain", "cases", "appeals", "issues", "solved", "due", "on_time", "on_time_rate", "mean_days"]


def _counts(conn: Connection, table: Any, where: list[ColumnElement[bool]], **measures: Any) -> pd.DataFrame:
    """Per squad id, the conditional counts ``measures`` over the rows of ``table`` matching ``where``; the rows
    routed to a squad (a small part of all) are read by their squad index, not by a year's range of dates."""
    squad = table.c.squad_id
    query = select(squad, *(count_if(clause).label(name) for name, clause in measures.items())).where(
        rare(squad.is_not(None)), *where
    )
    frame = pd.DataFrame(conn.execute(query.group_by(squad)).all(), columns=["squad_id", *measures])
    return frame.set_index("squad_id")


def _closing_days(conn: Connection, scope: Scope) -> pd.Series:
    """Mean days from received / found to closed (by today) over the cases received / found in the period, per
    squad id."""
    appeals = conn.execute(
        select(ap.squad_id, ap.received_at, ap.closed_at).where(
            rare(ap.squad_id.is_not(None)), *received_rows(scope), not_after(ap.closed_at, scope.today)
        )
    ).all()
    issues = conn.execute(
        select(iss.squad_id, iss.found_on, iss.closed_on).where(
            iss.squad_id.is_not(None), *scope_where(scope, ISSUE, iss.found_on), closed_clause(scope)
        )
    ).all()
    days = [(s, (c - r).total_seconds() / 86_400) for s, r, c in appeals]
    days += [(s, float((c - f).days)) for s, f, c in issues]
    return pd.DataFrame(days, columns=["squad_id", "days"]).groupby("squad_id")["days"].mean()


def squad_performance(conn: Connection, scope: Scope) -> pd.DataFrame:
    """One row per squad (all squads, even those without cases), by most cases:

    cases   = appeals received + 清障 issues found in the period, routed to the squad
    solved  = those appeals closed by today with 办理结果 已解决 + those issues 销号 by today
    due     = appeals due in the period by today + issues due in the period by today
    on_time = those appeals closed by their due time + those issues closed by their due date
    on_time_rate (按时办结率) = on_time ÷ due (NaN with nothing due)
    mean_days (平均办结天数) = mean of (closed − received) in days over the cases closed by today (NaN if none)
    """
    received = _counts(
        conn,
        APPEAL,
        received_rows(scope),
        appeals=ap.id.is_not(None),
        solved_a=(ap.resolution == SOLVED) & not_after(ap.closed_at, scope.today),
    )
    found = _counts(
        conn, ISSUE, scope_where(scope, ISSUE, iss.found_on), issues=iss.id.is_not(None), solved_i=closed_clause(scope)
    )
    appeal_due = _counts(conn, APPEAL, due_rows(scope), due_a=ap.id.is_not(None))
    appeal_on_time = _counts(conn, APPEAL, on_time_rows(scope), on_time_a=ap.id.is_not(None))
    schedule = on_schedule_query(scope)
    issue_due = _counts(
        conn, ISSUE, list(schedule.where), due_i=iss.id.is_not(None), on_time_i=iss.closed_on <= iss.due_on
    )
    squads = pd.DataFrame(
        conn.execute(select(SQUAD.c.id, SQUAD.c.name, SQUAD.c.domain)).all(), columns=["id", "squad", "domain"]
    )
    frame = squads.set_index("id").join([received, found, appeal_due, appeal_on_time, issue_due]).fillna(0)
    counts = ["appeals", "solved_a", "issues", "solved_i", "due_a", "on_time_a", "due_i", "on_time_i"]
    frame[counts] = frame[counts].astype(int)
    frame["cases"] = frame["appeals"] + frame["issues"]
    frame["solved"] = frame["solved_a"] + frame["solved_i"]
    frame["due"] = frame["due_a"] + frame["due_i"]
    frame["on_time"] = frame["on_time_a"] + frame["on_time_i"]
    frame["on_time_rate"] = [Rate(n, d).or_nan() for n, d in zip(frame["on_time"], frame["due"], strict=True)]
    frame["mean_days"] = _closing_days(conn, scope).reindex(frame.index)
    frame = frame.sort_values(["cases", "squad"], ascending=[False, True])
    return frame.reset_index(drop=True)[COLUMNS]
