"""The department view (部门视图, ``/department``): what a department head reads before the meeting — its figures
(each clickable to the rows), its projects with the rule behind each colour, and its quarterly score with the
parts that make it up and the cases that could earn a 蜗牛奖."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import dcc, html

from layouts import format as fmt
from layouts.components import panel, table
from layouts.drill import drill_overlay
from layouts.meeting import BoardRow, board_table
from layouts.meeting_kpi import Kpi, kpi_tile
from layouts.nav import nav_header
from layouts.zh import dropdown


@dataclass(frozen=True)
class DepartmentView:
    department: str
    quarter: str
    kpis: tuple[Kpi, ...]
    board: tuple[BoardRow, ...]
    score: float | None
    rank: int | None
    ranked: int
    standing: str | None
    parts: dict[str, float | None]
    weights: dict[str, float]
    triggers: tuple[str, ...]
    rule: str


def department_page(
    title: str,
    user: str | None,
    role: str,
    csrf: str,
    departments: Sequence[str],
    quarters: Sequence[str],
    shown: str,
):
    controls = html.Div(
        [
            html.Label(
                [html.Span("部门", className="bm-filter-label"), dropdown(id="dept-name", options=[*departments])],
                className="bm-filter bm-filter-wide",
            ),
            html.Label(
                [
                    html.Span("季度", className="bm-filter-label"),
                    dropdown(id="dept-quarter", options=list(quarters), value=shown, clearable=False),
                ],
                className="bm-filter",
            ),
        ],
        className="bm-filter-bar",
    )
    return html.Div(
        [
            nav_header(title, "/department", user, role, csrf, "部门视图"),
            controls,
            dcc.Loading(html.Main(id="dept-body", className="bm-meeting-main"), type="dot", color="#35e0ff"),
            drill_overlay(),
        ],
        className="bm-meeting",
    )


def _score(view: DepartmentView) -> html.Div:
    rows = [
        [label, fmt.count(value) if value is not None else "无数据", f"{view.weights.get(label, 0):g}"]
        for label, value in view.parts.items()
    ]
    rank = f"第 {view.rank} 名 / {view.ranked} 个参与排名的部门" if view.rank else f"不参与排名（{view.standing}）"
    triggers = [html.Li(t) for t in view.triggers] or [html.Li("无")]
    return html.Div(
        [
            html.Div(
                [html.Span(fmt.count(view.score), className="bm-kpi-value"), html.Span(" 分 · " + rank)],
                className="bm-dept-score",
            ),
            table(["组成部分", "得分（0–100）", "权重"], rows),
            html.Div("可能触发蜗牛奖的事项：", className="bm-muted"),
            html.Ul(triggers),
            html.Div(view.rule, className="bm-muted"),
        ]
    )


def department_body(view: DepartmentView | None) -> list:
    if view is None:
        return [html.Div("请选择部门", className="bm-empty")]
    return [
        html.H2(f"{view.department} · {view.quarter}", className="bm-section-title"),
        html.Div([kpi_tile(k) for k in view.kpis], className="bm-counters bm-meeting-kpis bm-dept-kpis"),
        html.Div(
            [
                panel("牵头的为企办实事 · 红黄绿与判定依据", html.Div(board_table(view.board), className="bm-scroll")),
                panel("季度综合得分（骏马奖 / 蜗牛奖评选依据）", _score(view)),
            ],
            className="bm-page-grid",
        ),
    ]
