"""Closing a quarter: its 骏马奖 / 蜗牛奖 standings stored as they stand at the close (``data.standings``), so later
loads and overrides cannot change them; and the explicit, audited re-issue that corrects one.

A quarter is issued automatically at its first chance after it closes — the daily scheduler job, the app's start,
and the start of every load and every colour override (before their changes) — if the store was already in use
when it closed (a load had finished before its end). Quarters that closed before the store held any data (history
imported later, the demo's year) are issued by ``battlemap awards issue`` or by the demo loader.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from config import Settings
from data import audit
from data.audit import CLI_ACTOR
from data.engine import Store
from data.metrics.scope import period_bounds, quarter_of
from data.schema import EtlRun
from data.standings import issue_standings, issued_quarters, last_closed_quarter, quarter_end

SYSTEM = "系统（季度结束自动发布）"


class IssueError(ValueError):
    """A re-issue that cannot be made; the message says what to fix."""


def closed_quarters(first: str, now: datetime) -> list[str]:
    """The quarters from ``first`` to the last one closed by ``now``, oldest first."""
    last = last_closed_quarter(now.date())
    quarters, quarter = [], first
    while quarter <= last:
        quarters.append(quarter)
        quarter = quarter_of(period_bounds(quarter)[1] + timedelta(days=1))
    return quarters


def close_quarters(conn: Connection, settings: Settings, now: datetime) -> list[str]:
    """Issue every quarter that has closed since the store's first finished load and is not issued yet, in the
    caller's write transaction; returns those issued."""
    first_load = conn.execute(select(func.min(EtlRun.finished_at)).where(EtlRun.status == "loaded")).scalar()
    if first_load is None:
        return []
    issued = issued_quarters(conn)
    due = [q for q in closed_quarters(quarter_of(first_load.date()), now) if q not in issued]
    due = [q for q in due if quarter_end(q) > first_load]
    for quarter in due:
        issue_standings(conn, quarter, settings, now, SYSTEM)
    return due


def issue_history_quarters(conn: Connection, settings: Settings, now: datetime, since: str) -> list[str]:
    """Issue every closed quarter from ``since`` that has no issue yet (history loaded in one go: the demo)."""
    issued = issued_quarters(conn)
    due = [q for q in closed_quarters(since, now) if q not in issued]
    for quarter in due:
        issue_standings(conn, quarter, settings, now, SYSTEM)
    return due


def issue_quarter(store: Store, settings: Settings, quarter: str, by: str, reason: str, now: datetime) -> int:
    """Issue ``quarter`` (its first issue, or a re-issue: a new version computed from the data now in the store,
    with ``reason`` and ``by`` kept); returns the version. The earlier versions stay."""
    reason, by = (reason or "").strip(), (by or "").strip()
    if not reason or not by:
        raise IssueError("发布或重新发布季度排名必须写明原因和操作人")
    try:
        period_bounds(quarter)
    except ValueError as exc:
        raise IssueError(str(exc)) from None
    from etl.load import bump_data_version  # etl.load closes quarters at the start of every load

    with store.write() as conn:
        try:
            version = issue_standings(conn, quarter.strip().upper(), settings, now, by, reason)
        except ValueError as exc:
            raise IssueError(str(exc)) from None
        audit.record(conn, now, CLI_ACTOR, "quarter.issue", quarter.strip().upper(), f"第 {version} 版；原因：{reason}")
        bump_data_version(conn, now)
    return version
