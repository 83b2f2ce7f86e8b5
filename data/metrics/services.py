"""一件事一次办 metrics: services launched against the year's target, the 省定 (set by the province) and 本地新增
services, the list of services with their launch dates, and the materials, days and trips saved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, func, select

from data.metrics.rate import Rate
from data.metrics.scope import DEPARTMENT, Scope, in_period, not_after, scope_where
from data.metrics.sql import count_if
from data.schema import ServiceItem

SERVICE = ServiceItem.__table__
sv = SERVICE.c
LAUNCHED_STATUS = "已上线"
PROVINCIAL, LOCAL, NO_ORIGIN = "省定", "本地新增", "未注明"


@dataclass(frozen=True)
class ServiceSummary:
    """``by_stage``: columns stage, services (all in scope), launched; most launched first. ``by_origin``: columns
    origin (省定, 本地新增, 未注明), services, live (已上线 by today, any year), launched (in the period)."""

    launched: int
    target: int
    completion: Rate
    materials_saved: float
    days_saved: float
    trips_saved: float
    by_stage: pd.DataFrame
    by_origin: pd.DataFrame


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
    = Σ (before − after) over the launched services (a service missing either figure adds nothing).

    口径：上线完成率 = 本期（未选期间时为今年）已上线的一件事 ÷ 年度目标；减材料、减时限、减跑动 = 这些事项
    优化前后之差的合计。
    """
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
    origins = (
        select(sv.origin, func.count(), count_if(_live(scope)), count_if(launched))
        .where(*base)
        .group_by(sv.origin)
        .select_from(SERVICE)
    )
    counted = {origin or NO_ORIGIN: rest for origin, *rest in conn.execute(origins).all()}
    shown = [PROVINCIAL, LOCAL, *([NO_ORIGIN] if NO_ORIGIN in counted else [])]
    by_origin = pd.DataFrame(
        [(origin, *counted.get(origin, (0, 0, 0))) for origin in shown],
        columns=["origin", "services", "live", "launched"],
    )
    return ServiceSummary(
        launched=count,
        target=year_target,
        completion=Rate(count, year_target, "一件事一次办上线完成率"),
        materials_saved=float(materials),
        days_saved=float(days),
        trips_saved=float(trips),
        by_stage=by_stage,
        by_origin=by_origin,
    )


def _live(scope: Scope) -> ColumnElement[bool]:
    """已上线 with a launch date on or before today (in any year)."""
    return and_(sv.status == LAUNCHED_STATUS, not_after(sv.launched_on, scope.today))


def service_list(conn: Connection, scope: Scope) -> pd.DataFrame:
    """Every service (of the scope's departments), launched ones first by launch date, then the others by number.

    Columns: item_no, name, origin, stage, department, status, launched_on (only once live by today),
    materials_saved, days_saved, trips_saved (before − after; NaN when either is missing).
    """
    query = (
        select(
            sv.item_no,
            sv.name,
            sv.origin,
            sv.lifecycle_stage.label("stage"),
            DEPARTMENT.c.name.label("department"),
            sv.status,
            sv.launched_on,
            _live(scope).label("live"),
            (sv.materials_before - sv.materials_after).label("materials_saved"),
            (sv.days_before - sv.days_after).label("days_saved"),
            (sv.trips_before - sv.trips_after).label("trips_saved"),
        )
        .select_from(SERVICE.outerjoin(DEPARTMENT, DEPARTMENT.c.id == sv.department_id))
        .where(*scope_where(scope, SERVICE))
    )
    frame = pd.DataFrame(conn.execute(query).mappings().all())
    columns = ["item_no", "name", "origin", "stage", "department", "status", "launched_on"]
    saved = ["materials_saved", "days_saved", "trips_saved"]
    if frame.empty:
        return pd.DataFrame(columns=[*columns, *saved])
    frame["live"] = frame["live"].astype(bool)
    frame["launched_on"] = frame["launched_on"].where(frame["live"], None)
    frame["origin"] = frame["origin"].fillna(NO_ORIGIN)
    frame[saved] = frame[saved].astype(float)
    frame = frame.sort_values(["live", "launched_on", "item_no"], ascending=[False, True, True], na_position="last")
    return frame.reset_index(drop=True)[[*columns, *saved]]
