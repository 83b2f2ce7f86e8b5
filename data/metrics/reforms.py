"""对标提升清单 / 微改革: each measure lit red / yellow / green by the projects' backward-scheduled rule, the list's
summary per department, and the departments that landed no measure by its due date (蜗牛奖 cases).

A measure is in the period when its plan overlaps it (as a project's): due on or after the period's start and
planned to start (or, without a start, due) on or before its end. A measure has landed once ``done_on`` is on
or before ``scope.today``; it landed on time when ``done_on`` ≤ ``planned_on``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
from sqlalchemy import Connection, func, select

from config import RagRule
from data.metrics.projects import MilestoneFact, RagResult, project_rag
from data.metrics.scope import DEPARTMENT, Scope, scope_where
from data.schema import ReformMeasure
from data.status import STATUS_ORDER

MEASURE = ReformMeasure.__table__
ms = MEASURE.c
LANDED, UNDER_WAY, NOT_STARTED = "已落地", "推进中", "未启动"
IN_PROVINCE, OUT_OF_PROVINCE = "省内", "省外"


@dataclass(frozen=True)
class MeasureStatus:
    """One measure with its benchmark, dates and colour; ``landed`` / ``on_time`` as of the scope's day."""

    measure_no: str
    name: str
    department: str
    benchmark_scope: str | None
    benchmark_city: str | None
    benchmark_indicator: str | None
    planned_on: date
    done_on: date | None
    status: str
    result: str | None
    rag: RagResult
    landed: bool
    on_time: bool


def measure_rag(
    *,
    name: str,
    planned_on: date,
    done_on: date | None,
    status: str,
    planned_start: date | None,
    actual_start: date | None,
    is_blocked: bool,
    today: date,
    rule: RagRule,
    blocked_reason: str | None = None,
) -> RagResult:
    """The projects' rule (``data.metrics.projects.project_rag``) with the measure as its one 倒排 node, due on
    ``planned_on`` and done on ``done_on``: overdue and not landed → gap 100 points → RED; not started a month after
    its planned start → YELLOW, three months → RED; blocked → RED. A measure reported 推进中 or 已落地 without an
    actual start date counts as started."""
    started = actual_start or (today if status in (UNDER_WAY, LANDED) else None)
    return project_rag(
        [MilestoneFact(name, planned_on, 1.0, done_on)],
        today=today,
        planned_start=planned_start,
        actual_start=started,
        is_blocked=is_blocked,
        rule=rule,
        blocked_reason=blocked_reason,
    )


def reform_board(conn: Connection, scope: Scope, rule: RagRule) -> list[MeasureStatus]:
    """Every measure whose plan overlaps the period (of the scope's departments), coloured as of ``scope.today``;
    red first, then yellow, then green, each by measure no."""
    where = scope_where(scope, MEASURE)
    if scope.start is not None:
        where.append(ms.planned_on >= scope.start)
    if scope.end is not None:
        where.append(func.coalesce(ms.planned_start, ms.planned_on) <= scope.end)
    query = (
        select(MEASURE, DEPARTMENT.c.name.label("department"))
        .select_from(MEASURE.join(DEPARTMENT, DEPARTMENT.c.id == ms.department_id))
        .where(*where)
    )
    board = []
    for row in conn.execute(query).mappings():
        done = row["done_on"] if row["done_on"] is not None and row["done_on"] <= scope.today else None
        rag = measure_rag(
            name=row["name"],
            planned_on=row["planned_on"],
            done_on=done,
            status=row["status"],
            planned_start=row["planned_start"],
            actual_start=row["actual_start"],
            is_blocked=bool(row["is_blocked"]),
            today=scope.today,
            rule=rule,
            blocked_reason=row["blocked_reason"],
        )
        board.append(
            MeasureStatus(
                measure_no=row["measure_no"],
                name=row["name"],
                department=row["department"],
                benchmark_scope=row["benchmark_scope"],
                benchmark_city=row["benchmark_city"],
                benchmark_indicator=row["benchmark_indicator"],
                planned_on=row["planned_on"],
                done_on=done,
                status=row["status"],
                result=row["result"],
                rag=rag,
                landed=done is not None,
                on_time=done is not None and done <= row["planned_on"],
            )
        )
    board.sort(key=lambda m: (STATUS_ORDER.index(m.rag.status), m.measure_no))
    return board


