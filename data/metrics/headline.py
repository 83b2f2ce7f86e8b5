"""The headline figures (the wall's 总览 counters, the meeting view's first row, the brief's 主要指标), each taken from
the module that defines it; the three rated ones as KPIs of ``data.kpi`` (target and band with them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from config import Settings
from data.kpi import Kpi, read_kpi
from data.metrics.appeals import appeal_count, observer_leads
from data.metrics.evaluation import key_ranks, overall_ranks, rank_trend
from data.metrics.projects import rag_counts
from data.metrics.rate import Rate
from data.metrics.scope import Scope, quarter_of


@dataclass(frozen=True)
class Headline:
    """``projects``: red / yellow / green counts of the 为企办实事 items; ``rank`` is the latest overall provincial
    rank published for a quarter up to ``scope.today`` (None before the first)."""

    appeals: int
    on_time: Kpi
    satisfaction: Kpi
    resolution: Kpi
    clearance: Kpi
    projects: dict[str, int]
    rank: int | None
    previous_rank: int | None
    movement: int | None
    n_cities: int | None
    observer_leads: int
    observer_solved: int
    rank_trend: str = ""
    key_rank: int | None = None
    key_rank_trend: str = ""

    @property
    def on_time_rate(self) -> Rate:
        return self.on_time.rate

    @property
    def satisfaction_rate(self) -> Rate:
        return self.satisfaction.rate

    @property
    def clearance_rate(self) -> Rate:
        return self.clearance.rate

    @property
    def clearance_closed(self) -> int:
        return int(self.clearance.rate.numerator)

    @property
    def clearance_total(self) -> int:
        return int(self.clearance.rate.denominator)


def _optional_int(value: object) -> int | None:
    return None if value is None or value != value else int(value)  # type: ignore[call-overload]


def headline(conn: Connection, scope: Scope, settings: Settings) -> Headline:
    """Appeals received, 按时办结率, strict 满意率, 企业诉求解决率, 清障 closed / total, project colours, rank and its
    movement and path (``16→12→9→6``), the key-area rank (重点指标领域) and its path, 亲清观察员 leads and solved —
    for ``scope`` (the wall passes the current year)."""
    leads = observer_leads(conn, scope)
    published = quarter_of(scope.today)
    ranks = overall_ranks(conn)
    ranks = ranks[ranks["period"] <= published]
    key = key_ranks(conn)
    key = key[key["period"] <= published]
    latest = ranks.iloc[-1] if len(ranks) else None
    previous = ranks.iloc[-2] if len(ranks) > 1 else None
    return Headline(
        appeals=appeal_count(conn, scope),
        on_time=read_kpi(conn, scope, settings, "on_time_rate"),
        satisfaction=read_kpi(conn, scope, settings, "satisfaction_strict"),
        resolution=read_kpi(conn, scope, settings, "resolution_rate"),
        clearance=read_kpi(conn, scope, settings, "clearance_close_rate"),
        projects=rag_counts(conn, scope, settings.rag),
        rank=_optional_int(latest["rank"]) if latest is not None else None,
        previous_rank=_optional_int(previous["rank"]) if previous is not None else None,
        movement=_optional_int(latest["movement"]) if latest is not None else None,
        n_cities=_optional_int(latest["n_cities"]) if latest is not None else None,
        observer_leads=leads.leads,
        observer_solved=leads.solved,
        rank_trend=rank_trend(ranks),
        key_rank=_optional_int(key["rank"].iloc[-1]) if len(key) else None,
        key_rank_trend=rank_trend(key),
    )
