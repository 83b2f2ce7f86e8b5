"""好差评 metrics: 好评率, 差评率, 差评整改率 (and on time), 实名差评回访率, the review count and 差评 by month.

Which date puts a review in the period: ``reviewed_at``. A 差评 is a review of level 1 or 2; rectification and
revisits count once dated on or before ``scope.today``. Counts over all reviews are summed from ``review_daily``
(``data.summaries`` builds it); the 差评 metrics read the few 差评 rows through their (level, reviewed_at) index.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Connection, case, func, select

from data.metrics import deadline
from data.metrics.rate import Rate, RateQuery, Tally, counted_rate, summed_rate
from data.metrics.scope import Scope, not_after, scope_where
from data.metrics.sql import count_if, month_key, month_label, months_between
from data.schema import Review, ReviewDaily

REVIEW = Review.__table__
REVIEW_DAILY = ReviewDaily.__table__
rv, rvd = REVIEW.c, REVIEW_DAILY.c
GOOD_LEVELS, BAD_LEVELS = (4, 5), (1, 2)  # 好评 非常满意/满意; 差评 不满意/非常不满意
BAD = rv.level.between(*BAD_LEVELS)


def reviewed_clauses(scope: Scope) -> list[ColumnElement[bool]]:
    return scope_where(scope, REVIEW, rv.reviewed_at)


def _reviewed_days(scope: Scope) -> tuple[ColumnElement[bool], ...]:
    return tuple(scope_where(scope, REVIEW_DAILY, rvd.reviewed_on))


def _of_levels(levels: tuple[int, int]) -> ColumnElement[int]:
    return case((rvd.level.between(*levels), rvd.reviews), else_=0)


def review_tally(scope: Scope) -> Tally:
    return Tally(REVIEW_DAILY, rvd.reviews, _reviewed_days(scope))


def bad_review_tally(scope: Scope) -> Tally:
    return Tally(REVIEW_DAILY, _of_levels(BAD_LEVELS), _reviewed_days(scope))


def good_review_rate(conn: Connection, scope: Scope) -> Rate:
    """好评率 = reviews of level 5 or 4 ÷ all reviews in the period."""
    return summed_rate(REVIEW_DAILY, _of_levels(GOOD_LEVELS), rvd.reviews, _reviewed_days(scope), "好评率").fetch(conn)


def bad_review_rate(conn: Connection, scope: Scope) -> Rate:
    """差评率 = reviews of level 1 or 2 ÷ all reviews in the period.

    口径：差评率 = 评价为 1、2 级（差评）的条数 ÷ 本期全部评价条数。
    """
    return summed_rate(REVIEW_DAILY, _of_levels(BAD_LEVELS), rvd.reviews, _reviewed_days(scope), "差评率").fetch(conn)


def bad_due_clauses(scope: Scope) -> list[ColumnElement[bool]]:
    """差评 of the period whose rectification is owed (its due day is over, or it is rectified: the rule of
    ``data.metrics.deadline``), less those ruled mistaken (误评)."""
    owed = deadline.owed(rv.rectify_due, rv.rectified_on, scope)
    return [*reviewed_clauses(scope), BAD, owed, rv.ruled_mistaken.is_(False)]


def bad_review_rectify_rate(conn: Connection, scope: Scope) -> Rate:
    """差评整改率 = 差评 rectified (by today) ÷ 差评 whose rectification is owed, excluding those ruled mistaken."""
    rectified = deadline.done(rv.rectified_on, scope)
    return counted_rate(REVIEW, rectified, bad_due_clauses(scope), "差评整改率").fetch(conn)


def rectify_on_time_query(scope: Scope) -> RateQuery:
    """差评按期整改率 = 差评 rectified on or before their rectify-due date ÷ the same denominator as 差评整改率."""
    on_time = deadline.on_time(rv.rectify_due, rv.rectified_on)
    return counted_rate(REVIEW, on_time, bad_due_clauses(scope), "差评按期整改率")


def bad_review_rectify_on_time_rate(conn: Connection, scope: Scope) -> Rate:
    return rectify_on_time_query(scope).fetch(conn)


def realname_bad_revisit_rate(conn: Connection, scope: Scope) -> Rate:
    """实名差评回访率 = real-name 差评 revisited (by today) ÷ real-name 差评 in the period."""
    where = [*reviewed_clauses(scope), BAD, rv.is_real_name.is_(True)]
    return counted_rate(REVIEW, not_after(rv.revisited_on, scope.today), where, "实名差评回访率").fetch(conn)


def review_count(conn: Connection, scope: Scope) -> int:
    """Reviews in the period."""
    return review_tally(scope).count(conn)


def bad_reviews_by_month(conn: Connection, scope: Scope) -> pd.DataFrame:
    """差评 of each month of the period (by ``reviewed_at``; months between the first and the last filled with 0) and
    how many of them are rectified by today. Columns month ('YYYY-MM'), bad, rectified.

    口径：差评月度走势 = 每月收到的差评（1、2 级）条数，及其中截至今日已整改的条数（按评价时间归月）。
    """
    year, month = month_key(rv.reviewed_at)
    query = (
        select(year, month, func.count(), count_if(not_after(rv.rectified_on, scope.today)))
        .where(*reviewed_clauses(scope), BAD)
        .group_by(year, month)
    )
    counted = {month_label(y, m): (int(bad), int(done)) for y, m, bad, done in conn.execute(query)}
    months = months_between(min(counted), max(counted)) if counted else []
    rows = [(m, *counted.get(m, (0, 0))) for m in months]
    return pd.DataFrame(rows, columns=["month", "bad", "rectified"])
