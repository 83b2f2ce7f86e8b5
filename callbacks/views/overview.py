"""总览 view: the headline counters, the tile map's per-region rate, the appeal trend and the rank over quarters."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from callbacks.views.appeals import trend_series
from callbacks.views.context import PERIOD_LABEL, ViewContext, optional_int
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics import appeals
from data.metrics.evaluation import overall_ranks
from data.metrics.headline import headline
from data.metrics.regions import region_tiles
from layouts.pages import overview as overview_page
from layouts.pages.overview import OverviewView, Tile


def _tiles(conn: Connection, context: ViewContext) -> tuple[Tile, ...]:
    """按时办结率 per region: a county counts its own and its parks' appeals, a park its own (Scope semantics)."""
    scope = context.period_scope
    tiles = []
    for region in region_tiles(conn):
        rate = appeals.on_time_rate(conn, replace(scope, region_codes=(region.code,)))
        tiles.append(
            Tile(region.name, region.type, region.x, region.y, rate.value, f"{int(rate.denominator):,d} 件应办结")
        )
    return tuple(tiles)


def collect(conn: Connection, context: ViewContext) -> OverviewView:
    scope = context.period_scope
    head = headline(conn, scope, context.settings)
    trend = appeals.monthly_trend(conn, scope)
    ranks = overall_ranks(conn)
    return OverviewView(
        period_label=PERIOD_LABEL,
        appeals=head.appeals,
        on_time=head.on_time.value,
        on_time_status=head.on_time.status,
        satisfaction=head.satisfaction.value,
        satisfaction_status=head.satisfaction.status,
        resolution=head.resolution.value,
        resolution_status=head.resolution.status,
        resolution_solved=int(head.resolution.rate.numerator),
        resolution_revisited=int(head.resolution.rate.denominator),
        clearance_closed=head.clearance_closed,
        clearance_total=head.clearance_total,
        clearance_share=head.clearance.value,
        clearance_status=head.clearance.status,
        projects=dict(head.projects),
        rank=head.rank,
        movement=head.movement,
        n_cities=head.n_cities,
        observer_leads=head.observer_leads,
        observer_solved=head.observer_solved,
        rank_trend=head.rank_trend,
        key_ranking=context.settings.key_ranking,
        key_rank=head.key_rank,
        key_rank_trend=head.key_rank_trend,
        targets={
            "on_time": head.on_time.target,
            "satisfaction": head.satisfaction.target,
            "clearance": head.clearance.target,
        },
        tiles=_tiles(conn, context),
        trend=trend_series(trend),
        ranks={"periods": ranks["period"].tolist(), "ranks": [optional_int(r) for r in ranks["rank"]]},
    )


PAGE = PageDeclaration(
    "overview",
    "总览",
    collect,
    overview_page.build,
    (
        Panel("trend", ("appeals",)),
        Panel("tiles", ("appeals",)),
        Panel("rank", ("indicator_eval",)),
    ),
)
