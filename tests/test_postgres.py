"""The same code on SQLite and on a real PostgreSQL server gives the same results: migrations from empty, the
importer on corpus files, and the demo city's headline and main metrics, number for number."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Connection, inspect, select, text

from config import Settings, load_settings
from data.engine import QueryTimeout, open_store, time_budget
from data.metrics import (
    Rate,
    Scope,
    appeals,
    awards,
    cleanwind,
    clearance,
    economy,
    evaluation,
    headline,
    projects,
    reforms,
    refusals,
    reviews,
    services,
    squads,
    visits,
)
from data.metrics.regions import region_tiles
from data.migrate import current_revision, head_revision, upgrade
from data.schema import Base
from etl.bootstrap import prepare_store
from etl.demo import load_demo
from etl.importer import import_file
from tests.import_fixtures import CORPUS
from tests.postgres_fixture import PostgresServer, postgres_server, postgres_url  # noqa: F401  (fixtures)

ANCHOR = date(2026, 11, 27)
BACKENDS = ("sqlite", "postgresql")
CORPUS_FILES = (
    "appeals_utf8.csv",
    "appeals_gbk.csv",
    "appeals_bad_dates.csv",
    "appeals_new_department.csv",
    "企业诉求_标题行与合计.xlsx",
    "清障问题_2026.csv",
    "项目台账_多工作表.xlsx",
    "营商环境评价_2026.csv",
    "经济指标_2026-10.csv",
)
LINEAGE = {"id", "etl_run_id", "updated_at", "source"}


def _settings(url: str) -> Settings:
    return load_settings(environ={}, database_url=url)


def _urls(postgres_server: PostgresServer, folder: Path) -> dict[str, str]:  # noqa: F811
    return {"sqlite": f"sqlite:///{folder / 'same.db'}", "postgresql": postgres_server.create_database("same")}


def plain(value: Any) -> Any:
    """A comparable form of a metric's result: Rates as counts, frames as sorted records, floats rounded."""
    if isinstance(value, Rate):
        return ("rate", value.numerator, value.denominator, value.label)
    if isinstance(value, pd.DataFrame):
        records = [plain(r) for r in value.reset_index().to_dict("records")]
        return sorted(records, key=repr)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 9)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is pd.NaT or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return plain(value.item())
    return value


def test_migrations_from_empty_give_the_same_schema(postgres_server: PostgresServer, tmp_path: Path) -> None:  # noqa: F811
    schemas = {}
    for backend, url in _urls(postgres_server, tmp_path).items():
        store = open_store(url.replace("postgresql+psycopg://", "postgresql://"))  # a bare URL means psycopg 3
        try:
            assert current_revision(store) is None
            upgrade(store)
            assert current_revision(store) == head_revision()
            upgrade(store)  # a second run is a no-op
            with store.read() as conn:
                found = inspect(conn)
                schemas[backend] = {t: sorted(c["name"] for c in found.get_columns(t)) for t in found.get_table_names()}
        finally:
            store.dispose()
    expected = {t.name: sorted(c.name for c in t.columns) for t in Base.metadata.sorted_tables}
    assert {t: c for t, c in schemas["sqlite"].items() if t != "alembic_version"} == expected
    assert schemas["postgresql"] == schemas["sqlite"]


def _table_rows(conn: Connection, table_name: str) -> list[tuple]:
    table = Base.metadata.tables[table_name]
    columns = [c for c in table.columns if c.name not in LINEAGE]
    return sorted((tuple(plain(v) for v in row) for row in conn.execute(select(*columns))), key=repr)


def test_importer_gives_the_same_results_and_rows(postgres_server: PostgresServer, tmp_path: Path) -> None:  # noqa: F811
    outcomes: dict[str, list[dict]] = {}
    contents: dict[str, dict[str, list[tuple]]] = {}
    for backend, url in _urls(postgres_server, tmp_path).items():
        settings = _settings(url)
        store, _notes = prepare_store(settings)
        try:
            outcomes[backend] = [
                {k: v for k, v in r.as_dict().items() if k != "run_id"}
                for name in CORPUS_FILES
                for r in import_file(store, settings, CORPUS / name)
            ]
            with store.read() as conn:
                contents[backend] = {
                    t: _table_rows(conn, t) for t in ("appeal", "clearance_issue", "project", "milestone", "department")
                }
        finally:
            store.dispose()
    assert [r["status"] for r in outcomes["sqlite"]].count("loaded") >= len(CORPUS_FILES) - 1
    assert outcomes["postgresql"] == outcomes["sqlite"]
    assert contents["sqlite"]["appeal"], "the corpus loads appeals"
    assert contents["postgresql"] == contents["sqlite"]