@dataclass(frozen=True)
class ReformSummary:
    """The list's totals; ``by_department``: department, measures, landed, on_time, due (by today), benchmarks
    (省内 and 省外 cities), red, yellow, green — departments with a red measure first."""

    measures: int
    landed: int
    on_time: int
    due: int
    colours: dict[str, int]
    departments: int
    by_department: pd.DataFrame


def _cities(measures: list[MeasureStatus], scope_name: str) -> str:
    return "、".join(
        sorted({m.benchmark_city for m in measures if m.benchmark_scope == scope_name and m.benchmark_city})
    )


def reform_summary(board: list[MeasureStatus], today: date) -> ReformSummary:
    """measures = rows on the board; landed = done by today; on_time = landed on or before ``planned_on``;
    due = planned on or before today; colours = measures per red / yellow / green.

    口径：措施数 = 计划与本期重叠的微改革措施；已落地 = 截至今日已落地；按期落地 = 落地日期不晚于计划完成日期；
    到期 = 计划完成日期在今日及以前。
    """
    rows = []
    for department in sorted({m.department for m in board}):
        own = [m for m in board if m.department == department]
        rows.append(
            {
                "department": department,
                "measures": len(own),
                "landed": sum(m.landed for m in own),
                "on_time": sum(m.on_time for m in own),
                "due": sum(m.planned_on <= today for m in own),
                "in_province": _cities(own, IN_PROVINCE),
                "out_of_province": _cities(own, OUT_OF_PROVINCE),
                **{colour: sum(m.rag.status == colour for m in own) for colour in STATUS_ORDER},
            }
        )
    columns = ["department", "measures", "landed", "on_time", "due", "in_province", "out_of_province", *STATUS_ORDER]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["red", "yellow", "department"], ascending=[False, False, True], ignore_index=True)
    return ReformSummary(
        measures=len(board),
        landed=sum(m.landed for m in board),
        on_time=sum(m.on_time for m in board),
        due=sum(m.planned_on <= today for m in board),
        colours={colour: sum(m.rag.status == colour for m in board) for colour in STATUS_ORDER},
        departments=len(frame),
        by_department=frame,
    )


def departments_without_landing(conn: Connection, scope: Scope, rule: RagRule) -> pd.DataFrame:
    """Departments with at least one measure on the board that is due by ``scope.today`` and none of those landed
    by its due date (the 蜗牛奖 case of the 对标提升清单). Columns: department, due, measures (their numbers); by
    name."""
    due: dict[str, list[MeasureStatus]] = {}
    for m in reform_board(conn, scope, rule):
        if m.planned_on <= scope.today:
            due.setdefault(m.department, []).append(m)
    rows = [
        {"department": department, "due": len(own), "measures": sorted(m.measure_no for m in own)}
        for department, own in sorted(due.items())
        if not any(m.on_time for m in own)
    ]
    return pd.DataFrame(rows, columns=["department", "due", "measures"])


def snail_cases(conn: Connection, scope: Scope, rule: RagRule) -> pd.DataFrame:
    """The 蜗牛奖 cases of the 对标提升清单 (:func:`departments_without_landing`) over the calendar year of the period's
    end, from January 1 up to that end (measures are landed 2–3 a year, so a department is judged on its year so
    far); the scope's filters are kept."""
    end = scope.end or scope.today
    return departments_without_landing(conn, replace(scope, start=date(end.year, 1, 1), end=end), rule)
