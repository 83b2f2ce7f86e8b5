"""Enterprise-appeal metrics (企业诉求): 按时办结率, 办结率, 响应率, 解决率, 满意率, 重复诉求率, 三率, counts,
breakdowns, the monthly trend, 亲清观察员 leads and the latest closed tickets.

Which date puts an appeal in the period: ``received_at`` for counts, shares, satisfaction and repeats; ``due_at``
for on-time and close rates; ``revisit_at`` for the resolution rate; ``closed_at`` for the closed list and the
trend's closed count. Whether an appeal is owed (应办结), on time or overdue as of the scope's instant is the rule
of ``data.metrics.deadline``, to the minute; nothing revisited after ``scope.today`` counts.

Counts are summed from the daily summary tables (``data.schema.summaries``), which ``data.summaries`` builds
with the row clauses defined here (``ON_TIME``, ``RATED``, ``satisfied_clause``); the ``*_rows`` functions give
the fact rows behind a count for the drill-down, and a test holds the two equal. 响应率 and the closed list read
the facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Integer,
    Subquery,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)

from data.metrics import deadline
from data.metrics.rate import Rate, RateQuery, Tally, counted_rate, summed_rate
from data.metrics.scope import DEPARTMENT, REGION, Scope, day_start, not_after, scope_where
from data.metrics.sql import day_of, month_key, month_label, months_between, rare, seconds_between
from data.schema import (
    Appeal,
    AppealClosedDaily,
    AppealDueDaily,
    AppealReceivedDaily,
    AppealRevisitedDaily,
    Enterprise,
)

APPEAL = Appeal.__table__
ENTERPRISE = Enterprise.__table__
OBSERVER_CHANNEL = "亲清观察员"
SOLVED = "已解决"
STRICT_LABEL = "满意率（严格口径：非常满意+满意）"
BROAD_LABEL = "满意率（宽口径：非常满意+满意+基本满意）"

RECEIVED = AppealReceivedDaily.__table__
DUE = AppealDueDaily.__table__
CLOSED = AppealClosedDaily.__table__
REVISITED = AppealRevisitedDaily.__table__

ap, rd, dd, cd, vd = APPEAL.c, RECEIVED.c, DUE.c, CLOSED.c, REVISITED.c
# Appeals with the names of their enterprise, district and department (for row listings).
APPEAL_NAMED: FromClause = (
    APPEAL.outerjoin(ENTERPRISE, ENTERPRISE.c.id == ap.enterprise_id)
    .join(REGION, REGION.c.id == ap.region_id)
    .join(DEPARTMENT, DEPARTMENT.c.id == ap.department_id)
)
ON_TIME = deadline.on_time(ap.due_at, ap.closed_at)
# The filter and grouping columns every appeal summary carries.
APPEAL_KEYS = (ap.region_id, ap.park_id, ap.department_id, ap.channel, ap.category)
RATED = ap.satisfaction.between(1, 5)


def satisfied_clause(strict: bool) -> ColumnElement[bool]:
    return ap.satisfaction.between(4, 5) if strict else ap.satisfaction.between(3, 5)


def received_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """The appeal rows received in the period (the rows behind 受理诉求)."""
    return scope_where(scope, APPEAL, ap.received_at)


def due_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """The appeal rows due in the period and owed as of the scope's instant (the rows behind 应办结): due time
    passed or closed, whichever came first (``data.metrics.deadline``)."""
    return [*scope_where(scope, APPEAL, ap.due_at), deadline.owed(ap.due_at, ap.closed_at, scope)]


def revisited_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """The appeal rows revisited in the period (up to today) with a resolution given (the 解决率 denominator)."""
    return [
        *scope_where(scope, APPEAL, ap.revisit_at),
        not_after(ap.revisit_at, scope.today),
        ap.resolution.is_not(None),
    ]


def rated_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """The appeal rows received in the period and rated 1–5 (the 满意率 denominator)."""
    return [*received_rows(scope), RATED]


def on_time_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """The appeal rows due in the period, owed, and closed by their due time (按时办结)."""
    return [*due_rows(scope), ON_TIME]


def overdue_rows(scope: Scope) -> list[ColumnElement[bool]]:
    """逾期未办结: due in the period, due time passed and not closed as of the scope's instant."""
    return [*scope_where(scope, APPEAL, ap.due_at), deadline.overdue(ap.due_at, ap.closed_at, scope)]


