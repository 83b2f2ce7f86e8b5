"""经济指标: each indicator's latest value, its completion of the target and its change on last year."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, panel
from layouts.figures import completion_bars
from layouts.theme import MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG


@dataclass(frozen=True)
class Indicator:
    name: str
    period: str
    value: float
    unit: str
    target: float | None
    completion: float | None
    status: str | None
    yoy: float | None


@dataclass(frozen=True)
class EconomyView:
    indicators: tuple[Indicator, ...]


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return fmt.DASH
    return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _card(item: Indicator) -> html.Div:
    yoy = (
        html.Span(f"同比 {fmt.signed(item.yoy)}%", className="bm-move-up" if item.yoy >= 0 else "bm-move-down")
        if item.yoy is not None
        else html.Span("同比 —", className="bm-move-flat")
    )
    return html.Div(
        [
            html.Div(item.name, className="bm-econ-name"),
            html.Div(
                [
                    html.Span(_number(item.value, item.unit), className="bm-econ-value"),
                    html.Span(item.unit, className="bm-econ-unit"),
                ]
            ),
            html.Div(
                [
                    html.Span(f"目标 {_number(item.target, item.unit)}"),
                    html.Span(
                        f"完成 {fmt.percent(item.completion)}",
                        className=f"bm-tag bm-status-{item.status}" if item.status else "bm-tag",
                    ),
                ],
                className="bm-econ-line",
            ),
            html.Div([yoy, html.Span(item.period, className="bm-econ-period")], className="bm-econ-line"),
        ],
        className="bm-econ-card",
    )


def build(view: EconomyView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    items = view.indicators
    cards = panel("主要经济指标", html.Div([_card(i) for i in items], className="bm-econ-grid"), key="indicators")
    chart = panel(
        "目标完成情况",
        graph(
            completion_bars([i.name for i in items], [i.completion for i in items], [i.status for i in items]),
            config=config,
        ),
        key="targets",
    )
    return html.Div([cards, chart], className="bm-grid bm-grid-economy")
