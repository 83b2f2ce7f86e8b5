"""一件事一次办 metrics: services launched against the year's target, and the materials, days and trips saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, func, select

from data.metrics.rate import Rate
from data.metrics.scope import Scope, in_period, scope_where
from data.metrics.sql import count_if
from data.schema import ServiceItem

SERVICE = ServiceItem.__table__
sv = SERVICE.c
LAUNCHED_STATUS = "已上线"


@dataclass(frozen=True)
class ServiceSummary:
    """``by_stage``: columns stage, services (all in scope), launched; most launched first."""

    launched: int
    target: int
    completion: Rate
    materials_saved: float
    days_saved: float
    trips_saved: float
    by_stage: pd.DataFrame


def _launched(scope: Scope) -> ColumnElement[bool]:
    """Status 已上线 with a launch date in the period (no period given: the calendar year of ``scope.today``),
    on or before today."""
    if scope.start is None and scope.end is None:
        start, end = date(scope.today.year, 1, 1), scope.today
    else:
        start, end = scope.start, min(scope.end or scope.today, scope.today)
    return and_(sv.status == LAUNCHED_STATUS, *in_period(sv.launched_on, start, end))


def service_summary(conn: Connection, scope: Scope, year_target: int) -> ServiceSummary:
    """Launched services against ``year_target`` (completion = launched ÷ target); saved materials / days / trips
    = Σ (before − after) over the launched services (a service missing either figure adds nothing)."""
    launched = _launched(scope)
    base = scope_where(scope, SERVICE)

    def saved(before: ColumnElement[float], after: ColumnElement[float]) -> ColumnElement[float]:
        return func.coalesce(func.sum(before - after), 0)

    totals = select(
        func.count(),
        saved(sv.materials_before, sv.materials_after),
        saved(sv.days_before, sv.days_after),
        saved(sv.trips_before, sv.trips_after),
    ).select_from(SERVICE)
    count, materials, days, trips = conn.execute(totals.where(*base, launched)).one()
    stages = (
        select(sv.lifecycle_stage, func.count(), count_if(launched))
        .where(*base)
        .group_by(sv.lifecycle_stage)
        .select_from(SERVICE)
    )
    by_stage = pd.DataFrame(conn.execute(stages).all(), columns=["stage", "services", "launched"])
    by_stage["stage"] = by_stage["stage"].fillna("未分类")
    by_stage = by_stage.sort_values(["launched", "stage"], ascending=[False, True], ignore_index=True)
    return ServiceSummary(
        launched=count,
        target=year_target,
        completion=Rate(count, year_target, "一件事一次办上线完成率"),
        materials_saved=float(materials),
        days_saved=float(days),
        trips_saved=float(trips),
        by_stage=by_stage,
    )
