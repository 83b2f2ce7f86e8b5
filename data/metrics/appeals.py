"""Enterprise-appeal metrics (企业诉求): 按时办结率, 办结率, 响应率, 解决率, 满意率, 重复诉求率, 三率, counts,
breakdowns, the monthly trend, 亲清观察员 leads and the latest closed tickets.

Which date puts an appeal in the period: ``received_at`` for counts, shares, satisfaction and repeats; ``due_at``
for on-time and close rates; ``revisit_at`` for the resolution rate; ``closed_at`` for the closed list and the
trend's closed count. Nothing after ``scope.today`` counts as due, closed or revisited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, FromClause, and_, func, or_, select, true

from data.metrics.rate import Rate, RateQuery, counted_rate
from data.metrics.scope import DEPARTMENT, REGION, Scope, in_period, next_midnight, not_after, scope_where
from data.metrics.sql import count_if, month_key, month_label, seconds_between
from data.schema import Appeal, Enterprise

APPEAL = Appeal.__table__
ENTERPRISE = Enterprise.__table__
OBSERVER_CHANNEL = "亲清观察员"
SOLVED = "已解决"
STRICT_LABEL = "满意率（严格口径：非常满意+满意）"
BROAD_LABEL = "满意率（宽口径：非常满意+满意+基本满意）"

ap = APPEAL.c
# Appeals with the names of their enterprise, district and department (for row listings).
APPEAL_NAMED: FromClause = (
    APPEAL.outerjoin(ENTERPRISE, ENTERPRISE.c.id == ap.enterprise_id)
    .join(REGION, REGION.c.id == ap.region_id)
    .join(DEPARTMENT, DEPARTMENT.c.id == ap.department_id)
)
ON_TIME = ap.closed_at <= ap.due_at
RATED = ap.satisfaction.between(1, 5)


def _satisfied(strict: bool) -> ColumnElement[bool]:
    return ap.satisfaction.between(4, 5) if strict else ap.satisfaction.between(3, 5)


def _received(scope: Scope) -> list[ColumnElement[bool]]:
    return in_period(ap.received_at, scope.start, scope.end)


def _due(scope: Scope) -> list[ColumnElement[bool]]:
    """Due in the period and by the end of ``scope.today``."""
    return [*in_period(ap.due_at, scope.start, scope.end), not_after(ap.due_at, scope.today)]


def on_time_query(scope: Scope) -> RateQuery:
    """按时办结率 = appeals closed by their due time ÷ appeals due in the period (up to today).

    The denominator is *due*, not closed: an appeal still open past its due time counts against the rate.
    """
    return counted_rate(APPEAL, ON_TIME, [*scope_where(scope, APPEAL), *_due(scope)], "按时办结率")


def on_time_rate(conn: Connection, scope: Scope) -> Rate:
    return on_time_query(scope).fetch(conn)


def close_rate(conn: Connection, scope: Scope) -> Rate:
    """办结率 = appeals due in the period (up to today) that are closed by today ÷ appeals due in the period."""
    where = [*scope_where(scope, APPEAL), *_due(scope)]
    return counted_rate(APPEAL, not_after(ap.closed_at, scope.today), where, "办结率").fetch(conn)


def response_rate(conn: Connection, scope: Scope, limit_hours: float) -> Rate:
    """响应率 = appeals first contacted within ``limit_hours`` of receipt ÷ appeals received in the period whose
    response limit has passed by the end of today."""
    limit_passed = ap.received_at <= next_midnight(scope.today) - timedelta(hours=limit_hours)
    where = [*scope_where(scope, APPEAL, ap.received_at), limit_passed]
    within = seconds_between(ap.received_at, ap.first_contact_at) <= limit_hours * 3600
    return counted_rate(APPEAL, within, where, "响应率").fetch(conn)


def resolution_query(scope: Scope) -> RateQuery:
    """解决率 = revisits answering 已解决 ÷ appeals revisited in the period (up to today) with a resolution given."""
    where = [
        *scope_where(scope, APPEAL, ap.revisit_at),
        not_after(ap.revisit_at, scope.today),
        ap.resolution.is_not(None),
    ]
    return counted_rate(APPEAL, ap.resolution == SOLVED, where, "解决率")


def resolution_rate(conn: Connection, scope: Scope) -> Rate:
    return resolution_query(scope).fetch(conn)


def satisfaction_query(scope: Scope, strict: bool = True) -> RateQuery:
    """满意率 over appeals received in the period and rated 1–5.

    strict = (非常满意 5 + 满意 4) ÷ rated; broad = (5 + 4 + 基本满意 3) ÷ rated. The label says which.
    """
    where = [*scope_where(scope, APPEAL, ap.received_at), RATED]
    return counted_rate(APPEAL, _satisfied(strict), where, STRICT_LABEL if strict else BROAD_LABEL)


def satisfaction_rate(conn: Connection, scope: Scope, strict: bool = True) -> Rate:
    return satisfaction_query(scope, strict).fetch(conn)


def repeat_rate(conn: Connection, scope: Scope) -> Rate:
    """重复诉求率 = appeals flagged as repeats ÷ all appeals received in the period."""
    return counted_rate(APPEAL, ap.is_repeat.is_(True), scope_where(scope, APPEAL, ap.received_at), "重复诉求率").fetch(
        conn
    )


def three_rate(conn: Connection, scope: Scope, weights: Mapping[str, float], limit_hours: float) -> float | None:
    """三率 = w_response·响应率 + w_resolution·解决率 + w_satisfaction·满意率(strict), as a share 0–1.

    ``weights`` has keys response / resolution / satisfaction (config: 0.30 / 0.35 / 0.35). A rate with no data
    takes its weight out and the others are re-weighted; None when none has data.
    """
    values = {
        "response": response_rate(conn, scope, limit_hours).value,
        "resolution": resolution_rate(conn, scope).value,
        "satisfaction": satisfaction_rate(conn, scope).value,
    }
    present = {key: value for key, value in values.items() if value is not None and weights.get(key)}
    total = sum(weights[key] for key in present)
    return sum(weights[key] * value for key, value in present.items()) / total if total else None


def appeal_count(conn: Connection, scope: Scope) -> int:
    """Appeals received in the period."""
    query = select(func.count()).select_from(APPEAL).where(*scope_where(scope, APPEAL, ap.received_at))
    return int(conn.execute(query).scalar_one())


_DIMENSIONS: dict[str, tuple[FromClause, ColumnElement[Any]]] = {
    "region": (APPEAL.join(REGION, REGION.c.id == ap.region_id), REGION.c.name),
    "department": (APPEAL.join(DEPARTMENT, DEPARTMENT.c.id == ap.department_id), DEPARTMENT.c.name),
    "category": (APPEAL, ap.category),
    "channel": (APPEAL, ap.channel),
}


def appeals_by(conn: Connection, scope: Scope, dimension: str) -> pd.DataFrame:
    """Appeals per region / department / category / channel.

    Columns: name, received (received in the period), due (due in the period up to today), closed_on_time,
    on_time_rate (= closed_on_time ÷ due), satisfaction_rate (strict, over the received ones that are rated);
    rates are NaN where their denominator is 0. Sorted by received, most first.
    """
    if dimension not in _DIMENSIONS:
        raise ValueError(f"未知维度 {dimension!r}，可选 {sorted(_DIMENSIONS)}")
    source, key = _DIMENSIONS[dimension]
    received, due = and_(true(), *_received(scope)), and_(*_due(scope))
    query = (
        select(
            key.label("name"),
            count_if(received).label("received"),
            count_if(due).label("due"),
            count_if(and_(due, ON_TIME)).label("closed_on_time"),
            count_if(and_(received, RATED)).label("rated"),
            count_if(and_(received, _satisfied(True))).label("satisfied"),
        )
        .select_from(source)
        .where(*scope_where(scope, APPEAL), or_(received, due))
        .group_by(key)
    )
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
    frame["name"] = frame["name"].fillna("未填写")
    frame["on_time_rate"] = [Rate(n, d).or_nan() for n, d in zip(frame["closed_on_time"], frame["due"], strict=True)]
    frame["satisfaction_rate"] = [Rate(n, d).or_nan() for n, d in zip(frame["satisfied"], frame["rated"], strict=True)]
    frame = frame.sort_values(["received", "name"], ascending=[False, True], ignore_index=True)
    return frame[["name", "received", "due", "closed_on_time", "on_time_rate", "satisfaction_rate"]]


def _count_by_month(
    conn: Connection, column: ColumnElement[Any], where: list[ColumnElement[bool]], **measures: ColumnElement[Any]
) -> dict[str, dict[str, int]]:
    year, month = month_key(column)
    query = select(year, month, *(m.label(name) for name, m in measures.items())).where(*where).group_by(year, month)
    return {month_label(row[0], row[1]): dict(row._mapping) for row in conn.execute(query.select_from(APPEAL))}


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    months = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        months.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def monthly_trend(conn: Connection, scope: Scope) -> pd.DataFrame:
    """One row per month 'YYYY-MM' (gaps filled): received (by received_at), closed (by closed_at, up to today),
    on_time_rate (appeals due that month and closed by their due time ÷ appeals due that month, up to today)."""
    base = scope_where(scope, APPEAL)
    received = _count_by_month(conn, ap.received_at, [*base, *_received(scope)], received=func.count())
    closed_where = [*base, *in_period(ap.closed_at, scope.start, scope.end), not_after(ap.closed_at, scope.today)]
    closed = _count_by_month(conn, ap.closed_at, closed_where, closed=func.count())
    due = _count_by_month(conn, ap.due_at, [*base, *_due(scope)], due=func.count(), on_time=count_if(ON_TIME))
    seen = sorted({*received, *closed, *due})
    months = _months_between(seen[0], seen[-1]) if seen else []
    rows = [
        {
            "month": month,
            "received": received.get(month, {}).get("received", 0),
            "closed": closed.get(month, {}).get("closed", 0),
            "on_time_rate": Rate(due.get(month, {}).get("on_time", 0), due.get(month, {}).get("due", 0)).or_nan(),
        }
        for month in months
    ]
    return pd.DataFrame(rows, columns=["month", "received", "closed", "on_time_rate"])


@dataclass(frozen=True)
class ObserverLeads:
    leads: int
    solved: int
    rate: Rate
    satisfaction: Rate


def observer_leads(conn: Connection, scope: Scope) -> ObserverLeads:
    """亲清观察员 leads = appeals received in the period through channel 亲清观察员.

    观察员线索解决率 = leads with resolution 已解决 ÷ leads; satisfaction = strict 满意率 over the solved leads
    that are rated (the report: 88 ÷ 109 = 80.7 %, satisfaction 100 %).
    """
    solved = ap.resolution == SOLVED
    query = select(
        func.count(),
        count_if(solved),
        count_if(and_(solved, RATED)),
        count_if(and_(solved, _satisfied(True))),
    ).where(*scope_where(scope, APPEAL, ap.received_at), ap.channel == OBSERVER_CHANNEL)
    leads, solved_count, rated, satisfied = conn.execute(query.select_from(APPEAL)).one()
    return ObserverLeads(
        leads=leads,
        solved=solved_count,
        rate=Rate(solved_count, leads, "观察员线索解决率"),
        satisfaction=Rate(satisfied, rated, STRICT_LABEL),
    )


def latest_closed(conn: Connection, scope: Scope, limit: int = 20) -> pd.DataFrame:
    """The most recently closed appeals (closed_at in the period, up to today), newest first.

    Columns: ticket_no, enterprise, region, department, category, closed_at, satisfaction. No content or contact
    columns: they are personal data and never leave this layer.
    """
    query = (
        select(
            ap.ticket_no,
            ENTERPRISE.c.name.label("enterprise"),
            REGION.c.name.label("region"),
            DEPARTMENT.c.name.label("department"),
            ap.category,
            ap.closed_at,
            ap.satisfaction,
        )
        .select_from(APPEAL_NAMED)
        .where(*scope_where(scope, APPEAL, ap.closed_at), not_after(ap.closed_at, scope.today))
        .order_by(ap.closed_at.desc(), ap.ticket_no)
        .limit(limit)
    )
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
