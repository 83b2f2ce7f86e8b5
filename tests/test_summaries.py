"""The summary tables: every count read from them equals the fact rows the drill-down lists for the same scope,
on the hand-made fixture (incl. as-of days before some closings) and on the demo city; and a load refreshes them
in its own transaction — a failed load leaves them as they were."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select

from config import RagRule
from data import drilldown
from data.metrics import appeals as appeal_metrics
from data.metrics.scope import Scope
from data.schema import Appeal, AppealDueDaily, AppealReceivedDaily, ReviewDaily
from etl import load as load_module
from etl.demo import load_demo
from etl.kinds import get_kind
from etl.load import load_frame
from tests.fixtures_metrics import ALL, D1, D2, Q3, YEAR
from tests.store_fixtures import fresh_store
from tests.test_load import appeals_frame

SUMMED = [key for key, m in drilldown.MEASURES.items() if m.tally is not None]
RULE = RagRule()
FIXTURE_SCOPES = {
    "all": ALL,
    "year": YEAR,
    "q3": Q3,
    "district": replace(YEAR, region_codes=("HC01",)),
    "park": replace(YEAR, region_codes=("HCP1",)),
    "department": replace(ALL, department_names=(D1, D2)),
    "action group": replace(ALL, action_group="行政审批提速"),
    # as of days when some appeals were still open that are closed now: late closings must not count yet
    "as of 2026-07-18": Scope(today=date(2026, 7, 18)),
    "as of 2026-07-20": Scope(today=date(2026, 7, 20)),
    "as of 2026-10-10": Scope(today=date(2026, 10, 10), start=date(2026, 7, 1)),
}


def assert_counts_match_rows(conn: Connection, scope: Scope, keys: list[str]) -> None:
    for key in keys:
        rows = drilldown.rows(conn, scope, key, RULE)
        assert drilldown.count(conn, scope, key, RULE) == len(rows), key
        by_department = drilldown.count_by_department(conn, scope, key)
        assert by_department == dict(Counter(rows["department"])), key


@pytest.mark.parametrize("name", FIXTURE_SCOPES)
def test_summary_counts_equal_the_fact_rows_on_the_fixture(metric_conn: Connection, name: str):
    assert_counts_match_rows(metric_conn, FIXTURE_SCOPES[name], SUMMED)


def test_overdue_follows_the_as_of_day(metric_conn: Connection):
    # A2 (due 07-17, closed late on 07-20) is overdue as of 07-18 and 07-19, no longer from 07-20 on.
    counts = [
        drilldown.count(metric_conn, Scope(today=date(2026, 7, day)), "appeals.overdue", RULE) for day in (18, 19, 20)
    ]
    assert counts == [1, 1, 0]
    assert appeal_metrics.close_rate(metric_conn, Scope(today=date(2026, 7, 18))).numerator == 3  # A6, A1, A9


def test_summary_counts_equal_the_fact_rows_on_the_demo(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    load_demo(store, settings)
    with store.read() as conn:
        today = conn.execute(select(func.max(Appeal.closed_at))).scalar_one().date()
        scopes = [
            Scope(today=today),
            Scope(today=today, start=today - timedelta(days=90), end=today),
            Scope(today=today - timedelta(days=30), region_codes=(settings.regions[1].code,)),
            Scope(today=today, action_group=settings.action_groups[0]),
        ]
        for scope in scopes:
            assert_counts_match_rows(conn, scope, SUMMED)


def _summary_totals(store) -> tuple[int, int, int]:
    with store.read() as conn:
        return (
            conn.execute(select(func.coalesce(func.sum(AppealReceivedDaily.appeals), 0))).scalar_one(),
            conn.execute(select(func.coalesce(func.sum(AppealDueDaily.due), 0))).scalar_one(),
            conn.execute(select(func.coalesce(func.sum(ReviewDaily.reviews), 0))).scalar_one(),
        )


def test_a_load_refreshes_the_summaries_and_a_failed_load_leaves_them(tmp_path: Path, monkeypatch):
    store, settings = fresh_store(tmp_path)
    assert _summary_totals(store) == (0, 0, 0)
    load_frame(store, settings, get_kind("appeals"), appeals_frame(3), source="ok.csv")
    assert _summary_totals(store) == (3, 3, 0)  # due dates are derived from the working-day calendar

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(load_module, "bump_data_version", broken)
    failed = load_frame(store, settings, get_kind("appeals"), appeals_frame(5, start=100), source="bad.csv")
    assert failed.status == "failed"
    assert _summary_totals(store) == (3, 3, 0)
    monkeypatch.undo()
    load_frame(store, settings, get_kind("appeals"), appeals_frame(5, start=100), source="good.csv")
    assert _summary_totals(store) == (8, 8, 0)


def test_metric_values_are_unchanged_by_reading_summaries(metric_conn: Connection):
    """Spot checks against the fixture's hand counts (tests/test_metrics_appeals.py has them all)."""
    assert appeal_metrics.appeal_count(metric_conn, ALL) == 9
    assert appeal_metrics.satisfaction_rate(metric_conn, ALL).denominator == 6  # 9 less A3, A7, A9 (unrated)
