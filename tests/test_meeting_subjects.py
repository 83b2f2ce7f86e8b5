"""The meeting view's 驻企服务, 亲清观察员, 全省营商环境评价 and 经济指标 sections on the small metric fixture: every
figure is the metric layer's, every breakdown cell the drill-down count of its row's scope."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from callbacks.filters import Filters
from callbacks.meeting_subjects import economy_view, observer_section, rankings, visit_section
from config import load_settings
from data import drilldown
from data.metrics import appeals, economy, evaluation, visits
from tests.fixtures_metrics import TODAY

SETTINGS = load_settings(environ={})
NOW = datetime.combine(TODAY, time(12))


def _scope():  # type: ignore[no-untyped-def]
    return Filters.of("year").scope(NOW)


def _cells_are_drill_counts(conn, section) -> None:  # type: ignore[no-untyped-def]
    scope, days = _scope(), SETTINGS.unvisited_days
    for row in (*section.departments, *(section.regions or ())):
        narrowed = replace(
            scope,
            department_names=(row.department,) if row.department else scope.department_names,
            region_codes=(row.region,) if row.region else scope.region_codes,
        )
        for key, n in row.counts.items():
            assert n == drilldown.count(conn, narrowed, key, SETTINGS.rag, unvisited_days=days), (row.name, key)


def test_visits_figures_are_the_metric_layers(metric_conn) -> None:  # type: ignore[no-untyped-def]
    scope, days = _scope(), SETTINGS.unvisited_days
    section = visit_section(metric_conn, scope, SETTINGS)
    tiles = {k.label: k for k in section.kpis}
    assert tiles["驻企干部"].value == str(visits.cadre_count(metric_conn, scope))
    assert tiles["本期走访次数"].value == str(visits.visit_count(metric_conn, scope))
    missed = visits.unvisited_enterprises(metric_conn, scope, days)
    assert tiles[f"{days} 天未走访企业"].value == str(int(missed.numerator))
    assert int(missed.numerator) == drilldown.count(metric_conn, scope, "visits.unvisited", SETTINGS.rag)
    assert all(k.basis for k in section.kpis)  # every tile opens its 口径
    _cells_are_drill_counts(metric_conn, section)


def test_observer_figures_are_the_metric_layers(metric_conn) -> None:  # type: ignore[no-untyped-def]
    scope = _scope()
    leads = appeals.observer_leads(metric_conn, scope)
    section = observer_section(metric_conn, scope, SETTINGS)
    assert section.title == "亲清观察员"
    assert section.kpis[0].value == str(leads.leads)
    assert leads.leads == drilldown.count(metric_conn, scope, "observers.leads", SETTINGS.rag)
    assert leads.solved == drilldown.count(metric_conn, scope, "observers.solved", SETTINGS.rag)
    _cells_are_drill_counts(metric_conn, section)


def test_rankings_and_economy_are_the_metric_layers(metric_conn) -> None:  # type: ignore[no-untyped-def]
    scope = _scope()
    view = rankings(metric_conn, scope, SETTINGS)
    overall = evaluation.overall_ranks(metric_conn)
    assert view.series[0] == ("综合排名", tuple(int(r) for r in overall["rank"]))  # fixture: 16→12→10→6
    assert view.kpis[0].value == "6" and view.kpis[0].note.startswith(evaluation.rank_trend(overall))
    assert view.area_count == len(view.areas) == len(evaluation.area_table(metric_conn))
    econ = economy_view(metric_conn, scope, SETTINGS)
    behind = int(economy.behind_target(economy.econ_table(metric_conn, scope)).sum())
    assert econ.kpis[1].value == str(behind) == str(sum(r.behind for r in econ.rows))
    assert behind == drilldown.count(metric_conn, scope, "economy.behind", SETTINGS.rag)


def test_the_demo_reproduces_the_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The study report's 109 leads / 88 solved / 80.7 % / 100 %, ranks 16→12→9→6 and 16→11→8→5 (hand-checked in the
    demo data)."""
    from data.clock import local_now
    from etl.bootstrap import prepare_store
    from etl.demo import load_demo

    settings = load_settings(environ={}, database_url=f"sqlite:///{tmp_path / 'demo.db'}")
    store, _notes = prepare_store(settings)
    load_demo(store, settings)
    scope = Filters.of("rolling").scope(local_now(settings.timezone))
    with store.read() as conn:
        observers = observer_section(conn, scope, settings)
        ranks = rankings(conn, scope, settings)
    assert [(k.label, k.value) for k in observers.kpis] == [
        ("亲清观察员线索", "109"), ("线索解决率", "80.7"), ("线索满意率", "100.0"),
    ]  # fmt: skip
    assert observers.kpis[0].links[0].count == 88
    assert ranks.series == (("综合排名", (16, 12, 9, 6)), ("重点指标领域", (16, 11, 8, 5)))
    assert len(ranks.areas) == 18
    store.dispose()
