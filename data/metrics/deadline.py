"""When a thing is due, done, on time or overdue as of a scope's instant — the one rule for appeals, 清障 problems,
milestones, 差评 rectification and every other deadline of the product.

A deadline is a time (an appeal's ``due_at``, to the minute) or a day (a 清障 problem's ``due_on``: due by the end
of that day, local time). As of the instant ``now``:

- the deadline has **passed** once ``now`` is after it: a time ``t`` has passed when ``t < now``; a day ``d`` once
  it is over (``d`` before ``now``'s day; a scope as of the end of its day has its own day over too);
- a thing is **done** when its done time (or day) is on or before ``now`` (or its day);
- it is **owed** (应办结, in the denominator of 按时办结率 / 按期销号率 …) from its deadline passing or its being done,
  whichever comes first;
- it is **on time** when done on or before its deadline (done exactly at the due minute, or on the due day, is on
  time);
- it is **overdue** (逾期) while its deadline has passed and it is not done.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, DateTime, and_, or_

from data.metrics.scope import Scope


def _is_time(column: ColumnElement[Any]) -> bool:
    return isinstance(column.type, DateTime)


def _as_of(column: ColumnElement[Any], scope: Scope) -> datetime | date:
    return scope.moment if _is_time(column) else scope.today


def passed(deadline: ColumnElement[Any], scope: Scope) -> ColumnElement[bool]:
    """The deadline (a time or a day column) has passed as of ``scope``; NULL never has."""
    if _is_time(deadline):
        return deadline < scope.moment
    return deadline <= scope.today if scope.today_is_over else deadline < scope.today


def done(done_at: ColumnElement[Any], scope: Scope) -> ColumnElement[bool]:
    """Done on or before ``scope``'s instant (a day column: on or before its day); NULL is not done."""
    return done_at <= _as_of(done_at, scope)


def owed(deadline: ColumnElement[Any], done_at: ColumnElement[Any], scope: Scope) -> ColumnElement[bool]:
    """应办结: the deadline has passed or the thing is done, whichever comes first."""
    return or_(passed(deadline, scope), and_(deadline.is_not(None), done(done_at, scope)))


def on_time(deadline: ColumnElement[Any], done_at: ColumnElement[Any]) -> ColumnElement[bool]:
    """Done on or before the deadline (at the same minute, or on the same day, is on time)."""
    return done_at <= deadline


def overdue(deadline: ColumnElement[Any], done_at: ColumnElement[Any], scope: Scope) -> ColumnElement[bool]:
    """逾期: the deadline has passed and the thing is not done as of ``scope``."""
    return and_(passed(deadline, scope), or_(done_at.is_(None), done_at > _as_of(done_at, scope)))


def day_passed(deadline: date, today: date, today_is_over: bool) -> bool:
    """The rule of :func:`passed` for a day deadline held in Python (a milestone's planned day)."""
    return deadline <= today if today_is_over else deadline < today


def day_done(done_on: date | None, today: date) -> bool:
    """The rule of :func:`done` for a day held in Python."""
    return done_on is not None and done_on <= today


def day_owed(deadline: date, done_on: date | None, today: date, today_is_over: bool) -> bool:
    """The rule of :func:`owed` for day values held in Python."""
    return day_passed(deadline, today, today_is_over) or day_done(done_on, today)
