"""The meeting view (调度会, ``/``): the filter bar, the figures of every subject — each one clickable to the rows
behind it — the project board with the rule behind each colour, breakdowns by department and district, the
appeal trend and the 骏马奖 / 蜗牛奖 candidates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html

from layouts import format as fmt
from layouts.components import graph, panel, rag_lamps, status_lamp, status_tag, table
from layouts.drill import drill_link, drill_overlay
from layouts.figures import trend_figure
from layouts.meeting_counts import CountSection, count_panel
from layouts.meeting_filters import FilterOptions, filter_bar
from layouts.meeting_kpi import Kpi, kpi_tile
from layouts.meeting_programmes import programme_panels
from layouts.meeting_sections import rotation_indicator, section_class
from layouts.meeting_subjects import EconomyView, RankingsView, economy_panel, rankings_panel
from layouts.nav import nav_header
from layouts.pages.programmes import ProgrammesView
from layouts.theme import MEETING_GRAPH_CONFIG

MEETING_BODY = "meeting-body"


@dataclass(frozen=True)
class Breakdown:
    """One row of a by-department or by-district table; ``department`` / ``region`` narrow its drill-downs."""

    name: str
    received: int
    due: int
    on_time: int
    overdue: int
    department: str = ""
    region: str = ""

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class IssueBreakdown:
    name: str
    found: int
    closed: int
    overdue: int


@dataclass(frozen=True)
class BoardRow:
    project_no: str
    name: str
    department: str
    status: str
    word: str
    override: str
    reasons: str
    blocker: str


@dataclass(frozen=True)
class AwardRow:
    award: str
    department: str
    score: float | None
    reasons: str


@dataclass(frozen=True)
class MeetingView:
    filters_text: str
    kpis: tuple[Kpi, ...]
    projects: dict[str, int]
    departments: tuple[Breakdown, ...]
    regions: tuple[Breakdown, ...]
    clearance: tuple[IssueBreakdown, ...]
    board: tuple[BoardRow, ...]
    awards: tuple[AwardRow, ...]
    quarter: str
    appeal_rates: tuple[Kpi, ...] = ()
    awards_decided: bool = False
    award_rule: str = ""
    trend: dict[str, list] = field(default_factory=dict)
    programmes: ProgrammesView | None = None
    key_projects: dict[str, int] = field(default_factory=dict)
    key_board: tuple[BoardRow, ...] = ()
    counts: tuple[CountSection, ...] = ()
    """The breakdowns of 为企办实事 and 重点项目 by lead department and district, 好差评, 对企业说“不”, 一件事一次办,
    驻企服务 and 亲清观察员."""
    rankings: RankingsView | None = None
    economy: EconomyView | None = None


def meeting_page(
    title: str, options: FilterOptions, client_config: dict[str, Any], user: str | None, role: str, csrf: str
):
    """The page skeleton; the body is filled by the filters' callback, the 轮播 mode by the browser."""
    return html.Div(
        [
            nav_header(title, "/", user, role, csrf, "调度会视图"),
            filter_bar(options),
            html.Div(id="meeting-filter-note", className="bm-filter-note"),
            dcc.Loading(
                html.Main(id=MEETING_BODY, className="bm-meeting-main"),
                type="dot",
                color="#35e0ff",
                parent_className="bm-meeting-loading",
            ),
            drill_overlay(),
            dcc.Store(id="meeting-config", data=client_config),
            dcc.Store(id="meeting-status", data=None),
            dcc.Store(id="meeting-version", data=None),
            dcc.Interval(id="meeting-poll", interval=client_config["refresh_seconds"] * 1000),
            rotation_indicator(),
        ],
        id="meeting-root",
        className="bm-meeting",
    )


def _projects_tile(kind: str, subject: str, counts: dict[str, int]) -> html.Div:
    """The red / yellow / green lamps of board ``kind``, each count opening ``subject``'s rows of that colour."""
    lamps = rag_lamps(counts, lambda s, text: drill_link(text, f"{subject}.{s}", class_name="bm-rag-num"))
    total = drill_link(fmt.count(sum(counts.values())), f"{subject}.all")
    return html.Div(
        [
            html.Div(kind, className="bm-counter-label"),
            html.Div(lamps, className="bm-rag-row"),
            html.Div(["共 ", total, " 项 · 按里程碑自动评定"], className="bm-counter-note"),
        ],
        className=f"bm-counter bm-kpi bm-counter-projects {section_class(subject)}",
    )


def _breakdown_table(rows: Sequence[Breakdown], first: str) -> html.Table:
    body = [
        [
            r.name,
            drill_link(fmt.count(r.received), "appeals.received", r.department, r.region),
            drill_link(fmt.count(r.due), "appeals.due", r.department, r.region),
            drill_link(fmt.percent(r.on_time_share), "appeals.on_time", r.department, r.region),
            drill_link(
                fmt.count(r.overdue), "appeals.overdue", r.department, r.region, "bm-drill-alert" * bool(r.overdue)
            ),
        ]
        for r in rows
    ]
    return table([first, "受理", "应办结", "按时率", "逾期"], body, "bm-table-breakdown")


