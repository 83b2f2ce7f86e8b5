"""The rows behind the figures of 驻企服务, 亲清观察员, 全省评价 and 经济指标, for the meeting view's click-through
and the brief; ``data.drilldown`` registers them beside its own measures.

A measure is either a listing (a SELECT built from the metric module's own clauses, counted as a subquery of that
same SELECT, so ``count == len(rows)`` by construction) or a frame (the metric module's table itself: the 18 areas,
the rank history, the economic indicators). Nothing here is personal: a cadre is shown by number (``cadre.name`` is
personal data), and an observer's lead without its content or contact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Select, func, select

from data.metrics import economy, evaluation, visits
from data.metrics.appeals import APPEAL_NAMED, ENTERPRISE, OBSERVER_CHANNEL, SOLVED, ap, received_rows
from data.metrics.scope import DEPARTMENT, REGION, Scope, in_period, not_after

Listing = Callable[[Scope, int], Select[Any]]
Framed = Callable[[Connection, Scope], pd.DataFrame]

VISIT, CADRE, ASSIGNMENT = visits.VISIT, visits.CADRE, visits.ASSIGNMENT
ENTERPRISE_REGION = REGION.alias("enterprise_region")

MEASURE_LABELS = {
    "visits.cadres": "驻企干部",
    "visits.enterprises": "包联企业",
    "visits.visited": "本期已走访的包联企业",
    "visits.unvisited": "近期未走访的包联企业",
    "observers.leads": "亲清观察员线索",
    "observers.solved": "已解决的亲清观察员线索",
    "evaluation.ranks": "全省营商环境评价排名走势",
    "evaluation.areas": "评价领域得分与排名",
    "economy.indicators": "主要经济指标",
    "economy.behind": "未达目标的经济指标",
}
SUBJECTS = frozenset(key.split(".", 1)[0] for key in MEASURE_LABELS)

LABELS = {
    "cadre_no": "干部编号",
    "enterprises": "包联企业数",
    "visits": "本期走访次数",
    "last_visited_on": "最近走访日期",
    "credit_code": "统一社会信用代码",
    "cadres": "包联干部数",
    "report_period": "期别",
    "overall_rank": "综合排名",
    "overall_movement": "综合排名较上期",
    "key_rank": "重点指标领域排名",
    "key_movement": "重点指标领域较上期",
    "n_cities": "参评城市",
    "area": "评价领域",
    "score": "得分",
    "rank": "本期排名",
    "previous_rank": "上期排名",
    "movement": "较上期（上升为正）",
    "metric": "指标",
    "value": "数值",
    "unit": "单位",
    "target": "目标",
    "completion": "完成率（%）",
    "yoy": "同比（%）",
}


def appeal_listing() -> Select[Any]:
    """Appeal rows with their names, without the personal columns (content, contact)."""
    columns = (ap.category, ap.channel, ap.received_at, ap.due_at, ap.closed_at, ap.status, ap.resolution)
    return select(
        ap.ticket_no,
        ENTERPRISE.c.name.label("enterprise"),
        REGION.c.name.label("region"),
        DEPARTMENT.c.name.label("department"),
        *columns,
        ap.satisfaction,
    ).select_from(APPEAL_NAMED)


def observer_where(scope: Scope) -> list[ColumnElement[bool]]:
    """亲清观察员线索: appeals received in the period through channel 亲清观察员 (``appeals.observer_leads``)."""
    return [*received_rows(scope), ap.channel == OBSERVER_CHANNEL]


def _observer_rows(*extra: ColumnElement[bool]) -> Listing:
    return lambda scope, days: appeal_listing().where(*observer_where(scope), *extra).order_by(ap.ticket_no)


def _visits_of(owner: ColumnElement[Any], scope: Scope) -> ColumnElement[Any]:
    """How many visits of ``owner`` (a visit column = an outer id) fell in the period, up to today."""
    period = (*in_period(VISIT.c.visited_on, scope.start, scope.end), not_after(VISIT.c.visited_on, scope.today))
    return select(func.count()).where(owner, *period).scalar_subquery()


def _last_visit(owner: ColumnElement[Any], scope: Scope) -> ColumnElement[Any]:
    last = select(func.max(VISIT.c.visited_on)).where(owner, not_after(VISIT.c.visited_on, scope.today))
    return last.scalar_subquery()


def cadre_rows(scope: Scope, days: int) -> Select[Any]:
    """The stationed cadres in scope (``visits.cadre_count``): number, department, grid cell, enterprises assigned,
    visits in the period, last visit."""
    assigned = select(func.count()).where(ASSIGNMENT.c.cadre_id == CADRE.c.id).scalar_subquery()
    mine = VISIT.c.cadre_id == CADRE.c.id
    source = CADRE.join(REGION, REGION.c.id == CADRE.c.region_id).outerjoin(
        DEPARTMENT, DEPARTMENT.c.id == CADRE.c.department_id
    )
    return (
        select(
            CADRE.c.cadre_no,
            DEPARTMENT.c.name.label("department"),
            REGION.c.name.label("region"),
            assigned.label("enterprises"),
            _visits_of(mine, scope).label("visits"),
            _last_visit(mine, scope).label("last_visited_on"),
        )
        .select_from(source)
        .where(*visits.cadre_where(scope))
        .order_by(REGION.c.code, CADRE.c.cadre_no)
    )


Clauses = Callable[[Scope, int], list[ColumnElement[bool]]]
ENTERPRISE_CLAUSES: dict[str, Clauses] = {
    "visits.enterprises": lambda scope, days: [],
    "visits.visited": lambda scope, days: [visits.visited_clause(scope)],
    "visits.unvisited": lambda scope, days: [visits.unvisited_clause(scope, days)],
}
"""Which of the enterprises assigned to the cadres in scope (the denominator of 走访覆盖率) each measure keeps."""


def _enterprise_rows(clauses: Clauses) -> Listing:
    """The distinct assigned enterprises matching ``clauses``: name, credit code, the enterprise's own district, its
    cadres in scope, its visits in the period, last visit."""

    def listing(scope: Scope, days: int) -> Select[Any]:
        theirs = VISIT.c.enterprise_id == ENTERPRISE.c.id
        source = visits.ASSIGNED.join(ENTERPRISE, ENTERPRISE.c.id == ASSIGNMENT.c.enterprise_id).outerjoin(
            ENTERPRISE_REGION, ENTERPRISE_REGION.c.id == ENTERPRISE.c.region_id
        )
        return (
            select(
                ENTERPRISE.c.name.label("enterprise"),
                ENTERPRISE.c.credit_code,
                ENTERPRISE_REGION.c.name.label("region"),
                func.count(func.distinct(CADRE.c.id)).label("cadres"),
                _visits_of(theirs, scope).label("visits"),
                _last_visit(theirs, scope).label("last_visited_on"),
            )
            .select_from(source)
            .where(*visits.cadre_where(scope), *clauses(scope, days))
            .group_by(ENTERPRISE.c.id, ENTERPRISE.c.name, ENTERPRISE.c.credit_code, ENTERPRISE_REGION.c.name)
            .order_by(ENTERPRISE.c.name)
        )

    return listing


def _enterprises_by_department(scope: Scope, key: str, days: int) -> Select[Any]:
    """Measure ``key``'s enterprises counted under each department whose cadres serve them (as the department
    filter counts them: an enterprise served by two departments is in both)."""
    source = visits.ASSIGNED.join(DEPARTMENT, DEPARTMENT.c.id == CADRE.c.department_id)
    return (
        select(DEPARTMENT.c.name, func.count(func.distinct(ASSIGNMENT.c.enterprise_id)))
        .select_from(source)
        .where(*visits.cadre_where(scope), *ENTERPRISE_CLAUSES[key](scope, days))
        .group_by(DEPARTMENT.c.name)
    )


def rank_rows(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The overall and the key-area (重点指标领域) rank per period, oldest first, with each one's movement."""

    def part(ranks: pd.DataFrame, prefix: str) -> pd.DataFrame:
        renamed = {"rank": f"{prefix}_rank", "movement": f"{prefix}_movement"}
        return ranks[["period", "rank", "movement", "n_cities"]].rename(columns=renamed)

    overall, key = part(evaluation.overall_ranks(conn), "overall"), part(evaluation.key_ranks(conn), "key")
    merged = overall.drop(columns="n_cities").merge(key.drop(columns="n_cities"), on="period", how="outer")
    cities = pd.concat([overall, key])[["period", "n_cities"]].drop_duplicates("period")
    frame = merged.merge(cities, on="period", how="left").sort_values("period", ignore_index=True)
    ranks = {c: frame[c].astype("Int64") for c in frame.columns if c.endswith(("_rank", "_movement"))}
    return frame.assign(**ranks).rename(columns={"period": "report_period"})


