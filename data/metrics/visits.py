"""驻企走访 metrics: 走访覆盖率, 问题化解率, enterprises not visited lately, the county/park grid of cadres, the
cadre count and the visits made.

Everything is placed on the grid by the *cadre*: a visit, an assignment and a cadre belong to the cadre's region
and department. Which date puts a visit in the period: ``visited_on`` (up to ``scope.today``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, case, exists, func, select

from data.metrics.rate import Rate, RateQuery
from data.metrics.scope import REGION, Scope, filter_where, in_period, not_after
from data.schema import Assignment, Cadre, Visit

CADRE = Cadre.__table__
ASSIGNMENT = Assignment.__table__
VISIT = Visit.__table__


# The assignments with their cadre: what places an assigned enterprise on the grid.
ASSIGNED = ASSIGNMENT.join(CADRE, CADRE.c.id == ASSIGNMENT.c.cadre_id)


def cadre_where(scope: Scope) -> list[ColumnElement[bool]]:
    """The cadres (and, joined to them, their assignments and visits) in the scope's regions and departments."""
    return filter_where(scope, region=CADRE.c.region_id, department=CADRE.c.department_id)


def _visited_in_period(scope: Scope) -> list[ColumnElement[bool]]:
    return [*in_period(VISIT.c.visited_on, scope.start, scope.end), not_after(VISIT.c.visited_on, scope.today)]


def visited_clause(scope: Scope) -> ColumnElement[bool]:
    """The assigned enterprise (``assignment.enterprise_id``) was visited, by anyone, in the period up to today."""
    return exists().where(VISIT.c.enterprise_id == ASSIGNMENT.c.enterprise_id, *_visited_in_period(scope))


def unvisited_clause(scope: Scope, days: int) -> ColumnElement[bool]:
    """No one has visited the assigned enterprise in the ``days`` days up to and including ``scope.today``."""
    return ~exists().where(
        VISIT.c.enterprise_id == ASSIGNMENT.c.enterprise_id,
        VISIT.c.visited_on > scope.today - timedelta(days=days),
        not_after(VISIT.c.visited_on, scope.today),
    )


def coverage_query(scope: Scope) -> RateQuery:
    """走访覆盖率 = assigned enterprises visited (by anyone) in the period ÷ distinct enterprises assigned to the
    cadres in scope. Only assigned enterprises count as covered, so the rate never passes 100 %.

    口径：走访覆盖率 = 本期（截至今日）有干部走访过的包联企业 ÷ 驻企干部包联的企业（每家企业只计一次）。
    """
    enterprise = ASSIGNMENT.c.enterprise_id
    return RateQuery(
        ASSIGNED,
        func.count(func.distinct(case((visited_clause(scope), enterprise)))),
        func.count(func.distinct(enterprise)),
        tuple(cadre_where(scope)),
        "走访覆盖率",
    )


def problems_query(scope: Scope) -> RateQuery:
    """问题化解率 = Σ problems solved ÷ Σ problems collected, over the visits in the period.

    口径：问题化解率 = 本期走访中已化解的问题数 ÷ 本期走访中收集的问题数。
    """
    return RateQuery(
        VISIT.join(CADRE, CADRE.c.id == VISIT.c.cadre_id),
        func.sum(VISIT.c.problems_solved),
        func.sum(VISIT.c.problems_collected),
        (*cadre_where(scope), *_visited_in_period(scope)),
        "问题化解率",
    )


def unvisited_query(scope: Scope, days: int) -> RateQuery:
    """未走访企业占比 = assigned enterprises no one has visited in the ``days`` days up to ``scope.today`` ÷ distinct
    enterprises assigned to the cadres in scope (the period does not apply: it is the grid's state as of today).

    口径：N 天未走访企业 = 包联企业中，截至今日近 N 天（含今日）无任何干部走访的企业；占比以包联企业为分母。
    """
    enterprise = ASSIGNMENT.c.enterprise_id
    return RateQuery(
        ASSIGNED,
        func.count(func.distinct(case((unvisited_clause(scope, days), enterprise)))),
        func.count(func.distinct(enterprise)),
        tuple(cadre_where(scope)),
        f"{days} 天未走访企业占比",
    )


def unvisited_enterprises(conn: Connection, scope: Scope, days: int) -> Rate:
    return unvisited_query(scope, days).fetch(conn)


def visit_coverage(conn: Connection, scope: Scope) -> Rate:
    return coverage_query(scope).fetch(conn)


def problem_resolution_rate(conn: Connection, scope: Scope) -> Rate:
    return problems_query(scope).fetch(conn)


def cadre_count(conn: Connection, scope: Scope) -> int:
    """Stationed cadres in the region / department / action group of the scope (the period does not apply).

    口径：驻企干部 = 所选县区、园区与单位的驻企服务干部人数（按干部所在网格与单位，不分期间）。
    """
    return int(conn.execute(select(func.count()).select_from(CADRE).where(*cadre_where(scope))).scalar_one())


def visit_count(conn: Connection, scope: Scope) -> int:
    """Visits made in the period (up to today) by the cadres in the scope's regions and departments.

    口径：本期走访次数 = 所选县区、园区与单位的驻企干部本期（截至今日）走访企业的次数（按走访记录计，同一企业多次走访
    分别计）。
    """
    source = VISIT.join(CADRE, CADRE.c.id == VISIT.c.cadre_id)
    query = select(func.count()).select_from(source).where(*cadre_where(scope), *_visited_in_period(scope))
    return int(conn.execute(query).scalar_one())


def _or_zero(rates: dict[Any, Rate], key: Any, part: str) -> float:
    rate = rates.get(key)
    return getattr(rate, part) if rate else 0


def visits_by_region(conn: Connection, scope: Scope, unvisited_days: int | None = None) -> pd.DataFrame:
    """The grid: one row per region (county or park) that has cadres, in region-code order.

    Columns: region, cadres, enterprises_assigned, enterprises_visited, coverage (visited ÷ assigned, NaN if
    none assigned), collected, solved (problems over the period's visits); with ``unvisited_days``, also unvisited
    (the cell's enterprises not visited in that many days, ``unvisited_query``).
    """
    key = CADRE.c.region_id
    cadres = (
        select(REGION.c.id, REGION.c.name, func.count())
        .select_from(CADRE.join(REGION, REGION.c.id == key))
        .where(*cadre_where(scope))
        .group_by(REGION.c.id, REGION.c.name, REGION.c.code)
        .order_by(REGION.c.code)
    )
    coverage = coverage_query(scope).fetch_by(conn, key)
    problems = problems_query(scope).fetch_by(conn, key)
    unvisited = unvisited_query(scope, unvisited_days).fetch_by(conn, key) if unvisited_days else {}
    rows = [
        {
            "region": name,
            "cadres": count,
            "enterprises_assigned": int(_or_zero(coverage, region_id, "denominator")),
            "enterprises_visited": int(_or_zero(coverage, region_id, "numerator")),
            "coverage": coverage[region_id].or_nan() if region_id in coverage else float("nan"),
            "collected": int(_or_zero(problems, region_id, "denominator")),
            "solved": int(_or_zero(problems, region_id, "numerator")),
            **({"unvisited": int(_or_zero(unvisited, region_id, "numerator"))} if unvisited_days else {}),
        }
        for region_id, name, count in conn.execute(cadres)
    ]
    columns = ["region", "cadres", "enterprises_assigned", "enterprises_visited", "coverage", "collected", "solved"]
    columns += ["unvisited"] if unvisited_days else []
    return pd.DataFrame(rows, columns=columns)
