"""清障行动 metrics: 清障销号率, 按期销号率, the three-list funnel, batches closed, breakdowns and overdue issues.

Which date puts an issue in the period: ``found_on`` for the drive's counts (all, classified, closed, by batch,
breakdowns, overdue), ``due_on`` for the on-schedule rate. An issue is closed once ``closed_on`` is on or before
``scope.today``; due, owed and overdue follow ``data.metrics.deadline``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, FromClause, and_, func, select

from data.metrics import deadline
from data.metrics.rate import Rate, RateQuery, counted_rate
from data.metrics.scope import ACTION_GROUP, DEPARTMENT, REGION, Scope, scope_where
from data.metrics.sql import count_if
from data.schema import ClearanceIssue

ISSUE = ClearanceIssue.__table__
iss = ISSUE.c
ALL_ISSUES, CLASSIFIED, CLOSED_IN_BATCHES = "全量问题清单", "分类整改清单", "逐批销号清单"


def closed_clause(scope: Scope) -> ColumnElement[bool]:
    return deadline.done(iss.closed_on, scope)


def open_past_due_clause(scope: Scope, days: int = 0) -> ColumnElement[bool]:
    """逾期 (``data.metrics.deadline``: the due day is over and the issue is not closed), and more than ``days``
    days past its due day."""
    overdue = deadline.overdue(iss.due_on, iss.closed_on, scope)
    return and_(overdue, iss.due_on < scope.today - timedelta(days=days)) if days else overdue


def clearance_close_rate(conn: Connection, scope: Scope) -> Rate:
    """清障销号率 = issues closed (by today) ÷ all issues found in the period (the demo drive: 573 ÷ 584 = 98.1 %).

    口径：清障销号率 = 截至今日已销号的问题 ÷ 本期发现的全部问题（如 573 ÷ 584 = 98.1%）。
    """
    return counted_rate(ISSUE, closed_clause(scope), scope_where(scope, ISSUE, iss.found_on), "清障销号率").fetch(conn)


def on_schedule_query(scope: Scope) -> RateQuery:
    """按期销号率 = issues closed on or before their due day ÷ issues due in the period and owed (the due day is over,
    or the issue is closed, whichever comes first)."""
    where = [*scope_where(scope, ISSUE, iss.due_on), deadline.owed(iss.due_on, iss.closed_on, scope)]
    return counted_rate(ISSUE, deadline.on_time(iss.due_on, iss.closed_on), where, "按期销号率")


def on_schedule_close_rate(conn: Connection, scope: Scope) -> Rate:
    return on_schedule_query(scope).fetch(conn)


def clearance_funnel(conn: Connection, scope: Scope) -> dict[str, int]:
    """The three lists of the drive over issues found in the period: 全量问题清单 = all issues, 分类整改清单 = those
    given a rectification type (立行立改/限期整改/长期攻坚), 逐批销号清单 = those closed by today."""
    query = select(func.count(), count_if(iss.rectify_type.is_not(None)), count_if(closed_clause(scope))).select_from(
        ISSUE
    )
    total, classified, closed = conn.execute(query.where(*scope_where(scope, ISSUE, iss.found_on))).one()
    return {ALL_ISSUES: total, CLASSIFIED: classified, CLOSED_IN_BATCHES: closed}


def clearance_batches(conn: Connection, scope: Scope) -> pd.DataFrame:
    """Issues (found in the period) closed by today in each closing batch: columns batch, closed; by batch."""
    query = (
        select(iss.batch, func.count().label("closed"))
        .where(*scope_where(scope, ISSUE, iss.found_on), closed_clause(scope), iss.batch.is_not(None))
        .group_by(iss.batch)
        .order_by(iss.batch)
    )
    return pd.DataFrame(conn.execute(query).all(), columns=["batch", "closed"])


def _dimension(dimension: str) -> tuple[FromClause, ColumnElement[Any]]:
    """The source and grouping key of a breakdown; an issue's action group falls back to its department's."""
    with_department = ISSUE.join(DEPARTMENT, DEPARTMENT.c.id == iss.department_id)
    if dimension == "action_group":
        group_id = func.coalesce(iss.action_group_id, DEPARTMENT.c.action_group_id)
        return with_department.outerjoin(ACTION_GROUP, ACTION_GROUP.c.id == group_id), ACTION_GROUP.c.name
    if dimension == "department":
        return with_department, DEPARTMENT.c.name
    if dimension == "region":
        return ISSUE.join(REGION, REGION.c.id == iss.region_id), REGION.c.name
    if dimension == "rectify_type":
        return ISSUE, iss.rectify_type
    raise ValueError(f"未知维度 {dimension!r}，可选 action_group / department / region / rectify_type")


def clearance_by(conn: Connection, scope: Scope, dimension: str) -> pd.DataFrame:
    """Issues found in the period per action_group / department / region / rectify_type.

    Columns: name, total, closed (by today), close_rate (= closed ÷ total), overdue (open and past due today).
    Sorted by total, most first.
    """
    source, key = _dimension(dimension)
    query = (
        select(
            key.label("name"),
            func.count().label("total"),
            count_if(closed_clause(scope)).label("closed"),
            count_if(open_past_due_clause(scope)).label("overdue"),
        )
        .select_from(source)
        .where(*scope_where(scope, ISSUE, iss.found_on))
        .group_by(key)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=["name", "total", "closed", "overdue"])
    frame["name"] = frame["name"].fillna("未填写")
    frame["close_rate"] = frame["closed"] / frame["total"]
    frame = frame.sort_values(["total", "name"], ascending=[False, True], ignore_index=True)
    return frame[["name", "total", "closed", "close_rate", "overdue"]]


def overdue_issues(conn: Connection, scope: Scope, more_than_days: int = 0) -> pd.DataFrame:
    """Issues (found in the period) still open today more than ``more_than_days`` days after their due date.

    Columns: issue_no, title, department, region, due_on, days_overdue; most overdue first.
    """
    query = (
        select(
            iss.issue_no,
            iss.title,
            DEPARTMENT.c.name.label("department"),
            REGION.c.name.label("region"),
            iss.due_on,
        )
        .select_from(
            ISSUE.join(DEPARTMENT, DEPARTMENT.c.id == iss.department_id).join(REGION, REGION.c.id == iss.region_id)
        )
        .where(*scope_where(scope, ISSUE, iss.found_on), open_past_due_clause(scope, more_than_days))
        .order_by(iss.due_on, iss.issue_no)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=["issue_no", "title", "department", "region", "due_on"])
    frame["days_overdue"] = [(scope.today - due).days for due in frame["due_on"]]
    return frame
