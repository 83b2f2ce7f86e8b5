"""The meeting view's sections 驻企服务, 亲清观察员, 全省营商环境评价 and 经济指标: their KPI tiles (each with its 口径)
from the metric layer, their breakdowns by department and by district / park from the drill-down measures."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlalchemy import Connection

from callbacks.views.context import optional_float, optional_int
from callbacks.views.tiles import basis, rate_basis, rate_tile
from config import Settings
from data import drilldown
from data import drilldown_breakdown as breakdown
from data import kpi as data_kpi
from data.brief_model import movement_text
from data.metrics import appeals, economy, evaluation, visits
from data.metrics.catalogue import metric
from data.metrics.scope import Scope
from layouts import format as fmt
from layouts.meeting_counts import CountSection
from layouts.meeting_kpi import Kpi, Link
from layouts.meeting_subjects import AreaRow, EconomyRow, EconomyView, RankingsView

OBSERVER_COLUMNS = (("线索", "observers.leads"), ("已解决", "observers.solved"))


def _count_section(
    conn: Connection,
    scope: Scope,
    settings: Settings,
    subject: str,
    title: str,
    columns: tuple[tuple[str, str], ...],
    department_header: str,
) -> CountSection:
    keys, days = [key for _header, key in columns], settings.unvisited_days
    return CountSection(
        subject,
        title,
        columns,
        breakdown.by_department(conn, scope, keys, settings.rag, days),
        breakdown.by_region(conn, scope, keys, settings.rag, settings.regions, days),
        department_header,
    )


def visit_section(conn: Connection, scope: Scope, settings: Settings) -> CountSection:
    """驻企服务: cadres, their enterprises, 走访覆盖率, the visits of the period and the enterprises no one has visited
    in ``[visits] unvisited_days`` days, by the cadres' department and grid cell (county or park)."""
    days = settings.unvisited_days
    columns = (
        ("驻企干部", "visits.cadres"),
        ("包联企业", "visits.enterprises"),
        ("本期已走访", "visits.visited"),
        (f"{days} 天未走访", "visits.unvisited"),
    )
    section = _count_section(conn, scope, settings, "visits", "驻企服务", columns, "干部单位")
    cadres, made = visits.cadre_count(conn, scope), visits.visit_count(conn, scope)
    coverage = data_kpi.read_kpi(conn, scope, settings, "visit_coverage")
    unvisited = visits.unvisited_enterprises(conn, scope, days)
    missed, assigned = int(unvisited.numerator), int(unvisited.denominator)
    kpis = (
        Kpi(
            "驻企干部",
            fmt.count(cadres),
            "名",
            "visits.cadres",
            basis=basis("cadre_count", scope, f"计数 {cadres:,d} 名"),
        ),
        rate_tile(
            coverage,
            scope,
            "visits.enterprises",
            (
                Link("已走访 ", int(coverage.rate.numerator), "visits.visited"),
                Link("包联 ", int(coverage.rate.denominator), "visits.enterprises"),
            ),
        ),
        Kpi("本期走访次数", fmt.count(made), "次", None, basis=basis("visit_count", scope, f"计数 {made:,d} 次")),
        Kpi(
            f"{days} 天未走访企业",
            fmt.count(missed),
            "家",
            "visits.unvisited",
            (Link("占包联 ", assigned, "visits.enterprises"),),
            basis=basis(
                "unvisited_enterprises",
                scope,
                f"计数 {missed:,d} 家 ÷ 包联 {assigned:,d} 家（{fmt.percent(unvisited.value)}）；N = {days} 天",
            ),
            class_name="bm-kpi-alert" if missed else "",
        ),
        rate_tile(data_kpi.read_kpi(conn, scope, settings, "problem_resolution"), scope, None),
    )
    return replace(section, kpis=kpis, alert="visits.unvisited")