def area_rows(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The evaluation areas of the latest period in framework order (``evaluation.area_table``)."""
    table = evaluation.area_table(conn)
    shown = table.rename(columns={"name": "area"}).assign(report_period=table.attrs.get("period"))
    return shown[["area", "report_period", *table.columns[1:]]]


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """An indicator table as rows: completion in percent, the period as 期别."""
    percent = frame.assign(completion=(frame["completion"] * 100).round(1))
    return percent.rename(columns={"period": "report_period"})


def economy_rows(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The economic indicators of the scope (``economy.econ_table``), completion in percent."""
    return _shown(economy.econ_table(conn, scope))


def behind_rows(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The indicators behind their target (``economy.behind_target``)."""
    table = economy.econ_table(conn, scope)
    return _shown(table[economy.behind_target(table)].reset_index(drop=True))


LISTINGS: dict[str, Listing] = {
    "visits.cadres": cadre_rows,
    **{key: _enterprise_rows(clauses) for key, clauses in ENTERPRISE_CLAUSES.items()},
    "observers.leads": _observer_rows(),
    "observers.solved": _observer_rows(ap.resolution == SOLVED),
}
FRAMES: dict[str, Framed] = {
    "evaluation.ranks": rank_rows,
    "evaluation.areas": area_rows,
    "economy.indicators": economy_rows,
    "economy.behind": behind_rows,
}


def listing(scope: Scope, key: str, days: int) -> Select[Any] | None:
    """The SELECT behind measure ``key`` (None for a measure read as a frame)."""
    build = LISTINGS.get(key)
    return build(scope, days) if build else None


def rows(conn: Connection, scope: Scope, key: str, days: int, limit: int | None = None) -> pd.DataFrame:
    """The rows behind ``key``; ``days`` is the 未走访 window (``[visits] unvisited_days``)."""
    query = listing(scope, key, days)
    if query is None:
        frame = FRAMES[key](conn, scope)
        return frame.head(limit) if limit else frame
    if limit:
        query = query.limit(limit)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))


def count(conn: Connection, scope: Scope, key: str, days: int) -> int:
    """How many rows ``rows`` returns: the same SELECT counted, or the frame's length."""
    query = listing(scope, key, days)
    if query is None:
        return len(FRAMES[key](conn, scope))
    return int(conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one())


def count_by_department(conn: Connection, scope: Scope, key: str, days: int) -> dict[str, int]:
    """``count`` for each department at once (departments with no rows absent; none for the city-level frames)."""
    if key in ENTERPRISE_CLAUSES:
        query = _enterprises_by_department(scope, key, days)
    elif key in LISTINGS:
        listed = LISTINGS[key](scope, days).order_by(None).subquery()
        department = listed.c.department
        query = select(department, func.count()).where(department.is_not(None)).group_by(department)
    else:
        return {}
    return {name: int(n) for name, n in conn.execute(query)}