def _clearance_table(rows: Sequence[IssueBreakdown]) -> html.Table:
    body = [
        [
            r.name,
            drill_link(fmt.count(r.found), "clearance.found", r.name),
            drill_link(fmt.count(r.closed), "clearance.closed", r.name),
            drill_link(
                fmt.count(r.overdue), "clearance.overdue", r.name, class_name="bm-drill-alert" * bool(r.overdue)
            ),
        ]
        for r in rows
    ]
    return table(["责任单位", "问题", "已销号", "逾期"], body, "bm-table-breakdown")


def board_table(rows: Sequence[BoardRow], what: str = "为企办实事项目") -> html.Div:
    if not rows:
        return html.Div(f"所选范围内没有{what}", className="bm-empty")
    items = []
    for r in rows:
        rule = r.reasons or "各节点按期推进"
        items.append(
            html.Tr(
                [
                    html.Td(status_lamp(r.status, r.word)),
                    html.Td(
                        [html.Div(r.name, className="bm-board-name"), html.Div(r.department, className="bm-muted")]
                    ),
                    html.Td(r.blocker or "—"),
                    html.Td(
                        [
                            html.Span(f"{rule} → {r.word}", className="bm-board-rule"),
                            html.Div(r.override, className="bm-override") if r.override else None,
                        ]
                    ),
                ],
                className=f"bm-board-row bm-board-{r.status}",
                title=rule,
            )
        )
    head = html.Thead(html.Tr([html.Th(h) for h in ("状态", "项目 · 牵头单位", "卡点", "判定依据")]))
    return html.Table([head, html.Tbody(items)], className="bm-table bm-table-board")


def _awards(rows: Sequence[AwardRow], quarter: str, decided: bool, rule: str) -> html.Div:
    if not rows:
        return html.Div([html.Div(f"{quarter} 暂无候选", className="bm-empty"), html.Div(rule, className="bm-muted")])
    body = [
        [status_tag("green" if r.award == "骏马奖" else "red", r.award), r.department, fmt.count(r.score), r.reasons]
        for r in rows
    ]
    note = "办公室已确定" if decided else "系统按季度得分提名（蜗牛奖须有触发事项）"
    return html.Div(
        [
            html.Div(f"{quarter} · {note}", className="bm-award-period"),
            table(["奖项", "部门", "得分", "理由"], body),
            html.Div(rule, className="bm-muted"),
        ],
        className="bm-awards",
    )


def meeting_body(view: MeetingView) -> list[Any]:
    kpis = [kpi_tile(k, section_class(k.measure or "")) for k in view.kpis]
    kpis[4:4] = [
        _projects_tile("为企办实事", "projects", view.projects),
        _projects_tile("重点项目", "key_projects", view.key_projects),
    ]
    trend = view.trend
    trend_graph = graph(
        trend_figure(
            trend.get("months", []), trend.get("received", []), trend.get("closed", []), trend.get("on_time", [])
        ),
        config=MEETING_GRAPH_CONFIG,
    )
    return [
        html.Div(kpis, className="bm-counters bm-meeting-kpis"),
        html.Div(
            [
                panel(
                    "企业诉求 · 按承办单位",
                    html.Div(_breakdown_table(view.departments, "承办单位"), className="bm-scroll"),
                    f"bm-m-departments {section_class('appeals')}",
                ),
                panel(
                    "为企办实事 · 红黄绿灯与判定依据",
                    html.Div(board_table(view.board), className="bm-scroll"),
                    f"bm-m-board {section_class('projects')}",
                ),
                panel(
                    "企业诉求 · 按县区园区",
                    html.Div(_breakdown_table(view.regions, "县区/园区"), className="bm-scroll"),
                    f"bm-m-regions {section_class('appeals')}",
                ),
                panel(
                    "清障行动 · 按责任单位",
                    html.Div(_clearance_table(view.clearance), className="bm-scroll"),
                    f"bm-m-clearance {section_class('clearance')}",
                ),
                panel("企业诉求月度趋势", trend_graph, f"bm-m-trend {section_class('appeals')}"),
                panel(
                    "企业诉求 · 解决率 · 响应率 · 重复诉求率 · 三率",
                    html.Div([kpi_tile(k) for k in view.appeal_rates], className="bm-counters bm-appeal-rates"),
                    f"bm-m-appeal-rates {section_class('appeals')}",
                ),
                panel(
                    "骏马奖 · 蜗牛奖候选",
                    html.Div(
                        _awards(view.awards, view.quarter, view.awards_decided, view.award_rule), className="bm-scroll"
                    ),
                    f"bm-m-awards {section_class('awards')}",
                ),
                *programme_panels(view.programmes),
                panel(
                    "重点项目 · 红黄绿灯与判定依据",
                    html.Div(board_table(view.key_board, "重点项目"), className="bm-scroll"),
                    f"bm-m-key-board {section_class('key_projects')}",
                ),
                *(count_panel(c) for c in view.counts),
                *([rankings_panel(view.rankings)] if view.rankings else []),
                *([economy_panel(view.economy)] if view.economy else []),
            ],
            className="bm-meeting-grid",
        ),
    ]