def due_ledger(scope: Scope) -> Subquery:
    """The appeals due in the period and owed as of the scope's instant, as summary-shaped rows: ``due_on``, the
    appeal keys, ``due`` (应办结), ``on_time`` (closed by the due time) and ``closed`` (closed by the instant).

    The daily summary decides the days before the instant's day (every due time there has passed) except the
    appeals closed late on or after that day; those, and every appeal due on the instant's day or later, are
    decided row by row from the facts, to the minute — so a ticket due at 23:59 is not owed at 02:00. Those rows
    are read in two parts, each by its own index: due from that day on, and due before it but closed since (few).
    """
    cutoff = scope.moment.date()
    settled = (
        select(
            dd.due_on,
            *(dd[column.name] for column in APPEAL_KEYS),
            dd.due.label("due"),
            dd.on_time.label("on_time"),
            (dd.on_time + case((dd.late_closed_on.is_not(None), dd.due), else_=0)).label("closed"),
        )
        .where(*scope_where(scope, DUE, dd.due_on), dd.due_on < cutoff)
        .where(or_(dd.late_closed_on.is_(None), dd.late_closed_on < cutoff))
    )
    midnight = day_start(cutoff)
    live = select(
        day_of(ap.due_at).label("due_on"),
        *APPEAL_KEYS,
        literal(1, Integer).label("due"),
        case((ON_TIME, 1), else_=0).label("on_time"),
        case((deadline.done(ap.closed_at, scope), 1), else_=0).label("closed"),
    ).where(*due_rows(scope))
    due_since = live.where(ap.due_at >= midnight)
    closed_since = live.where(ap.due_at < midnight, rare(ap.closed_at >= midnight))
    return union_all(settled, due_since, closed_since).subquery("due_ledger")


def _received_days(scope: Scope) -> tuple[ColumnElement[bool], ...]:
    return tuple(scope_where(scope, RECEIVED, rd.received_on))


def received_tally(scope: Scope) -> Tally:
    return Tally(RECEIVED, rd.appeals, _received_days(scope))


def rated_tally(scope: Scope) -> Tally:
    return Tally(RECEIVED, rd.rated, _received_days(scope))


def due_tally(scope: Scope) -> Tally:
    ledger = due_ledger(scope)
    return Tally(ledger, ledger.c.due, ())


def on_time_tally(scope: Scope) -> Tally:
    ledger = due_ledger(scope)
    return Tally(ledger, ledger.c.on_time, ())


def overdue_tally(scope: Scope) -> Tally:
    """逾期未办结 = owed (so due time passed, if not closed) and not closed as of the scope's instant.

    口径：逾期未办结 = 已过办理时限、至今仍未办结的诉求件数。
    """
    ledger = due_ledger(scope)
    return Tally(ledger, ledger.c.due - ledger.c.closed, ())


def on_time_query(scope: Scope) -> RateQuery:
    """按时办结率 = appeals closed by their due time ÷ appeals due in the period and owed (应办结: due time passed, or
    closed, whichever came first, as of the scope's instant).

    The denominator is *due*, not closed: an appeal still open past its due time counts against the rate; one due
    later today that is still open does not count yet.

    口径：按时办结率 = 在办理时限内办结的诉求 ÷ 应办结诉求（本期到期、且已过办理时限或已办结的诉求）；恰在时限那一分
    钟办结的算按时。
    """
    ledger = due_ledger(scope)
    return summed_rate(ledger, ledger.c.on_time, ledger.c.due, (), "按时办结率")


def on_time_rate(conn: Connection, scope: Scope) -> Rate:
    return on_time_query(scope).fetch(conn)


def close_rate(conn: Connection, scope: Scope) -> Rate:
    """办结率 = appeals due in the period and owed that are closed as of the scope's instant ÷ those owed."""
    ledger = due_ledger(scope)
    return summed_rate(ledger, ledger.c.closed, ledger.c.due, (), "办结率").fetch(conn)


