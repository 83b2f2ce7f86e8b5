"""清障行动 · 驻企服务: the three-list funnel, batches closed, issues by action group and rectification type, the
responsible units closing the fewest; stationed cadres' visits on
the county/park grid, coverage and problems collected and solved."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, panel, stat, stats_panel, table
from layouts.figures import column_bars, ranking_bars
from layouts.theme import ACCENT_2, MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG


@dataclass(frozen=True)
class FunnelStage:
    name: str
    count: int


@dataclass(frozen=True)
class GroupRow:
    name: str
    total: int
    closed: int
    share: float | None
    overdue: int


@dataclass(frozen=True)
class GridRow:
    region: str
    cadres: int
    assigned: int
    visited: int
    coverage: float | None
    collected: int
    solved: int


@dataclass(frozen=True)
class ClearanceView:
    funnel: tuple[FunnelStage, ...]
    close_share: float | None
    on_schedule_share: float | None
    batches: tuple[tuple[str, int], ...]
    groups: tuple[GroupRow, ...]
    rectify_types: tuple[GroupRow, ...]
    departments: tuple[GroupRow, ...]  # the responsible units with the lowest close rates, lowest first
    cadres: int
    coverage: float | None
    coverage_status: str | None
    collected: int
    solved: int
    solved_share: float | None
    grid: tuple[GridRow, ...]


def funnel(stages: tuple[FunnelStage, ...]) -> html.Div:
    """The lists as narrowing bands, each with its count and its share of the first list."""
    top = stages[0].count if stages and stages[0].count else 1
    return html.Div(
        [
            html.Div(
                [
                    html.Span(s.name, className="bm-funnel-name"),
                    html.Span(fmt.count(s.count), className="bm-funnel-count"),
                    html.Span(fmt.percent(s.count / top), className="bm-funnel-share"),
                ],
                className="bm-funnel-band",
                style={"width": f"{100 - 14 * i}%"},
            )
            for i, s in enumerate(stages)
        ],
        className="bm-funnel",
    )


def issue_table(rows: tuple[GroupRow, ...], first: str) -> html.Table:
    """Issues per group: total, closed, close rate and those still open past their due date."""
    cells = [
        [g.name, fmt.count(g.total), fmt.count(g.closed), fmt.percent(g.share), fmt.count(g.overdue)] for g in rows
    ]
    return table([first, "问题", "已销号", "销号率", "逾期"], cells, "bm-table-groups")


def build(view: ClearanceView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    drive = panel(
        "清障行动 · 三张清单",
        [
            funnel(view.funnel),
            html.Div(
                [
                    stat("销号率", fmt.percent(view.close_share)),
                    stat("按期销号率", fmt.percent(view.on_schedule_share)),
                ],
                className="bm-stats",
            ),
        ],
        key="drive",
    )
    batches = panel(
        "逐批销号",
        graph(column_bars([f"第{b}批" for b, _ in view.batches], [n for _, n in view.batches]), config=config),
        key="batches",
    )

    groups = panel("专项行动组", issue_table(view.groups, "行动组"), "bm-short", key="groups")
    types = panel("整改类型", issue_table(view.rectify_types, "类型"), "bm-short", key="types")
    departments = panel(
        f"责任单位销号率（后{len(view.departments)}位）",
        graph(
            ranking_bars(
                [d.name for d in view.departments],
                [d.share for d in view.departments],
                [f"{fmt.percent(d.share)}（{d.closed}/{d.total}）" for d in view.departments],
                ACCENT_2,
                room=0.6,
            ),
            config=config,
        ),
        key="departments",
    )
    visits = stats_panel(
        "驻企服务",
        [
            ("驻企干部", fmt.count(view.cadres)),
            ("走访覆盖率", fmt.percent(view.coverage)),
            ("收集问题", fmt.count(view.collected)),
            ("问题化解率", fmt.percent(view.solved_share)),
        ],
        big=True,
        class_name="bm-short",
        key="visits",
    )
    grid_rows = [
        [
            g.region,
            fmt.count(g.cadres),
            f"{fmt.count(g.visited)}/{fmt.count(g.assigned)}",
            fmt.percent(g.coverage),
            f"{fmt.count(g.solved)}/{fmt.count(g.collected)}",
        ]
        for g in view.grid
    ]
    grid = panel(
        "县区 · 园区网格",
        table(["县区 / 园区", "干部", "已走访/包联企业", "覆盖率", "化解/收集"], grid_rows, "bm-table-grid"),
        key="grid",
    )
    return html.Div(
        [
            html.Div([drive, batches], className="bm-col"),
            html.Div([groups, types, departments], className="bm-col"),
            html.Div([visits, grid], className="bm-col"),
        ],
        className="bm-grid bm-grid-clearance",
    )
