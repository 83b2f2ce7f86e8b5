"""营商环境评价: the evaluation areas with score, rank and movement; the rank over quarters; the weakest areas;
骏马奖 / 蜗牛奖; 好差评 (差评 and their 整改 by month), 对企业说"不" (by the review's decision) and 一件事一次办 (by
life-cycle stage)."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.components import graph, panel, rank_movement, stats_row, table
from layouts.figures import bad_review_bars, rank_line, ranking_bars
from layouts.theme import MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG


@dataclass(frozen=True)
class AreaRow:
    name: str
    score: float | None
    rank: int | None
    movement: int | None


@dataclass(frozen=True)
class AwardEntry:
    department: str
    score: float | None
    reason: str


@dataclass(frozen=True)
class EvaluationView:
    period: str | None
    areas: tuple[AreaRow, ...]
    weakest: tuple[str, ...]
    rank_periods: tuple[str, ...]
    ranks: tuple[int | None, ...]
    n_cities: int | None
    award_period: str
    award_decided: bool
    horses: tuple[AwardEntry, ...]
    snails: tuple[AwardEntry, ...]
    good_reviews: float | None
    bad_reviews: int
    rectify_share: float | None
    bad_months: tuple[str, ...]
    bad_counts: tuple[int, ...]
    bad_rectified: tuple[int, ...]
    refusals: int
    escalation_share: float | None
    overturn_share: float | None
    decisions: tuple[tuple[str, int], ...]
    services_launched: int
    services_target: int
    materials_saved: float
    days_saved: float
    trips_saved: float
    stages: tuple[tuple[str, int, int], ...]  # life-cycle stage, launched, all services


def _area_table(view: EvaluationView) -> html.Table:
    weakest = set(view.weakest)
    rows = [
        [
            html.Span([a.name, html.Span(" 对标", className="bm-flag") if a.name in weakest else None]),
            fmt.count(a.score) if a.score is None else f"{a.score:.1f}",
            f"第{a.rank}名" if a.rank else fmt.DASH,
            rank_movement(a.movement),
        ]
        for a in view.areas
    ]
    return table(["评价领域", "得分", "全省排名", "较上期"], rows, "bm-table-areas")


def _awards(entries: tuple[AwardEntry, ...], kind: str) -> html.Div:
    if not entries:
        return html.Div("本季度暂无", className="bm-empty")
    return html.Div(
        [
            html.Div(
                [html.Span(e.department, className="bm-award-name"), html.Span(e.reason, className="bm-award-reason")],
                className=f"bm-award bm-award-{kind}",
            )
            for e in entries
        ],
        className="bm-awards",
    )


def build(view: EvaluationView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    areas = panel(f"{len(view.areas)}个评价领域（{view.period or '—'}）", _area_table(view), key="areas")
    rank = panel(
        "全省排名走势",
        graph(rank_line(list(view.rank_periods), list(view.ranks), view.n_cities), config=config),
        key="rank",
    )
    basis = "办公室评定" if view.award_decided else "系统推荐候选"
    awards = panel(
        f"{view.award_period} 骏马奖 · 蜗牛奖（{basis}）",
        html.Div(
            [
                html.Div(
                    [
                        html.Div(
                            [
                                html.Div("骏马奖", className="bm-award-title bm-award-title-horse"),
                                _awards(view.horses, "horse"),
                            ]
                        ),
                        html.Div(
                            [
                                html.Div("蜗牛奖", className="bm-award-title bm-award-title-snail"),
                                _awards(view.snails, "snail"),
                            ]
                        ),
                    ],
                    className="bm-split",
                ),
            ]
        ),
        key="awards",
    )
    reviews = panel(
        "好差评",
        [
            stats_row(
                [
                    ("好评率", fmt.percent(view.good_reviews, 2)),
                    ("差评", fmt.count(view.bad_reviews)),
                    ("差评整改率", fmt.percent(view.rectify_share)),
                ]
            ),
            graph(bad_review_bars(view.bad_months, view.bad_counts, view.bad_rectified), config=config),
        ],
        key="reviews",
    )
    refusals = panel(
        '对企业说"不" · 复核结果',
        [
            stats_row(
                [
                    ("说“不”事项", fmt.count(view.refusals)),
                    ("提级率", fmt.percent(view.escalation_share)),
                    ("改判率", fmt.percent(view.overturn_share)),
                ]
            ),
            graph(
                ranking_bars(
                    [d for d, _n in view.decisions],
                    [n for _d, n in view.decisions],
                    [f"{n} 件" for _d, n in view.decisions],
                    room=0.2,
                ),
                config=config,
            ),
        ],
        key="refusals",
    )
    services = panel(
        "一件事一次办 · 各阶段上线/事项",
        [
            stats_row(
                [
                    ("上线 / 目标", f"{view.services_launched}/{view.services_target}"),
                    ("减材料", fmt.count(view.materials_saved)),
                    ("减时限(天)", fmt.count(view.days_saved)),
                    ("减跑动", fmt.count(view.trips_saved)),
                ]
            ),
            graph(
                ranking_bars(
                    [s for s, _l, _n in view.stages],
                    [launched for _s, launched, _n in view.stages],
                    [f"{launched}/{n}" for _s, launched, n in view.stages],
                    room=0.2,
                ),
                config=config,
            ),
        ],
        key="services",
    )
    return html.Div(
        [
            areas,
            html.Div([rank, awards], className="bm-col"),
            html.Div([reviews, refusals, services], className="bm-col"),
        ],
        className="bm-grid bm-grid-evaluation",
    )