def response_rate(conn: Connection, scope: Scope, limit_hours: float) -> Rate:
    """响应率 = appeals first contacted within ``limit_hours`` of receipt ÷ appeals received in the period whose
    response limit has passed as of the scope's instant.

    口径：响应率 = 受理后在响应时限内首次联系企业的诉求 ÷ 本期受理、且响应时限已过的诉求。
    """
    limit_passed = ap.received_at < scope.moment - timedelta(hours=limit_hours)
    where = [*received_rows(scope), limit_passed]
    within = seconds_between(ap.received_at, ap.first_contact_at) <= limit_hours * 3600
    return counted_rate(APPEAL, within, where, "响应率").fetch(conn)


def resolution_query(scope: Scope) -> RateQuery:
    """解决率 = revisits answering 已解决 ÷ appeals revisited in the period (up to today) with a resolution given.

    口径：企业诉求解决率 = 回访结果为“已解决”的诉求 ÷ 本期回访、且给出办理结果的诉求。
    """
    where = [*scope_where(scope, REVISITED, vd.revisit_on), not_after(vd.revisit_on, scope.today)]
    return summed_rate(REVISITED, vd.solved, vd.revisited, where, "解决率")


def resolution_rate(conn: Connection, scope: Scope) -> Rate:
    return resolution_query(scope).fetch(conn)


def satisfaction_query(scope: Scope, strict: bool = True) -> RateQuery:
    """满意率 over appeals received in the period and rated 1–5.

    strict = (非常满意 5 + 满意 4) ÷ rated; broad = (5 + 4 + 基本满意 3) ÷ rated. The label says which.

    口径：满意率 = 评价为“非常满意”“满意”的诉求 ÷ 本期受理、且已评价（1–5 级）的诉求；宽口径另计“基本满意”。
    """
    satisfied = rd.satisfied if strict else rd.satisfied_broad
    return summed_rate(RECEIVED, satisfied, rd.rated, _received_days(scope), STRICT_LABEL if strict else BROAD_LABEL)


def satisfaction_rate(conn: Connection, scope: Scope, strict: bool = True) -> Rate:
    return satisfaction_query(scope, strict).fetch(conn)


def repeat_rate(conn: Connection, scope: Scope) -> Rate:
    """重复诉求率 = appeals flagged as repeats ÷ all appeals received in the period.

    口径：重复诉求率 = 标为重复诉求的件数 ÷ 本期受理的诉求件数。
    """
    return summed_rate(RECEIVED, rd.repeats, rd.appeals, _received_days(scope), "重复诉求率").fetch(conn)


def three_rate(conn: Connection, scope: Scope, weights: Mapping[str, float], limit_hours: float) -> float | None:
    """三率 = w_response·响应率 + w_resolution·解决率 + w_satisfaction·满意率(strict), as a share 0–1.

    ``weights`` has keys response / resolution / satisfaction (config: 0.30 / 0.35 / 0.35). A rate with no data
    takes its weight out and the others are re-weighted; None when none has data.

    口径：三率 = 响应率、解决率、满意率按配置的权重（默认 0.30 / 0.35 / 0.35）加权；没有数据的一项不计，其余按权重重
    新分配。
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
    """Appeals received in the period.

    口径：受理企业诉求 = 受理时间在本期内的诉求件数。
    """
    return received_tally(scope).count(conn)


def _dimension(table: FromClause, dimension: str) -> tuple[FromClause, ColumnElement[Any]]:
    """``table`` (a fact or summary with the appeal columns) joined to where ``dimension``'s name lives."""
    columns = table.c
    if dimension == "region":
        return table.join(REGION, REGION.c.id == columns.region_id), REGION.c.name
    if dimension == "department":
        return table.join(DEPARTMENT, DEPARTMENT.c.id == columns.department_id), DEPARTMENT.c.name
    if dimension in ("category", "channel"):
        return table, columns[dimension]
    raise ValueError(f"未知维度 {dimension!r}，可选 ['category', 'channel', 'department', 'region']")


def _sums_by(
    conn: Connection, table: FromClause, dimension: str, where: tuple[ColumnElement[bool], ...], **sums: Any
) -> pd.DataFrame:
    source, key = _dimension(table, dimension)
    query = (
        select(key.label("name"), *(func.sum(column).label(name) for name, column in sums.items()))
        .select_from(source)
        .where(*where)
        .group_by(key)
    )
    return pd.DataFrame(conn.execute(query).all(), columns=["name", *sums])


