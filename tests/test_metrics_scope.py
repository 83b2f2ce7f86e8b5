"""``Rate`` and ``Scope``: rates kept as counts, period labels, and how period bounds and filters select rows."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from data.metrics import Rate, Scope, appeals, clearance
from data.metrics.scope import period_bounds, quarter_of
from tests.fixtures_metrics import ALL, YEAR


def test_rate_value_and_percent():
    rate = Rate(573, 584)
    assert rate.value == 573 / 584
    assert rate.percent == 98.1  # 98.116… rounded to one decimal
    assert Rate(2, 3).percent == 66.7
    assert Rate(0, 0).value is None and Rate(0, 0).percent is None
    assert math.isnan(Rate(0, 0).or_nan()) and Rate(1, 4).or_nan() == 0.25
    assert Rate(1, 2, "好评率").label == "好评率"


@pytest.mark.parametrize(
    ("label", "bounds"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026Q4", (date(2026, 10, 1), date(2026, 12, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_period_bounds(label, bounds):
    assert period_bounds(label) == bounds


@pytest.mark.parametrize("label", ["2026Q5", "2026-13", "26Q1", "2026/03"])
def test_period_bounds_rejects(label):
    with pytest.raises(ValueError, match="YYYYQn"):
        period_bounds(label)


def test_quarter_of():
    assert [quarter_of(date(2026, m, 1)) for m in (1, 3, 4, 9, 10, 12)] == [
        "2026Q1",
        "2026Q1",
        "2026Q2",
        "2026Q3",
        "2026Q4",
        "2026Q4",
    ]


def test_timestamp_period_bounds_are_whole_days(metric_conn):
    # received on 07-02 09:00 (A1) and 07-05 09:00 (A9): a period ending 07-02 takes in all of 07-02
    day = Scope(today=ALL.today, start=date(2026, 7, 2), end=date(2026, 7, 2))
    assert appeals.appeal_count(metric_conn, day) == 1
    assert appeals.appeal_count(metric_conn, replace(day, end=date(2026, 7, 5))) == 2
    # open-ended on either side: from 09-20 (A5, A8, A7); up to 06-30 (A6)
    assert appeals.appeal_count(metric_conn, Scope(today=ALL.today, start=date(2026, 9, 20))) == 3
    assert appeals.appeal_count(metric_conn, Scope(today=ALL.today, end=date(2026, 6, 30))) == 1


def test_date_period_bounds_are_inclusive(metric_conn):
    # found on 07-01 (I5) and 08-01 (I6)
    funnel = clearance.clearance_funnel(metric_conn, replace(ALL, start=date(2026, 7, 1), end=date(2026, 8, 1)))
    assert funnel["全量问题清单"] == 2


def test_unknown_filter_values_match_nothing(metric_conn):
    assert appeals.appeal_count(metric_conn, replace(YEAR, region_codes=("XX99",))) == 0
    assert appeals.appeal_count(metric_conn, replace(YEAR, department_names=("不存在的局",))) == 0
    assert appeals.appeal_count(metric_conn, replace(YEAR, action_group="不存在的组")) == 0
