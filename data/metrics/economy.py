"""经济指标: each economic indicator's latest value against its target and last year, for the city or a region."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, select

from data.metrics.rate import Rate
from data.metrics.scope import REGION, Scope, period_bounds
from data.schema import EconMetric

ECON = EconMetric.__table__
COLUMNS = ["metric", "region", "period", "value", "unit", "target", "completion", "yoy"]


def econ_table(conn: Connection, scope: Scope, period: str | None = None) -> pd.DataFrame:
    """One row per indicator (and region): its value for ``period``, or, when None, for its own latest period
    (indicators report monthly, quarterly or yearly, so "latest" is decided by each period's last day).

    Rows are for the city (region type ``city``) unless the scope names regions, which are matched exactly (a
    county's figure is its own, never a sum of its parks). Columns: metric, region, period, value, unit, target,
    completion (= value ÷ target, NaN without a target), yoy; in the order the indicators were loaded.
    """
    regions = REGION.c.code.in_(scope.region_codes) if scope.region_codes else REGION.c.type == "city"
    query = (
        select(ECON, REGION.c.name.label("region"))
        .select_from(ECON.join(REGION, REGION.c.id == ECON.c.region_id))
        .where(regions, *([ECON.c.period == period] if period else []))
        .order_by(ECON.c.id)
    )
    latest: dict[tuple[str, str], dict] = {}
    for row in conn.execute(query).mappings():
        key = (row["metric"], row["region"])
        if key not in latest or period_bounds(row["period"])[1] > period_bounds(latest[key]["period"])[1]:
            latest[key] = dict(row)
    frame = pd.DataFrame(list(latest.values()), columns=[*COLUMNS[:6], "yoy"])
    frame["completion"] = [Rate(v, t).or_nan() for v, t in zip(frame["value"], frame["target"], strict=True)]
    return frame[COLUMNS]


def behind_target(table: pd.DataFrame) -> pd.Series:
    """Which rows of ``econ_table`` are behind target: 未达目标 = value below its target (completion < 100 %); an
    indicator without a target is never behind.

    口径：未达目标 = 有目标的指标中，最近一期数值低于同期目标（完成率 < 100 %）。
    """
    return table["completion"].lt(1).fillna(False).astype(bool)
