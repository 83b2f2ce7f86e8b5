"""The meeting view's 全省营商环境评价 and 经济指标 sections: the rank tiles with both rankings' paths in one chart
with a legend and the evaluation areas with their movement written in words; the economic indicators against target,
those behind marked 未达目标 beside the red. Each count opens its rows."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, panel, rank_movement, status_tag, table
from layouts.drill import drill_link
from layouts.figures import rank_lines
from layouts.meeting_kpi import Kpi, kpi_tile
from layouts.meeting_sections import section_class
from layouts.theme import MEETING_GRAPH_CONFIG


@dataclass(frozen=True)
class AreaRow:
    name: str
    score: float | None
    rank: int | None
    previous_rank: int | None
    movement: int | None


@dataclass(frozen=True)
class RankingsView:
    kpis: tuple[Kpi, ...]
    periods: tuple[str, ...]
    series: tuple[tuple[str, tuple[int | None, ...]], ...]
    """Each ranking's name and its rank in each of ``periods`` (None where it has none)."""
    n_cities: int | None
    area_period: str | None
    areas: tuple[AreaRow, ...]
    rank_periods: int
    """How many rows ``evaluation.ranks`` opens (one per period)."""
    area_count: int


@dataclass(frozen=True)
class EconomyRow:
    metric: str
    period: str
    value: float | None
    unit: str
    target: float | None
    completion: float | None
    yoy: float | None
    behind: bool


@dataclass(frozen=True)
class EconomyView:
    kpis: tuple[Kpi, ...]
    rows: tuple[EconomyRow, ...]


def _number(value: float | None) -> str:
    return fmt.DASH if fmt.is_missing(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _kpis(kpis: tuple[Kpi, ...], subject: str) -> html.Div:
    return html.Div([kpi_tile(k) for k in kpis], className=f"bm-counters bm-section-kpis bm-section-kpis-{subject}")


def _movement_summary(areas: tuple[AreaRow, ...]) -> str:
    up = sum(1 for a in areas if a.movement and a.movement > 0)
    down = sum(1 for a in areas if a.movement and a.movement < 0)
    flat = sum(1 for a in areas if a.movement == 0)
    return f"上升 {up} 个 · 下降 {down} 个 · 持平 {flat} 个"


def rankings_panel(view: RankingsView) -> html.Section:
    figure = rank_lines(view.periods, [(name, list(ranks)) for name, ranks in view.series], view.n_cities)
    chart = html.Div(
        [
            html.Div(
                ["排名走势 · 共 ", drill_link(fmt.count(view.rank_periods), "evaluation.ranks"), " 期"],
                className="bm-count-heading",
            ),
            graph(figure, config=MEETING_GRAPH_CONFIG),
        ],
        className="bm-rank-chart",
    )
    body = [
        [
            a.name,
            fmt.DASH if a.score is None else f"{a.score:.1f}",
            f"第{a.rank}名" if a.rank else fmt.DASH,
            f"第{a.previous_rank}名" if a.previous_rank else fmt.DASH,
            rank_movement(a.movement, words=True),
        ]
        for a in view.areas
    ]
    heading = [
        drill_link(fmt.count(view.area_count), "evaluation.areas"),
        f" 个评价领域（{view.area_period or '暂无'}）：{_movement_summary(view.areas)}",
    ]
    areas = html.Div(
        [
            html.Div(heading, className="bm-count-heading"),
            html.Div(
                table(["评价领域", "得分", "本期", "上期", "较上期"], body, "bm-table-areas"), className="bm-scroll"
            ),
        ],
        className="bm-rank-areas",
    )
    return panel(
        "全省营商环境评价",
        [_kpis(view.kpis, "rankings"), html.Div([chart, areas], className="bm-rank-body")],
        f"bm-m-rankings {section_class('evaluation')}",
    )


def _against_target(row: EconomyRow) -> html.Span:
    if row.target is None:
        return html.Span("无目标", className="bm-muted")
    return status_tag("red", "未达目标") if row.behind else status_tag("green", "达到目标")


def economy_panel(view: EconomyView) -> html.Section:
    body = [
        [
            html.Span(r.metric, className="bm-econ-name", title=f"{r.metric}（{r.period}）"),
            r.period,
            f"{_number(r.value)} {r.unit}".strip(),
            _number(r.target),
            fmt.percent(r.completion),
            fmt.DASH if r.yoy is None else f"{r.yoy:+.1f}%",
            _against_target(r),
        ]
        for r in view.rows
    ]
    rows = table(["指标", "期别", "数值", "目标", "完成率", "同比", "对照目标"], body, "bm-table-econ")
    content = rows if body else html.Div("所选范围内暂无经济指标", className="bm-empty")
    return panel(
        "经济指标",
        [_kpis(view.kpis, "economy"), html.Div(content, className="bm-scroll")],
        f"bm-m-economy {section_class('economy')}",
    )
