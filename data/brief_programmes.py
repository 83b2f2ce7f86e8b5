"""The programmes' part of the meeting brief: headline lines and tables for 对标提升 (red and yellow measures, the
蜗牛奖 cases), the 为企服务专班, 清风行动 by unit and the 一件事一次办 list — aggregates and rows of the same metrics
and drill-down measures the meeting view shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from sqlalchemy import Connection

from config import Settings
from data import drilldown_programmes as rows
from data.drilldown import LABELS
from data.metrics import cleanwind, reforms, services, squads
from data.metrics.projects import rag_rule_text
from data.metrics.scope import Scope
from data.status import status_counts_text

SectionMaker = Callable[[str, tuple[tuple[str, str], ...], tuple[dict[str, Any], ...], str], Any]


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _records(frame: pd.DataFrame, columns: tuple[tuple[str, str], ...]) -> tuple[dict[str, Any], ...]:
    wanted = frame.reindex(columns=[k for k, _ in columns])
    return tuple(wanted.astype(object).where(wanted.notna(), None).to_dict("records"))


def _columns(*keys: str, labels: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    return tuple((key, (labels or {}).get(key) or LABELS.get(key, key)) for key in keys)


def programme_headline(conn: Connection, scope: Scope, settings: Settings) -> tuple[tuple[str, str], ...]:
    board = reforms.reform_board(conn, scope, settings.rag)
    summary = reforms.reform_summary(board, scope.today)
    overdue = sum(1 for m in board if not m.landed and m.planned_on <= scope.today)
    teams = squads.squad_performance(conn, scope)
    due, on_time = int(teams["due"].sum()), int(teams["on_time"].sum())
    totals = cleanwind.clean_wind_totals(conn, scope)
    service = services.service_summary(conn, scope, settings.services_year_target)
    origin = service.by_origin.set_index("origin")
    return (
        (
            "对标提升微改革",
            f"措施 {summary.measures} 项，已落地 {summary.landed}（按期 {summary.on_time}），到期未落地 {overdue}；"
            + status_counts_text(summary.colours),
        ),
        (
            "为企服务专班",
            f"承办 {int(teams['cases'].sum()):,d} 件，已解决 {int(teams['solved'].sum()):,d}，"
            f"按时办结率 {_pct(on_time / due if due else None)}（{on_time:,d} / {due:,d}）",
        ),
        ("清风行动", " · ".join(f"{label} {totals[key]:,d}" for key, label in cleanwind.LABELS.items())),
        (
            "一件事一次办",
            f"本期上线 {service.launched} / 年度目标 {service.target}（省定 {origin.at[services.PROVINCIAL, 'live']}"
            f"/{origin.at[services.PROVINCIAL, 'services']}，本地新增 {origin.at[services.LOCAL, 'live']}"
            f"/{origin.at[services.LOCAL, 'services']} 已上线）",
        ),
    )


def programme_sections(conn: Connection, scope: Scope, settings: Settings, section: SectionMaker) -> tuple[Any, ...]:
    """The brief's programme tables, each built by ``section(title, columns, rows, note)``."""
    rule = settings.rag
    measures = rows.reform_rows(conn, scope, "reforms.all", rule)
    flagged = measures[measures["status"].isin(["red", "yellow"])]
    stalled = reforms.snail_cases(conn, scope, rule)
    snails = "；".join(f"{r.department}（{'、'.join(r.measures)}）" for r in stalled.itertuples()) or "无"
    measure_columns = _columns("word", "measure_no", "measure", "department", "benchmark", "planned_on", "reasons")
    teams = squads.squad_performance(conn, scope)
    teams["on_time_rate"] = [_pct(None if v != v else v) for v in teams["on_time_rate"]]
    teams["mean_days"] = [None if v != v else round(float(v), 1) for v in teams["mean_days"]]
    squad_labels = {
        "domain": "服务领域",
        "cases": "案件",
        "solved": "已解决",
        "due": "应办结",
        "on_time": "按时办结",
        "on_time_rate": "按时办结率",
        "mean_days": "平均办结天数",
    }
    squad_columns = _columns("squad", *squad_labels, labels=squad_labels)
    units = cleanwind.clean_wind_by(conn, scope, "department").rename(columns={"name": "department"})
    unit_columns = _columns("department", *cleanwind.COUNTS)
    listing = rows.service_rows(conn, scope, "services.all", rule)
    service_columns = _columns(
        "item_no", "service", "service_origin", "lifecycle_stage", "department", "service_status", "launched_on",
        "materials_saved", "days_saved", "trips_saved",
    )  # fmt: skip
    return (
        section(
            "对标提升微改革：红灯、黄灯措施",
            measure_columns,
            _records(flagged, measure_columns),
            f"{'；'.join(rag_rule_text(rule))}。蜗牛奖触发（到期措施无一按期落地）：{snails}",
        ),
        section(
            "为企服务专班",
            squad_columns,
            _records(teams, squad_columns),
            "按受理/发现日期计入本期；按时办结率以应办结为分母",
        ),
        section("清风行动（按单位）", unit_columns, _records(units, unit_columns), "仅为汇总数，不含任何个人信息"),
        section("一件事一次办事项清单", service_columns, _records(listing, service_columns), "上线日期为空：尚未上线"),
    )
