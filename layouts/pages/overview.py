"""总览: the headline counters, a district/park tile map coloured by a rate, the appeal trend and the rank."""

from __future__ import annotations

from dataclasses import dataclass, field

from dash import html

from layouts import format as fmt
from layouts.components import counter, graph, panel, rag_lamps, rank_movement, status_tag
from layouts.figures import rank_line, trend_figure
from layouts.theme import MEETING_GRAPH_CONFIG, WALL_GRAPH_CONFIG


@dataclass(frozen=True)
class Tile:
    """A region on the schematic map: ``x``/``y`` its column/row, ``share`` the chosen rate (None = no data)."""

    name: str
    kind: str
    x: int
    y: int
    share: float | None
    detail: str = ""


@dataclass(frozen=True)
class OverviewView:
    period_label: str
    appeals: int
    on_time: float | None
    on_time_status: str | None
    satisfaction: float | None
    satisfaction_status: str | None
    resolution: float | None
    resolution_status: str | None
    resolution_solved: int
    resolution_revisited: int
    clearance_closed: int
    clearance_total: int
    clearance_share: float | None
    clearance_status: str | None
    projects: dict[str, int]
    rank: int | None
    movement: int | None
    n_cities: int | None
    observer_leads: int
    observer_solved: int
    rank_trend: str = ""
    key_ranking: str = ""
    key_rank: int | None = None
    key_rank_trend: str = ""
    targets: dict[str, float] = field(default_factory=dict)
    tile_metric: str = "按时办结率"
    tiles: tuple[Tile, ...] = ()
    trend: dict[str, list] = field(default_factory=dict)
    ranks: dict[str, list] = field(default_factory=dict)
    held: dict[str, str] = field(default_factory=dict)  # figure → as-of time of the confirmed value shown instead


def _target_note(status: str | None, target: float | None, basis: str = "") -> html.Span:
    """The KPI's band as shape + colour, with the configured green threshold as words (kept on one line where a
    narrow screen wraps the note)."""
    text = f"目标\u00a0≥\u00a0{fmt.percent(target, 0)}" if target is not None else basis
    return status_tag(status, f"{basis + ' · ' if basis and target is not None else ''}{text}")


def _held(view: OverviewView, *figures: str) -> html.Span | None:
    """The as-of time of a figure shown at its last confirmed value while a change to it waits for an operator."""
    times = [view.held[f] for f in figures if f in view.held]
    return html.Span(f"截至 {min(times)}", className="bm-counter-held") if times else None


def _first_to_last(path: str) -> str:
    """A rank's path cut to where it started and where it is (``16→11→8→5`` → ``16→5``), for a one-line note."""
    steps = path.split("→")
    return f"{steps[0]}→{steps[-1]}" if len(steps) > 1 else path


def headline_counters(view: OverviewView) -> html.Div:
    """The seven headline counters across the top of the page; a figure held by the plausibility check carries the
    as-of time of the value shown."""
    projects = html.Div(rag_lamps(view.projects), className="bm-rag-row")
    rank_value = fmt.count(view.rank) if view.rank else fmt.DASH
    return html.Div(
        [
            counter(
                f"{view.period_label}企业诉求",
                fmt.count(view.appeals),
                "件",
                note=[
                    "观察员线索 ",
                    html.B(fmt.count(view.observer_leads)),
                    " · 已解决 ",
                    html.B(fmt.count(view.observer_solved)),
                    _held(view, "appeals", "observer_leads", "observer_solved"),
                ],
            ),
            counter(
                "按时办结率",
                fmt.percent_number(view.on_time),
                "%",
                status=view.on_time_status,
                note=[_target_note(view.on_time_status, view.targets.get("on_time")), _held(view, "on_time")],
            ),
            counter(
                "满意率",
                fmt.percent_number(view.satisfaction),
                "%",
                status=view.satisfaction_status,
                note=[
                    _target_note(view.satisfaction_status, view.targets.get("satisfaction"), "非常满意+满意"),
                    _held(view, "satisfaction"),
                ],
            ),
            counter(
                "企业诉求解决率",
                fmt.percent_number(view.resolution),
                "%",
                status=view.resolution_status,
                note=[
                    "已解决 ",
                    html.B(fmt.count(view.resolution_solved)),
                    " / 回访 ",
                    html.B(fmt.count(view.resolution_revisited)),
                    _held(view, "resolution", "resolution_solved", "resolution_revisited"),
                ],
            ),
            counter(
                "清障销号率",
                fmt.percent_number(view.clearance_share),
                "%",
                status=view.clearance_status,
                note=[
                    "已销号 ",
                    html.B(fmt.count(view.clearance_closed), className="bm-em"),
                    " / 问题总数 ",
                    html.B(fmt.count(view.clearance_total), className="bm-em"),
                    _held(view, "clearance_share", "clearance_closed", "clearance_total"),
                ],
                class_name="bm-counter-clearance",
            ),
            html.Div(
                [
                    html.Div("为企办实事", className="bm-counter-label"),
                    projects,
                    html.Div(f"共 {sum(view.projects.values())} 项 · 按里程碑自动评定", className="bm-counter-note"),
                ],
                className="bm-counter bm-counter-projects",
            ),
            counter(
                "全省营商环境排名",
                rank_value,
                f"/{view.n_cities}" if view.n_cities else "",
                note=[
                    "较上期 ",
                    rank_movement(view.movement),
                    html.Br(),
                    f"{view.key_ranking} 第{view.key_rank}名（{_first_to_last(view.key_rank_trend)}）"
                    if view.key_rank
                    else "",
                ],
            ),
        ],
        className="bm-counters",
    )


