"""What a metric looks at: ``Scope`` (as-of day, period, regions, departments, action group) and, once for all
metrics, the SQL WHERE clauses it means for a table.

Filters a table has no column for are ignored (a region filter on the city-wide services, say).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, DateTime, FromClause, Select, and_, or_, select

from data.schema import ActionGroup, Department, Region

REGION = Region.__table__
DEPARTMENT = Department.__table__
ACTION_GROUP = ActionGroup.__table__


@dataclass(frozen=True)
class Scope:
    """The slice of the data a metric is computed over.

    ``today`` is the as-of day and ``now`` the as-of instant within it (naive local time, to the second); without
    ``now`` the scope is as of the end of ``today`` (a finished day or quarter). Whether a thing is due, closed or
    late as of then is decided by ``data.metrics.due`` alone. ``start``/``end`` bound the period (inclusive days,
    cut at local midnight; ``None`` = unbounded); each metric says which of its dates falls in the period.
    ``region_codes``: a county code matches rows whose region or park is that county or one of its parks; a park code
    matches rows whose region or park is that park; the city code matches everything within the city.
    ``department_names`` keeps those departments; ``action_group`` keeps the departments of that 专项行动组 (a row
    with its own action group, such as a 清障 issue, is judged by that group, and by its department's group only when
    it has none).
    """

    today: date
    start: date | None = None
    end: date | None = None
    region_codes: tuple[str, ...] = ()
    department_names: tuple[str, ...] = ()
    action_group: str | None = None
    now: datetime | None = None

    @classmethod
    def at(cls, now: datetime, **filters: Any) -> Scope:
        """The scope as of the instant ``now`` (its day is ``today``)."""
        return cls(today=now.date(), now=now, **filters)

    @property
    def moment(self) -> datetime:
        """The as-of instant: ``now``, or the last instant of ``today``."""
        return self.now if self.now is not None else datetime.combine(self.today, time.max)

    @property
    def today_is_over(self) -> bool:
        """Whether the as-of day has ended (a scope without ``now`` is as of the end of its day)."""
        return self.now is None

    def with_period(self, start: date | None, end: date | None) -> Scope:
        return replace(self, start=start, end=end)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def next_midnight(day: date) -> datetime:
    """The exclusive upper bound of ``day`` for a timestamp column."""
    return day_start(day + timedelta(days=1))


def _is_timestamp(column: ColumnElement[Any]) -> bool:
    return isinstance(column.type, DateTime)


def in_period(column: ColumnElement[Any], start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    """``column`` falls on a day between ``start`` and ``end`` inclusive (each bound optional); NULL never does."""
    clauses: list[ColumnElement[bool]] = []
    if start is not None:
        clauses.append(column >= (day_start(start) if _is_timestamp(column) else start))
    if end is not None:
        clauses.append(column < next_midnight(end) if _is_timestamp(column) else column <= end)
    return clauses


def not_after(column: ColumnElement[Any], day: date) -> ColumnElement[bool]:
    """``column`` is on or before ``day`` (for a timestamp: before the midnight that ends it); NULL is not."""
    return column < next_midnight(day) if _is_timestamp(column) else column <= day


def _region_ids(codes: tuple[str, ...]) -> Select[Any]:
    """The regions named and those within them, two levels down (city → county → park)."""
    children = select(REGION.c.code).where(REGION.c.parent_code.in_(codes))
    return select(REGION.c.id).where(
        or_(REGION.c.code.in_(codes), REGION.c.parent_code.in_(codes), REGION.c.parent_code.in_(children))
    )


def _group_department_ids(group: str) -> Select[Any]:
    return (
        select(DEPARTMENT.c.id)
        .join(ACTION_GROUP, ACTION_GROUP.c.id == DEPARTMENT.c.action_group_id)
        .where(ACTION_GROUP.c.name == group)
    )


def filter_where(
    scope: Scope,
    *,
    region: ColumnElement[Any] | None = None,
    park: ColumnElement[Any] | None = None,
    department: ColumnElement[Any] | None = None,
    action_group: ColumnElement[Any] | None = None,
) -> list[ColumnElement[bool]]:
    """The region / department / action-group clauses of ``scope`` for the given columns (None = no such column)."""
    clauses: list[ColumnElement[bool]] = []
    if scope.region_codes and (region is not None or park is not None):
        ids = _region_ids(scope.region_codes)
        clauses.append(or_(*(column.in_(ids) for column in (region, park) if column is not None)))
    if scope.department_names and department is not None:
        names = select(DEPARTMENT.c.id).where(DEPARTMENT.c.name.in_(scope.department_names))
        clauses.append(department.in_(names))
    if scope.action_group is not None:
        in_group = department.in_(_group_department_ids(scope.action_group)) if department is not None else None
        if action_group is not None:
            group_id = select(ACTION_GROUP.c.id).where(ACTION_GROUP.c.name == scope.action_group).scalar_subquery()
            own = action_group == group_id
            clauses.append(own if in_group is None else or_(own, and_(action_group.is_(None), in_group)))
        elif in_group is not None:
            clauses.append(in_group)
    return clauses


def scope_where(scope: Scope, table: FromClause, period: ColumnElement[Any] | None = None) -> list[ColumnElement[bool]]:
    """All clauses of ``scope`` for ``table``: ``period`` (a column of it) in the period, and the filters on its
    ``region_id`` / ``park_id`` / ``department_id`` / ``action_group_id`` columns where it has them."""
    columns = table.c
    clauses = in_period(period, scope.start, scope.end) if period is not None else []
    return clauses + filter_where(
        scope,
        region=columns.get("region_id"),
        park=columns.get("park_id"),
        department=columns.get("department_id"),
        action_group=columns.get("action_group_id"),
    )


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period label: ``'2026'``, ``'2026Q3'`` or ``'2026-07'``."""
    text = period.strip().upper()
    try:
        year = int(text[:4])
        if len(text) == 4:
            return date(year, 1, 1), date(year, 12, 31)
        if len(text) == 6 and text[4] == "Q" and text[5] in "1234":
            first_month, months = 3 * int(text[5]) - 2, 3
        elif len(text) == 7 and text[4] == "-":
            first_month, months = int(text[5:]), 1
        else:
            raise ValueError
        first = date(year, first_month, 1)
    except ValueError:
        raise ValueError(f"期间应写作 YYYY、YYYYQn 或 YYYY-MM（如 2026Q3），收到 {period!r}") from None
    after = date(year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"