@pytest.fixture(scope="module")
def demo_stores(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:  # noqa: F811
    """The demo city (fixed anchor) loaded into a SQLite and a PostgreSQL database: {backend: (store, settings)}."""
    stores = {}
    for backend, url in _urls(postgres_server, tmp_path_factory.mktemp("pg-demo")).items():
        settings = _settings(url)
        store, _notes = prepare_store(settings)
        results = load_demo(store, settings, ANCHOR)
        assert [r.error for r in results if r.status != "loaded"] == [], backend
        stores[backend] = (store, settings)
    yield stores
    for store, _ in stores.values():
        store.dispose()


YEAR = Scope(today=ANCHOR, start=date(2026, 1, 1), end=ANCHOR)
QUARTER = Scope(today=ANCHOR, start=date(2026, 10, 1), end=ANCHOR)
COUNTY = Scope(today=ANCHOR, start=date(2026, 1, 1), end=ANCHOR, region_codes=("HC02",))
PARK = Scope(today=ANCHOR, region_codes=("HCP1",), department_names=("市税务局", "供电公司"))
GROUP = Scope(today=ANCHOR, action_group="行政审批提速")
SCOPES = {"year": YEAR, "quarter": QUARTER, "county": COUNTY, "park": PARK, "group": GROUP}

MetricCall = Callable[[Connection, Scope, Settings], Any]
METRICS: dict[str, MetricCall] = {
    "headline": lambda c, s, st: headline.headline(c, s, st),
    "appeal_count": lambda c, s, st: appeals.appeal_count(c, s),
    "on_time_rate": lambda c, s, st: appeals.on_time_rate(c, s),
    "close_rate": lambda c, s, st: appeals.close_rate(c, s),
    "response_rate": lambda c, s, st: appeals.response_rate(c, s, st.response_limit_hours),
    "resolution_rate": lambda c, s, st: appeals.resolution_rate(c, s),
    "satisfaction_strict": lambda c, s, st: appeals.satisfaction_rate(c, s, strict=True),
    "satisfaction_broad": lambda c, s, st: appeals.satisfaction_rate(c, s, strict=False),
    "repeat_rate": lambda c, s, st: appeals.repeat_rate(c, s),
    "three_rate": lambda c, s, st: appeals.three_rate(c, s, st.three_rate_weights, st.response_limit_hours),
    "appeals_by_region": lambda c, s, st: appeals.appeals_by(c, s, "region"),
    "appeals_by_department": lambda c, s, st: appeals.appeals_by(c, s, "department"),
    "appeals_by_category": lambda c, s, st: appeals.appeals_by(c, s, "category"),
    "appeals_by_channel": lambda c, s, st: appeals.appeals_by(c, s, "channel"),
    "monthly_trend": lambda c, s, st: appeals.monthly_trend(c, s),
    "observer_leads": lambda c, s, st: appeals.observer_leads(c, s),
    "latest_closed": lambda c, s, st: appeals.latest_closed(c, s),
    "clearance_close_rate": lambda c, s, st: clearance.clearance_close_rate(c, s),
    "clearance_on_schedule": lambda c, s, st: clearance.on_schedule_close_rate(c, s),
    "clearance_funnel": lambda c, s, st: clearance.clearance_funnel(c, s),
    "clearance_batches": lambda c, s, st: clearance.clearance_batches(c, s),
    "clearance_by_group": lambda c, s, st: clearance.clearance_by(c, s, "action_group"),
    "overdue_issues": lambda c, s, st: clearance.overdue_issues(c, s),
    "project_board": lambda c, s, st: projects.project_board(c, s, st.rag),
    "rag_counts": lambda c, s, st: projects.rag_counts(c, s, st.rag),
    "visit_coverage": lambda c, s, st: visits.visit_coverage(c, s),
    "problem_resolution": lambda c, s, st: visits.problem_resolution_rate(c, s),
    "cadre_count": lambda c, s, st: visits.cadre_count(c, s),
    "visits_by_region": lambda c, s, st: visits.visits_by_region(c, s),
    "good_review_rate": lambda c, s, st: reviews.good_review_rate(c, s),
    "bad_review_rate": lambda c, s, st: reviews.bad_review_rate(c, s),
    "bad_review_rectify": lambda c, s, st: reviews.bad_review_rectify_rate(c, s),
    "bad_review_on_time": lambda c, s, st: reviews.bad_review_rectify_on_time_rate(c, s),
    "realname_revisit": lambda c, s, st: reviews.realname_bad_revisit_rate(c, s),
    "review_count": lambda c, s, st: reviews.review_count(c, s),
    "refusal_escalation": lambda c, s, st: refusals.refusal_escalation_rate(c, s),
    "refusal_overturn": lambda c, s, st: refusals.refusal_overturn_rate(c, s),
    "refusal_count": lambda c, s, st: refusals.refusal_count(c, s),
    "overturned_refusals": lambda c, s, st: refusals.overturned_refusals(c, s),
    "service_summary": lambda c, s, st: services.service_summary(c, s, st.services_year_target),
    "econ_table": lambda c, s, st: economy.econ_table(c, s),
    "overall_ranks": lambda c, s, st: evaluation.overall_ranks(c),
    "area_table": lambda c, s, st: evaluation.area_table(c),
    "weakest_areas": lambda c, s, st: evaluation.weakest_areas(c),
    "department_scores": lambda c, s, st: awards.department_scores(c, "2026Q3", st, ANCHOR),
    "award_candidates": lambda c, s, st: awards.award_candidates(c, "2026Q3", st, ANCHOR),
    "region_tiles": lambda c, s, st: region_tiles(c),
    "reform_board": lambda c, s, st: reforms.reform_board(c, s, st.rag),
    "reforms_not_landed": lambda c, s, st: reforms.departments_without_landing(c, s, st.rag),
    "squad_performance": lambda c, s, st: squads.squad_performance(c, s),
    "clean_wind_totals": lambda c, s, st: cleanwind.clean_wind_totals(c, s),
    "clean_wind_by_month": lambda c, s, st: cleanwind.clean_wind_by(c, s, "month"),
    "clean_wind_by_department": lambda c, s, st: cleanwind.clean_wind_by(c, s, "department"),
    "service_list": lambda c, s, st: services.service_list(c, s),
}


@pytest.mark.parametrize("scope_name", list(SCOPES))
def test_demo_metrics_are_identical(demo_stores: dict, scope_name: str) -> None:
    scope = SCOPES[scope_name]
    found: dict[str, dict[str, Any]] = {}
    for backend, (store, settings) in demo_stores.items():
        with store.read() as conn:
            found[backend] = {name: plain(call(conn, scope, settings)) for name, call in METRICS.items()}
    differing = [name for name in METRICS if found["postgresql"][name] != found["sqlite"][name]]
    assert differing == []
    assert found["sqlite"]["appeal_count"] > 0 or scope_name in {"park", "group"}


def test_demo_headline_matches_the_report_on_both(demo_stores: dict) -> None:
    rolling_year = Scope(today=ANCHOR, start=date(2025, 11, 28), end=ANCHOR)
    for backend, (store, settings) in demo_stores.items():
        with store.read() as conn:
            h = headline.headline(conn, rolling_year, settings)
            version = conn.execute(text("SELECT version FROM data_version WHERE id = 1")).scalar_one()
        assert (h.clearance_closed, h.clearance_total, h.observer_leads, h.observer_solved) == (573, 584, 109, 88)
        assert sorted(h.projects.values()) == [2, 5, 18], backend
        assert version >= 1


def test_a_holiday_arrangement_counts_deadlines_again_the_same_on_both(
    postgres_server: PostgresServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    from tests.test_calendar_arrangements import APPEALS_2099, SPRING_2099, notice_csv

    appeals = tmp_path / "企业诉求_2099.csv"
    appeals.write_text(APPEALS_2099, encoding="utf-8")
    arrangement = notice_csv(tmp_path, 2099, {"春节": SPRING_2099})
    contents: dict[str, dict[str, list[tuple]]] = {}
    for backend, url in _urls(postgres_server, tmp_path).items():
        settings = _settings(url)
        store, _notes = prepare_store(settings)
        try:
            import_file(store, settings, appeals)
            [result] = import_file(store, settings, arrangement)
            assert result.status == "loaded", result.error
            with store.read() as conn:
                contents[backend] = {t: _table_rows(conn, t) for t in ("appeal", "holiday_day", "appeal_due_daily")}
                contents[backend]["workday"] = _table_rows(conn, "workday")
        finally:
            store.dispose()
    assert contents["postgresql"] == contents["sqlite"]
    due = {row[0]: row for row in contents["postgresql"]["appeal"]}  # (ticket_no, …): counted on the new calendar
    assert plain(datetime(2099, 2, 25, 23, 59, 59)) in due["H1"]
    assert plain(datetime(2099, 2, 10, 23, 59, 59)) in due["H2"]


def test_a_query_past_its_time_budget_is_stopped_on_postgresql(postgres_server: PostgresServer) -> None:  # noqa: F811
    """The request's budget reaches PostgreSQL as ``SET LOCAL statement_timeout``: a statement past it is cancelled
    by the server and is a QueryTimeout (HTTP 504 on the web), and outside a budget nothing is limited."""
    store = open_store(postgres_server.create_database("budget"))
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"\[server\] timeout"), time_budget(0.5), store.read() as conn:
        conn.exec_driver_sql("SELECT pg_sleep(20)").all()
    assert time.monotonic() - started < 10  # cancelled, not slept out
    with time_budget(30), store.read() as conn:
        limit = conn.exec_driver_sql("SHOW statement_timeout").scalar_one()
    assert limit.endswith("ms") and 25_000 < int(limit[:-2]) <= 30_000
    with store.read() as conn:  # the limit ended with its transaction; the pooled connection runs freely
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar_one() == "0"
    store.dispose()
