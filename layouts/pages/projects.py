"""为企办实事 · 项目建设: the lamp board of every item (colour + shape + word + first overdue milestone) and the key
projects' investment completion against time progress."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from data.status import STATUS_ORDER, STATUSES
from layouts import format as fmt
from layouts.components import graph, panel, status_lamp, table
from layouts.figures import progress_scatter
from layouts.theme import (
    MEETING_GRAPH_CONFIG,
    STATUS_SHAPES,
    STATUS_WORDS,
    WALL_GRAPH_CONFIG,
)


@dataclass(frozen=True)
class ProjectLamp:
    """One item on the board; ``blocker`` is the first overdue milestone (卡点) as text, or empty."""

    project_no: str
    name: str
    department: str
    status: str
    word: str
    blocker: str
    milestone_progress: float
    time_progress: float
    investment_completion: float | None
    is_override: bool = False


@dataclass(frozen=True)
class ProjectsView:
    items: tuple[ProjectLamp, ...]
    key_projects: tuple[ProjectLamp, ...]
    board_title: str = "为企办实事"


def _lamp_card(item: ProjectLamp) -> html.Div:
    blocker = item.blocker or "无逾期节点"
    return html.Div(
        [
            html.Div(
                [html.Span(item.project_no, className="bm-card-no"), status_lamp(item.status, item.word)],
                className="bm-card-head",
            ),
            html.Div(item.name, className="bm-card-name"),
            html.Div(["卡点：", blocker], className="bm-card-blocker" + ("" if item.blocker else " bm-card-clear")),
            html.Div(
                [html.Span(item.department), html.Span(f"节点 {fmt.percent(item.milestone_progress, 0)}")],
                className="bm-card-foot",
            ),
        ],
        className=f"bm-card bm-card-{item.status}" + (" bm-card-override" if item.is_override else ""),
    )


def _summary(items: tuple[ProjectLamp, ...]) -> html.Div:
    counts = {s: sum(1 for i in items if i.status == s) for s in STATUS_ORDER}
    return html.Div(
        [
            html.Span(
                [
                    html.Span(STATUS_SHAPES[s], className="bm-lamp-shape"),
                    f" {STATUS_WORDS[s]} ",
                    html.B(str(counts[s])),
                ],
                className=f"bm-tag bm-status-{s}",
            )
            for s in STATUS_ORDER
        ],
        className="bm-board-summary",
    )


def build(view: ProjectsView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    board = panel(
        f"{view.board_title} · 红黄绿灯（共 {len(view.items)} 项）",
        [_summary(view.items), html.Div([_lamp_card(i) for i in view.items], className="bm-board")],
        key="board",
    )
    key = view.key_projects
    scatter = progress_scatter(
        [p.name for p in key],
        [p.time_progress for p in key],
        [p.investment_completion or 0.0 for p in key],
        [STATUSES[p.status].colour for p in key],
    )
    behind = [p for p in key if p.status != "green"][:9]
    rows = [[p.name, status_lamp(p.status, p.word), p.blocker or fmt.DASH] for p in behind]
    right = html.Div(
        [
            panel(f"重点项目 投资完成 vs 时间进度（{len(key)} 个）", graph(scatter, config=config), key="key_progress"),
            panel(
                "重点项目 需关注",
                table(["项目", "状态", "卡点"], rows, "bm-table-behind")
                if rows
                else html.Div(f"全部{STATUS_WORDS['green']}", className="bm-empty"),
                key="key_behind",
            ),
        ],
        className="bm-col",
    )
    return html.Div([board, right], className="bm-grid bm-grid-projects")
