"""企业诉求: the monthly trend, rates by district, the department ranking, categories and channels, 亲清观察员
leads and a paged list of the latest closed appeals (enterprise names arrive already masked)."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, pager, panel, stat, stats_panel, table
from layouts.figures import ranking_bars, trend_figure
from layouts.theme import ACCENT, ACCENT_2, MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG


@dataclass(frozen=True)
class Ranked:
    """One bar of a breakdown: ``value`` drives the bar, ``text`` is written beside it."""

    name: str
    value: float | None
    text: str


@dataclass(frozen=True)
class ClosedAppeal:
    ticket_no: str
    enterprise: str
    region: str
    department: str
    category: str
    closed_at: str
    satisfaction: str


@dataclass(frozen=True)
class AppealsView:
    period_label: str
    received: int
    on_time: float | None
    satisfaction: float | None
    resolution: float | None
    trend: dict[str, list]
    by_region: tuple[Ranked, ...]
    by_department: tuple[Ranked, ...]
    by_category: tuple[Ranked, ...]
    by_channel: tuple[Ranked, ...]
    observer_leads: int
    observer_solved: int
    observer_rate: float | None
    observer_satisfaction: float | None
    latest_closed: tuple[ClosedAppeal, ...]
    rows_per_page: int = 13


def _bars(items: tuple[Ranked, ...], colour: str, config: dict) -> html.Div:
    figure = ranking_bars([i.name for i in items], [i.value for i in items], [i.text for i in items], colour)
    return graph(figure, config=config)


def _closed_list(view: AppealsView) -> html.Div:
    headers = ["办结时间", "企业（已脱敏）", "县区", "承办单位", "评价"]
    rows = [[a.closed_at, a.enterprise, a.region, a.department, a.satisfaction] for a in view.latest_closed]
    size = view.rows_per_page
    pages = [table(headers, rows[i : i + size], "bm-table-closed") for i in range(0, len(rows), size)]
    return pager(pages) if pages else html.Div("暂无办结诉求", className="bm-empty")


def build(view: AppealsView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    trend = view.trend
    kpis = html.Div(
        [
            stat(f"{view.period_label}受理", fmt.count(view.received)),
            stat("按时办结率", fmt.percent(view.on_time)),
            stat("满意率", fmt.percent(view.satisfaction)),
            stat("企业诉求解决率", fmt.percent(view.resolution)),
        ],
        className="bm-stats",
    )
    trend_panel = panel(
        "诉求受理办结趋势",
        [
            kpis,
            html.Div(
                graph(
                    trend_figure(trend["months"], trend["received"], trend["closed"], trend["on_time"]), config=config
                ),
                className="bm-fill",
            ),
        ],
        key="trend",
    )
    observer = stats_panel(
        "亲清观察员线索",
        [
            ("收集线索", fmt.count(view.observer_leads)),
            ("已解决", fmt.count(view.observer_solved)),
            ("解决率", fmt.percent(view.observer_rate)),
            ("满意率", fmt.percent(view.observer_satisfaction)),
        ],
        big=True,
        class_name="bm-short",
        key="observer",
    )
    return html.Div(
        [
            html.Div(
                [
                    trend_panel,
                    panel(
                        "诉求类别 · 来源渠道",
                        html.Div(
                            [
                                html.Div(_bars(view.by_category, ACCENT_2, config), className="bm-fill"),
                                html.Div(_bars(view.by_channel, ACCENT, config), className="bm-fill"),
                            ],
                            className="bm-split",
                        ),
                        key="mix",
                    ),
                ],
                className="bm-col",
            ),
            html.Div(
                [
                    panel("县区按时办结率", _bars(view.by_region, ACCENT, config), key="by_region"),
                    panel(
                        "承办单位按时办结率（后十位）", _bars(view.by_department, ACCENT_2, config), key="by_department"
                    ),
                ],
                className="bm-col",
            ),
            html.Div(
                [observer, panel("最新办结诉求", _closed_list(view), "bm-grow", key="latest")], className="bm-col"
            ),
        ],
        className="bm-grid bm-grid-appeals",
    )
