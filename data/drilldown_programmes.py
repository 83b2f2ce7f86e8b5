"""The rows behind the programmes' figures (对标提升 measures, 为企服务专班 cases, 清风行动 counts, 一件事 services),
for the meeting view's click-through and the brief; ``data.drilldown`` registers them beside its own measures.

Each builder takes the connection, the scope, the measure's key and the colour rule and returns the rows with
English column names (``LABELS`` gives their headers). Nothing here is personal: a squad's contacts are not read,
and 清风行动 rows are counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Select, literal, select

from config import RagRule
from data.metrics import cleanwind, reforms, services
from data.metrics.appeals import APPEAL, ap, received_rows
from data.metrics.clearance import ISSUE, iss
from data.metrics.scope import DEPARTMENT, REGION, Scope, scope_where
from data.metrics.squads import SQUAD
from data.status import STATUSES

RowBuilder = Callable[[Connection, Scope, str, RagRule], pd.DataFrame]

MEASURE_LABELS = {
    "reforms.all": "对标提升微改革措施",
    **{f"reforms.{s.code}": f"微改革措施（{s.colour_name}·{s.word}）" for s in STATUSES.values()},
    "reforms.landed": "已落地微改革措施",
    "reforms.overdue": "到期未落地微改革措施",
    "squads.cases": "为企服务专班承办的诉求与清障问题",
    "clean_wind.all": "清风行动统计（按月份、单位）",
    "services.all": "一件事一次办事项",
    "services.live": "已上线的一件事",
}

LABELS = {
    "measure_no": "措施编号",
    "measure": "改革措施",
    "benchmark": "对标（范围 · 城市 · 指标）",
    "planned_on": "计划完成日期",
    "done_on": "落地日期",
    "progress_status": "推进状态",
    "result": "改革成效",
    "squad": "为企服务专班",
    "case_kind": "类别",
    "case_no": "编号",
    "opened": "受理/发现",
    "due": "办理时限",
    "closed": "办结/销号",
    "campaign": "专项行动",
    "period": "月份",
    "problems_found": "发现问题",
    "problems_rectified": "整改到位",
    "exposed": "通报曝光",
    "investigated": "立案审查",
    "prosecuted": "移送起诉",
    "item_no": "事项编号",
    "service": "一件事",
    "service_origin": "事项来源",
    "lifecycle_stage": "生命周期阶段",
    "service_status": "状态",
    "launched_on": "上线日期",
    "materials_saved": "减材料（件）",
    "days_saved": "减时限（天）",
    "trips_saved": "减跑动（次）",
}


def _benchmark(m: reforms.MeasureStatus) -> str:
    return " · ".join(x for x in (m.benchmark_scope, m.benchmark_city, m.benchmark_indicator) if x)


def reform_rows(conn: Connection, scope: Scope, key: str, rule: RagRule) -> pd.DataFrame:
    """The 对标提升 board as rows (``reforms.red`` … one colour; ``landed``; ``overdue`` = due by today, not landed)."""
    kind = key.split(".", 1)[1]
    keep: dict[str, Callable[[reforms.MeasureStatus], bool]] = {
        "all": lambda m: True,
        "landed": lambda m: m.landed,
        "overdue": lambda m: not m.landed and m.planned_on <= scope.today,
    }
    chosen = keep.get(kind, lambda m: m.rag.status == kind)
    rows = [
        {
            "measure_no": m.measure_no,
            "measure": m.name,
            "department": m.department,
            "benchmark": _benchmark(m),
            "planned_on": m.planned_on,
            "done_on": m.done_on,
            "progress_status": m.status,
            "word": m.rag.word,
            "status": m.rag.status,
            "reasons": "；".join(m.rag.reasons),
            "result": m.result,
        }
        for m in reforms.reform_board(conn, scope, rule)
        if chosen(m)
    ]
    columns = ["measure_no", "measure", "department", "benchmark", "planned_on", "done_on", "progress_status"]
    return pd.DataFrame(rows, columns=[*columns, "word", "status", "reasons", "result"])


def _cases(table: Any, kind: str, number: Any, dates: tuple[Any, Any, Any], resolution: Any) -> Select[Any]:
    """One kind of squad case as rows: squad, kind, number, department, opened, due, closed, resolution."""
    opened, due, closed = dates
    source = table.join(SQUAD, SQUAD.c.id == table.c.squad_id).join(
        DEPARTMENT, DEPARTMENT.c.id == table.c.department_id
    )
    return select(
        SQUAD.c.name.label("squad"),
        literal(kind).label("case_kind"),
        number.label("case_no"),
        DEPARTMENT.c.name.label("department"),
        opened.label("opened"),
        due.label("due"),
        closed.label("closed"),
        resolution.label("resolution"),
    ).select_from(source)


def squad_case_rows(conn: Connection, scope: Scope, key: str, rule: RagRule) -> pd.DataFrame:
    """The appeals received and 清障 issues found in the period that were routed to a squad (the squads' cases)."""
    appeals = _cases(APPEAL, "企业诉求", ap.ticket_no, (ap.received_at, ap.due_at, ap.closed_at), ap.resolution)
    issues = _cases(ISSUE, "清障问题", iss.issue_no, (iss.found_on, iss.due_on, iss.closed_on), literal(None))
    queries = (appeals.where(*received_rows(scope)), issues.where(*scope_where(scope, ISSUE, iss.found_on)))
    columns = ["squad", "case_kind", "case_no", "department", "opened", "due", "closed", "resolution"]
    frames = [pd.DataFrame(conn.execute(q).all(), columns=columns) for q in queries]
    frame = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    return frame.sort_values(["squad", "case_kind", "case_no"], ignore_index=True)


def clean_wind_rows(conn: Connection, scope: Scope, key: str, rule: RagRule) -> pd.DataFrame:
    """The 清风行动 counts of the period, one row per campaign, month and department."""
    cw = cleanwind.cw
    query = (
        select(
            cw.campaign,
            cw.period,
            DEPARTMENT.c.name.label("department"),
            REGION.c.name.label("region"),
            *(cw[c] for c in cleanwind.COUNTS),
        )
        .select_from(
            cleanwind.CLEAN_WIND.join(DEPARTMENT, DEPARTMENT.c.id == cw.department_id).outerjoin(
                REGION, REGION.c.id == cw.region_id
            )
        )
        .where(*cleanwind.clean_wind_where(scope))
        .order_by(cw.period, DEPARTMENT.c.name)
    )
    return pd.DataFrame(
        conn.execute(query).all(), columns=["campaign", "period", "department", "region", *cleanwind.COUNTS]
    )


def service_rows(conn: Connection, scope: Scope, key: str, rule: RagRule) -> pd.DataFrame:
    """The 一件事 list (``services.live``: those live by today), launched ones first by launch date."""
    frame = services.service_list(conn, scope)
    if key == "services.live":
        frame = frame[frame["launched_on"].notna()].reset_index(drop=True)
    return frame.rename(
        columns={"name": "service", "origin": "service_origin", "stage": "lifecycle_stage", "status": "service_status"}
    )


BUILDERS: dict[str, RowBuilder] = {
    "reforms": reform_rows,
    "squads": squad_case_rows,
    "clean_wind": clean_wind_rows,
    "services": service_rows,
}
