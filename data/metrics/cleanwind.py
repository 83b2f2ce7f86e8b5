"""清风行动 (the discipline inspection's campaign on grass-roots administrative law enforcement): problems found and
rectified, cases 通报曝光, 立案审查, 移送起诉 — totals, by month and by department, aggregate counts only.

Which month puts a row in the period: its ``period`` ('YYYY-MM'), from the month of ``scope.start`` to the month of
``scope.end``, never after the month of ``scope.today``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, func, select

from data.metrics.rate import Rate
from data.metrics.scope import DEPARTMENT, Scope, filter_where
from data.schema import CleanWindCount

CLEAN_WIND = CleanWindCount.__table__
cw = CLEAN_WIND.c
COUNTS = ("problems_found", "problems_rectified", "exposed", "investigated", "prosecuted")
LABELS = {
    "problems_found": "发现问题",
    "problems_rectified": "整改到位",
    "exposed": "通报曝光",
    "investigated": "立案审查",
    "prosecuted": "移送起诉",
}


def _month(day: Any) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def clean_wind_where(scope: Scope) -> list[ColumnElement[bool]]:
    """The rows of the period (by month) and of the scope's regions / departments."""
    last = _month(scope.today if scope.end is None else min(scope.end, scope.today))
    clauses = [cw.period <= last]
    if scope.start is not None:
        clauses.append(cw.period >= _month(scope.start))
    return clauses + filter_where(scope, region=cw.region_id, department=cw.department_id)


def clean_wind_totals(conn: Connection, scope: Scope) -> dict[str, int]:
    """Σ of each count over the period: problems_found, problems_rectified, exposed, investigated, prosecuted.

    口径：本期各月、各执法单位报送数之和（发现问题、整改到位、通报曝光、立案审查、移送起诉），只含汇总数。
    """
    query = select(*(func.coalesce(func.sum(cw[c]), 0) for c in COUNTS)).where(*clean_wind_where(scope))
    return dict(zip(COUNTS, (int(v) for v in conn.execute(query).one()), strict=True))


def rectification_rate(totals: dict[str, int]) -> Rate:
    """整改率 = problems rectified ÷ problems found (over the same rows).

    口径：问题整改率 = 本期整改到位的问题 ÷ 本期发现的问题。
    """
    return Rate(totals["problems_rectified"], totals["problems_found"], "问题整改率")


def clean_wind_by(conn: Connection, scope: Scope, dimension: str) -> pd.DataFrame:
    """The five counts per ``month`` (oldest first) or per ``department`` (most problems found first).

    Columns: name, problems_found, problems_rectified, exposed, investigated, prosecuted.
    """
    if dimension == "month":
        key, source = cw.period, CLEAN_WIND
    elif dimension == "department":
        key, source = DEPARTMENT.c.name, CLEAN_WIND.join(DEPARTMENT, DEPARTMENT.c.id == cw.department_id)
    else:
        raise ValueError(f"未知维度 {dimension!r}，可选 month / department")
    query = (
        select(key.label("name"), *(func.sum(cw[c]).label(c) for c in COUNTS))
        .select_from(source)
        .where(*clean_wind_where(scope))
        .group_by(key)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=["name", *COUNTS])
    frame[list(COUNTS)] = frame[list(COUNTS)].astype(int)
    if dimension == "month":
        return frame.sort_values("name", ignore_index=True)
    return frame.sort_values(["problems_found", "name"], ascending=[False, True], ignore_index=True)