def appeals_by(conn: Connection, scope: Scope, dimension: str) -> pd.DataFrame:
    """Appeals per region / department / category / channel.

    Columns: name, received (received in the period), due (due in the period and owed), closed_on_time,
    on_time_rate (= closed_on_time ÷ due), satisfaction_rate (strict, over the received ones that are rated);
    rates are NaN where their denominator is 0. Sorted by received, most first; a name with neither received nor
    due appeals is left out.
    """
    received = _sums_by(
        conn, RECEIVED, dimension, _received_days(scope), received=rd.appeals, rated=rd.rated, satisfied=rd.satisfied
    )
    ledger = due_ledger(scope)
    due = _sums_by(conn, ledger, dimension, (), due=ledger.c.due, closed_on_time=ledger.c.on_time)
    frame = received.merge(due, on="name", how="outer")
    counts = ["received", "rated", "satisfied", "due", "closed_on_time"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    frame = frame[(frame["received"] > 0) | (frame["due"] > 0)].copy()
    frame["name"] = frame["name"].astype(object).where(frame["name"].notna(), "未填写")
    frame["on_time_rate"] = [Rate(n, d).or_nan() for n, d in zip(frame["closed_on_time"], frame["due"], strict=True)]
    frame["satisfaction_rate"] = [Rate(n, d).or_nan() for n, d in zip(frame["satisfied"], frame["rated"], strict=True)]
    frame = frame.sort_values(["received", "name"], ascending=[False, True], ignore_index=True)
    return frame[["name", "received", "due", "closed_on_time", "on_time_rate", "satisfaction_rate"]]


def _sums_by_month(
    conn: Connection, table: FromClause, day: ColumnElement[Any], where: Iterable[ColumnElement[bool]], **sums: Any
) -> dict[str, dict[str, int]]:
    year, month = month_key(day)
    measures = (func.sum(column).label(name) for name, column in sums.items())
    query = select(year, month, *measures).select_from(table).where(*where).group_by(year, month)
    return {month_label(row[0], row[1]): {k: int(row._mapping[k]) for k in sums} for row in conn.execute(query)}


def monthly_trend(conn: Connection, scope: Scope) -> pd.DataFrame:
    """One row per month 'YYYY-MM' (gaps filled): received (by received_at), closed (by closed_at, up to today),
    on_time_rate (appeals due that month and closed by their due time ÷ those of them owed)."""
    received = _sums_by_month(conn, RECEIVED, rd.received_on, _received_days(scope), received=rd.appeals)
    closed_where = [*scope_where(scope, CLOSED, cd.closed_on), not_after(cd.closed_on, scope.today)]
    closed = _sums_by_month(conn, CLOSED, cd.closed_on, closed_where, closed=cd.closed)
    ledger = due_ledger(scope)
    due = _sums_by_month(conn, ledger, ledger.c.due_on, (), due=ledger.c.due, on_time=ledger.c.on_time)
    seen = sorted({*received, *closed, *due})
    months = months_between(seen[0], seen[-1]) if seen else []
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

    口径：亲清观察员线索 = 本期受理、来源渠道为“亲清观察员”的企业诉求；线索解决率 = 办理结果为“已解决”的线索 ÷ 线索；
    满意率 = 已解决且已评价的线索中“非常满意+满意”的占比。
    """
    sums = (rd.appeals, rd.solved, rd.solved_rated, rd.solved_satisfied)
    query = select(*(func.coalesce(func.sum(column), 0) for column in sums)).select_from(RECEIVED)
    query = query.where(*_received_days(scope), rd.channel == OBSERVER_CHANNEL)
    leads, solved_count, rated, satisfied = (int(n) for n in conn.execute(query).one())
    return ObserverLeads(
        leads=leads,
        solved=solved_count,
        rate=Rate(solved_count, leads, "观察员线索解决率"),
        satisfaction=Rate(satisfied, rated, STRICT_LABEL),
    )


def latest_closed(conn: Connection, scope: Scope, limit: int = 20) -> pd.DataFrame:
    """The most recently closed appeals (closed_at in the period, up to the scope's instant), newest first.

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
        .where(*scope_where(scope, APPEAL, ap.closed_at), deadline.done(ap.closed_at, scope))
        .order_by(ap.closed_at.desc(), ap.ticket_no)
        .limit(limit)
    )
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))
