"""Appeal metrics against values worked out by hand on tests/fixtures_metrics.py (as of 2026-10-15)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime

import pytest

from data.metrics import appeals
from data.metrics.rate import Rate
from tests.fixtures_metrics import ALL, D2, Q3, YEAR

WEIGHTS = {"response": 0.30, "resolution": 0.35, "satisfaction": 0.35}


def fraction(rate: Rate) -> tuple[float, float]:
    return rate.numerator, rate.denominator


def test_on_time_rate_counts_due_not_closed(metric_conn):
    # owed in 2026 as of today: due passed A1,A2,A3,A4,A6,A8,A9, and A5 (due 10-20, closed early on 10-10); A7 is
    # neither due nor closed; closed by due: A1,A4(at the minute),A5,A6,A9
    assert fraction(appeals.on_time_rate(metric_conn, YEAR)) == (5, 8)
    # due in Q3: A1,A2,A3,A4,A6 (due 07-01 00:00),A9 → on time A1,A4,A6,A9
    assert fraction(appeals.on_time_rate(metric_conn, Q3)) == (4, 6)


def test_on_time_rate_stops_at_today(metric_conn):
    # as of 09-29, A4 (due 09-30 18:00) is not due yet: due A1,A2,A3,A6,A9 → on time A1,A6,A9
    assert fraction(appeals.on_time_rate(metric_conn, replace(Q3, today=date(2026, 9, 29)))) == (3, 5)


def test_close_rate(metric_conn):
    # owed in 2026 as of today (8, as above); closed by today: all but A3 → 7/8
    assert fraction(appeals.close_rate(metric_conn, YEAR)) == (7, 8)
    # as of the end of 2026-10-10 A8 is due (10-10 18:00) but closed only on 10-11; A5 was closed 10-10 09:00:
    # owed A1,A2,A3,A4,A5,A6,A8,A9, closed A1,A2,A4,A5,A6,A9
    assert fraction(appeals.close_rate(metric_conn, replace(YEAR, today=date(2026, 10, 10)))) == (6, 8)


def test_response_rate_within_limit_of_those_whose_limit_passed(metric_conn):
    # received in 2026 with 24 h passed by the end of 10-15: all but A7 (received 10-15 09:00) → 8
    # contacted within 24 h: A1 (6 h), A2 (exactly 24 h), A5, A6, A8, A9; not A3 (24 h 1 min), A4 (never) → 6/8
    assert fraction(appeals.response_rate(metric_conn, YEAR, 24)) == (6, 8)
    # with a 5-hour limit A7's limit (10-15 14:00) has passed too → 9;
    # within 5 h: A5 (1 h), A6 (3 h), A7 (1 h), A8 (exactly 5 h), A9 (1 h); not A1 (6 h), A2 → 5/9
    assert fraction(appeals.response_rate(metric_conn, YEAR, 5)) == (5, 9)


def test_resolution_rate_by_revisit_date(metric_conn):
    # revisited in 2026 by today with a result: A1,A2,A4,A5,A6,A8,A9 (7); 已解决: A1,A4,A5,A6,A9 (5)
    assert fraction(appeals.resolution_rate(metric_conn, YEAR)) == (5, 7)
    # revisited in Q3: A1 (07-10), A2 (07-22), A6 (07-03), A9 (07-13) → 已解决 A1,A6,A9
    assert fraction(appeals.resolution_rate(metric_conn, Q3)) == (3, 4)


def test_satisfaction_strict_and_broad(metric_conn):
    # received in 2026 and rated: A1 5, A2 3, A4 4, A5 2, A6 5, A8 1 (6)
    strict = appeals.satisfaction_rate(metric_conn, YEAR)
    broad = appeals.satisfaction_rate(metric_conn, YEAR, strict=False)
    assert fraction(strict) == (3, 6)  # 5+4: A1, A4, A6
    assert fraction(broad) == (4, 6)  # 5+4+3: and A2
    assert "严格" in strict.label and "宽" in broad.label
    # received in Q3 and rated: A1 5, A2 3, A4 4, A5 2, A8 1 → strict A1, A4
    assert fraction(appeals.satisfaction_rate(metric_conn, Q3)) == (2, 5)


def test_repeat_rate_and_count(metric_conn):
    # received in 2026: A1..A9 (9); repeats A3, A5
    assert fraction(appeals.repeat_rate(metric_conn, YEAR)) == (2, 9)
    assert appeals.appeal_count(metric_conn, YEAR) == 9
    # received in Q3: A1,A2,A3,A4,A5,A8,A9 (A6 in June, A7 in October)
    assert appeals.appeal_count(metric_conn, Q3) == 7


def test_three_rate(metric_conn):
    # 0.30·(6/8) + 0.35·(5/7) + 0.35·(3/6) = 0.225 + 0.25 + 0.175 = 0.65
    assert appeals.three_rate(metric_conn, YEAR, WEIGHTS, 24) == pytest.approx(0.65)


def test_three_rate_reweights_a_rate_without_data(metric_conn):
    # 市税务局 in Q3: response A3 ✗, A4 ✗, A8 ✓ → 1/3; no revisit in Q3; satisfaction A4 4, A8 1 → 1/2
    # (0.30·1/3 + 0.35·1/2) ÷ (0.30 + 0.35) = 0.275 / 0.65
    scope = replace(Q3, department_names=(D2,))
    assert appeals.three_rate(metric_conn, scope, WEIGHTS, 24) == pytest.approx(0.275 / 0.65)
    assert appeals.three_rate(metric_conn, replace(Q3, start=date(2030, 1, 1), end=None), WEIGHTS, 24) is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # 淮川区 with its park 淮川经开区: region HC01 or park HCP1: A1, A2, A5, A6, A9
        ({"region_codes": ("HC01",)}, 5),
        # the park alone: A2, A6
        ({"region_codes": ("HCP1",)}, 2),
        # 东湖区: A3, A4, A7, A8; its park 东湖工业园: A4, A8
        ({"region_codes": ("HC02",)}, 4),
        ({"region_codes": ("HCP3",)}, 2),
        ({"region_codes": ("HCP1", "HCP3")}, 4),
        # the city code takes in its counties
        ({"region_codes": ("HC",)}, 9),
        # 市税务局: A3, A4, A8
        ({"department_names": (D2,)}, 3),
        # 行政审批提速 = 市数据资源局 + 市住房城乡建设局: A1, A2, A5, A6, A7, A9
        ({"action_group": "行政审批提速"}, 6),
        # 行政审批提速 in 淮川区: A1, A2, A5, A6, A9
        ({"action_group": "行政审批提速", "region_codes": ("HC01",)}, 5),
        ({"action_group": "资源要素保障"}, 0),
    ],
)
def test_filters(metric_conn, filters, expected):
    assert appeals.appeal_count(metric_conn, replace(YEAR, **filters)) == expected


def test_on_time_rate_in_a_region(metric_conn):
    # 淮川区 incl. park, owed in 2026 as of today: A1, A2, A6, A9 and A5 (closed before its due time) → on time
    # A1, A5, A6, A9
    assert fraction(appeals.on_time_rate(metric_conn, replace(YEAR, region_codes=("HC01",)))) == (4, 5)


def test_appeals_by_region(metric_conn):
    frame = appeals.appeals_by(metric_conn, YEAR, "region")
    assert list(frame.columns) == ["name", "received", "due", "closed_on_time", "on_time_rate", "satisfaction_rate"]
    rows = {row.name: row for row in frame.itertuples(index=False)}
    assert list(frame["name"]) == ["淮川区", "东湖区"]  # 5 received before 4
    # 淮川区: received A1,A2,A5,A6,A9; owed the same five; on time A1,A5,A6,A9; rated A1 5,A2 3,A5 2,A6 5 → 2/4
    h = rows["淮川区"]
    assert (h.received, h.due, h.closed_on_time) == (5, 5, 4)
    assert (h.on_time_rate, h.satisfaction_rate) == (pytest.approx(0.8), pytest.approx(0.5))
    # 东湖区: received A3,A4,A7,A8; due A3,A4,A8; on time A4; rated A4 4, A8 1 → 1/2
    e = rows["东湖区"]
    assert (e.received, e.due, e.closed_on_time) == (4, 3, 1)
    assert (e.on_time_rate, e.satisfaction_rate) == (pytest.approx(1 / 3), pytest.approx(0.5))


def test_appeals_by_department_uses_each_date_for_its_own_count(metric_conn):
    frame = appeals.appeals_by(metric_conn, Q3, "department")
    # 市数据资源局: received A1,A2,A9; due A1,A2,A9 → on time A1,A9; rated A1 5, A2 3 → 1/2
    # 市税务局: received A3,A4,A8; due A3,A4 (A8 due in October) → on time A4; rated A4 4, A8 1 → 1/2
    # 市住房城乡建设局: received A5; due A6 (received in June, due 07-01) → 1/1; rated A5 2 → 0/1
    assert frame.to_dict("records") == [
        {"name": "市数据资源局", "received": 3, "due": 3, "closed_on_time": 2, "on_time_rate": pytest.approx(2 / 3),
         "satisfaction_rate": 0.5},
        {"name": "市税务局", "received": 3, "due": 2, "closed_on_time": 1, "on_time_rate": 0.5,
         "satisfaction_rate": 0.5},
        {"name": "市住房城乡建设局", "received": 1, "due": 1, "closed_on_time": 1, "on_time_rate": 1.0,
         "satisfaction_rate": 0.0},
    ]  # fmt: skip


def test_appeals_by_category_and_channel(metric_conn):
    category = appeals.appeals_by(metric_conn, YEAR, "category")
    # 政策咨询 A1,A3,A8,A9; 审批服务 A2,A5; 要素保障 A4,A6; no category A7
    assert list(zip(category["name"], category["received"], strict=True)) == [
        ("政策咨询", 4),
        ("审批服务", 2),
        ("要素保障", 2),
        ("未填写", 1),
    ]
    factors = category.set_index("name").loc["要素保障"]
    # 要素保障: due A4, A6 both on time; rated A4 4, A6 5
    assert (factors["on_time_rate"], factors["satisfaction_rate"]) == (1.0, 1.0)
    unnamed = category.set_index("name").loc["未填写"]
    # A7: nothing due, not rated → NaN, not 0
    assert math.isnan(unnamed["on_time_rate"]) and math.isnan(unnamed["satisfaction_rate"])
    channel = appeals.appeals_by(metric_conn, YEAR, "channel")
    # 亲清观察员 A2,A4,A6,A8,A9; 12345 A1,A3,A7; 政企互动平台 A5
    assert dict(zip(channel["name"], channel["received"], strict=True)) == {
        "亲清观察员": 5,
        "12345": 3,
        "政企互动平台": 1,
    }


def test_appeals_by_rejects_unknown_dimension(metric_conn):
    with pytest.raises(ValueError, match="未知维度"):
        appeals.appeals_by(metric_conn, YEAR, "enterprise")


def test_monthly_trend(metric_conn):
    frame = appeals.monthly_trend(metric_conn, YEAR)
    # received: 06 A6; 07 A1,A2,A9; 08 A3,A4; 09 A5,A8; 10 A7
    # closed (by today): 06 A6; 07 A1,A9,A2; 08 none; 09 A4; 10 A5,A8
    # owed as of today: 07 A6,A1,A9,A2 → 3/4 on time; 08 A3 → 0/1; 09 A4 → 1/1; 10 A8 late, A5 (due 10-20)
    # closed early → 1/2; 06 none → NaN
    assert list(frame["month"]) == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    assert list(frame["received"]) == [1, 3, 2, 2, 1]
    assert list(frame["closed"]) == [1, 3, 0, 1, 2]
    assert math.isnan(frame["on_time_rate"][0])
    assert list(frame["on_time_rate"][1:]) == [0.75, 0.0, 1.0, 0.5]


def test_observer_leads(metric_conn):
    leads = appeals.observer_leads(metric_conn, YEAR)
    # 亲清观察员 in 2026: A2, A4, A6, A8, A9; 已解决 A4, A6, A9; of those rated A4 4, A6 5 → both satisfied
    assert (leads.leads, leads.solved) == (5, 3)
    assert fraction(leads.rate) == (3, 5)
    assert fraction(leads.satisfaction) == (2, 2)
    q3 = appeals.observer_leads(metric_conn, Q3)
    # Q3: A2, A4, A8, A9; solved A4, A9; rated among them A4 4 → 1/1
    assert (q3.leads, q3.solved, fraction(q3.satisfaction)) == (4, 2, (1, 1))


def test_latest_closed_has_no_personal_columns(metric_conn):
    frame = appeals.latest_closed(metric_conn, YEAR, limit=3)
    assert list(frame.columns) == [
        "ticket_no",
        "enterprise",
        "region",
        "department",
        "category",
        "closed_at",
        "satisfaction",
    ]
    # closed by today, newest first: A8 10-11, A5 10-10, A4 09-30
    assert list(frame["ticket_no"]) == ["A8", "A5", "A4"]
    first = frame.iloc[0]
    assert (first["enterprise"], first["region"], first["department"], first["category"]) == (
        "东湖丁物流有限公司",
        "东湖区",
        D2,
        "政策咨询",
    )
    assert first["closed_at"] == datetime(2026, 10, 11, 9, 0) and first["satisfaction"] == 1
    # as of 10-10, A8 is not closed yet
    earlier = appeals.latest_closed(metric_conn, replace(ALL, today=date(2026, 10, 10)), limit=2)
    assert list(earlier["ticket_no"]) == ["A5", "A4"]