def observer_section(conn: Connection, scope: Scope, settings: Settings) -> CountSection:
    """亲清观察员: the leads of the period, those solved, the solve rate and the satisfaction of the solved ones
    (``appeals.observer_leads``), by the handling department and district."""
    title = "亲清观察员"
    section = _count_section(conn, scope, settings, "observers", title, OBSERVER_COLUMNS, "承办单位")
    leads = appeals.observer_leads(conn, scope)
    counted = (Link("已解决 ", leads.solved, "observers.solved"), Link("线索 ", leads.leads, "observers.leads"))
    kpis = (
        Kpi(
            metric("observer_leads").name,
            fmt.count(leads.leads),
            "条",
            "observers.leads",
            counted[:1],
            basis=basis("observer_leads", scope, f"计数 {leads.leads:,d} 条"),
        ),
        Kpi(
            "线索解决率",
            fmt.percent_number(leads.rate.value),
            "%",
            None,
            counted,
            basis=rate_basis("observer_leads", scope, leads.rate),
        ),
        Kpi(
            "线索满意率",
            fmt.percent_number(leads.satisfaction.value),
            "%",
            None,
            note=f"已解决且已评价 {int(leads.satisfaction.denominator):,d} 条",
            basis=rate_basis("observer_leads", scope, leads.satisfaction),
        ),
    )
    return replace(section, kpis=kpis)


def _rank_kpi(ranks: pd.DataFrame, key: str, label: str, scope: Scope) -> Kpi:
    latest = ranks.iloc[-1]
    cities = "" if pd.isna(latest["n_cities"]) else f"/{int(latest['n_cities'])}"
    moved = movement_text(latest["movement"])
    versus = f"，较上期{moved}" if moved else ""
    note = f"{evaluation.rank_trend(ranks)}（{latest['period']}{versus}）"
    lines = (f"指标：{metric(key).name}", f"口径：{metric(key).caliber}", f"截至 {scope.moment:%Y-%m-%d %H:%M}")
    return Kpi(label, str(int(latest["rank"])), cities, None, basis=lines, note=note)


def _ranks_of(frame: pd.DataFrame, periods: list[str]) -> tuple[int | None, ...]:
    by_period = dict(zip(frame["period"], frame["rank"], strict=True))
    return tuple(optional_int(by_period.get(p)) for p in periods)


def rankings(conn: Connection, scope: Scope, settings: Settings) -> RankingsView:
    """全省营商环境评价: the overall and the key-area rank with their paths, and the areas with their movement."""
    overall, key = evaluation.overall_ranks(conn), evaluation.key_ranks(conn)
    periods = sorted({*overall["period"], *key["period"]})
    kpis = tuple(
        _rank_kpi(frame, name, label, scope)
        for frame, name, label in (
            (overall, "overall_ranks", "综合排名"),
            (key, "key_ranks", f"{settings.key_ranking}排名"),
        )
        if len(frame)
    )
    cities = [optional_int(n) for n in (*overall["n_cities"], *key["n_cities"]) if not pd.isna(n)]
    areas = evaluation.area_table(conn)
    return RankingsView(
        kpis=kpis,
        periods=tuple(periods),
        series=(("综合排名", _ranks_of(overall, periods)), (settings.key_ranking, _ranks_of(key, periods))),
        n_cities=max(cities) if cities else None,
        area_period=areas.attrs.get("period"),
        areas=tuple(
            AreaRow(
                r["name"],
                optional_float(r["score"]),
                optional_int(r["rank"]),
                optional_int(r["previous_rank"]),
                optional_int(r["movement"]),
            )
            for _i, r in areas.iterrows()
        ),
        rank_periods=drilldown.count(conn, scope, "evaluation.ranks", settings.rag),
        area_count=drilldown.count(conn, scope, "evaluation.areas", settings.rag),
    )


def economy_view(conn: Connection, scope: Scope, settings: Settings) -> EconomyView:
    """经济指标: each indicator's latest value against its target, those behind it (``economy.behind_target``)."""
    table = economy.econ_table(conn, scope)
    behind = economy.behind_target(table)
    shown, late = len(table), int(behind.sum())
    counts = f"指标 {shown:,d} 项，其中未达目标 {late:,d} 项"
    kpis = (
        Kpi("主要经济指标", fmt.count(shown), "项", "economy.indicators", basis=basis("econ_table", scope, counts)),
        Kpi(
            "未达目标",
            fmt.count(late),
            "项",
            "economy.behind",
            basis=basis("econ_behind", scope, counts),
            class_name="bm-kpi-alert" if late else "",
        ),
    )
    rows = tuple(
        EconomyRow(
            r["metric"],
            str(r["period"]),
            optional_float(r["value"]),
            str(r["unit"] or ""),
            optional_float(r["target"]),
            optional_float(r["completion"]),
            optional_float(r["yoy"]),
            bool(late_one),
        )
        for (_i, r), late_one in zip(table.iterrows(), behind, strict=True)
    )
    return EconomyView(kpis, rows)