def _tile_colour(share: float | None, low: float, high: float) -> str:
    if share is None:
        return "rgba(60, 90, 140, 0.35)"
    t = 0.5 if high <= low else (share - low) / (high - low)
    return f"rgba(53, {110 + int(114 * t)}, 255, {0.25 + 0.55 * t:.2f})"


def tile_map(tiles: tuple[Tile, ...], metric: str) -> html.Div:
    """The schematic map: one tile per region at its configured grid position, coloured by the rate (brighter =
    higher), the value written on it so no colour has to be decoded."""
    if not tiles:
        return html.Div("未配置县区图块位置", className="bm-empty")
    shares = [t.share for t in tiles if t.share is not None]
    low, high = (min(shares), max(shares)) if shares else (0.0, 1.0)
    columns = max(t.x for t in tiles) + 1
    rows = max(t.y for t in tiles) + 1
    cells = [
        html.Div(
            [
                html.Div(t.name, className="bm-tile-name"),
                html.Div(fmt.percent(t.share), className="bm-tile-value"),
                html.Div(t.detail, className="bm-tile-detail") if t.detail else None,
            ],
            className=f"bm-tile bm-tile-{t.kind}",
            style={"gridColumn": t.x + 1, "gridRow": t.y + 1, "background": _tile_colour(t.share, low, high)},
        )
        for t in tiles
    ]
    legend = html.Div(
        [
            html.Span(f"{metric}：颜色越亮越高"),
            html.Span(f"最低 {fmt.percent(low if shares else None)}"),
            html.Span(f"最高 {fmt.percent(high if shares else None)}"),
            html.Span("▣ 园区", className="bm-tile-park-key"),
        ],
        className="bm-tile-legend",
    )
    grid = html.Div(
        cells,
        className="bm-tile-grid",
        style={"gridTemplateColumns": f"repeat({columns}, 1fr)", "gridTemplateRows": f"repeat({rows}, 1fr)"},
    )
    return html.Div([grid, legend], className="bm-tile-map")


def build(view: OverviewView, interactive: bool = False) -> html.Div:
    config = MEETING_GRAPH_CONFIG if interactive else WALL_GRAPH_CONFIG
    trend, ranks = view.trend, view.ranks
    trend_graph = graph(
        trend_figure(
            trend.get("months", []), trend.get("received", []), trend.get("closed", []), trend.get("on_time", [])
        ),
        config=config,
    )
    rank_graph = graph(rank_line(ranks.get("periods", []), ranks.get("ranks", []), view.n_cities), config=config)
    body = html.Div(
        [
            panel("企业诉求月度趋势", trend_graph, key="trend"),
            panel(f"县区 · 园区{view.tile_metric}", tile_map(view.tiles, view.tile_metric), key="tiles"),
            panel("全省营商环境评价排名", rank_graph, key="rank"),
        ],
        className="bm-overview-body",
    )
    return html.Div([headline_counters(view), body], className="bm-grid bm-grid-overview")
