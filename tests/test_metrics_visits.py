"""驻企走访 metrics against values worked out by hand on tests/fixtures_metrics.py (cadres C1–C4, visits V1–V6).

Assignments: C1 (淮川区, 市数据资源局) → E1, E2; C2 (淮川区, 市税务局) → E1; C3 (淮川经开区, 市住房城乡建设局) → E2;
C4 (东湖区, 市税务局) → E3, E4.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from data.metrics import visits
from tests.fixtures_metrics import ALL, D2, Q3, YEAR


def fraction(rate):
    return rate.numerator, rate.denominator


def test_coverage(metric_conn):
    # assigned: E1, E2, E3, E4; visited in 2026 by today: E1 (V1, V2, V5), E2 (V3), E3 (V4) — V6 is after today
    assert fraction(visits.visit_coverage(metric_conn, YEAR)) == (3, 4)
    # in Q3: E1, E2 (E3 was visited in June)
    assert fraction(visits.visit_coverage(metric_conn, Q3)) == (2, 4)


def test_coverage_filters(metric_conn):
    # 淮川区 incl. its park: C1, C2, C3 → assigned E1, E2, both visited
    assert fraction(visits.visit_coverage(metric_conn, replace(YEAR, region_codes=("HC01",)))) == (2, 2)
    # 市税务局: C2 (E1), C4 (E3, E4) → visited E1, E3
    assert fraction(visits.visit_coverage(metric_conn, replace(YEAR, department_names=(D2,)))) == (2, 3)


def test_problem_resolution_rate(metric_conn):
    # 2026 by today: V1..V5 collected 3+1+2+4+1 = 11, solved 2+1+1+4+0 = 8
    assert fraction(visits.problem_resolution_rate(metric_conn, YEAR)) == (8, 11)
    # Q3: V1, V2, V3, V5 → 7 collected, 4 solved
    assert fraction(visits.problem_resolution_rate(metric_conn, Q3)) == (4, 7)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 4),
        ({"region_codes": ("HC01",)}, 3),  # C1, C2, C3 (in the park)
        ({"region_codes": ("HCP1",)}, 1),  # C3
        ({"region_codes": ("HC",)}, 4),  # the city: its counties and their parks
        ({"department_names": (D2,)}, 2),  # C2, C4
        ({"action_group": "行政审批提速"}, 2),  # C1 (市数据资源局), C3 (市住房城乡建设局)
    ],
)
def test_cadre_count(metric_conn, filters, expected):
    assert visits.cadre_count(metric_conn, replace(ALL, **filters)) == expected


def test_visits_by_region(metric_conn):
    frame = visits.visits_by_region(metric_conn, YEAR)
    # 淮川区: C1, C2; assigned E1, E2; both visited; problems of C1's V1, V2 (C2's V6 is after today): 4 / 3
    # 东湖区: C4; assigned E3, E4; E3 visited; C4's V4, V5: 5 collected, 4 solved
    # 淮川经开区: C3; assigned E2, visited; V3: 2 / 1
    assert frame.to_dict("records") == [
        {"region": "淮川区", "cadres": 2, "enterprises_assigned": 2, "enterprises_visited": 2, "coverage": 1.0,
         "collected": 4, "solved": 3},
        {"region": "东湖区", "cadres": 1, "enterprises_assigned": 2, "enterprises_visited": 1, "coverage": 0.5,
         "collected": 5, "solved": 4},
        {"region": "淮川经济技术开发区", "cadres": 1, "enterprises_assigned": 1, "enterprises_visited": 1,
         "coverage": 1.0, "collected": 2, "solved": 1},
    ]  # fmt: skip


def test_visits_by_region_with_no_visits_in_period(metric_conn):
    frame = visits.visits_by_region(metric_conn, replace(YEAR, start=YEAR.end, region_codes=("HC02",)))
    # 东湖区 on 12-31 only: nobody visited, nothing collected; coverage 0 of 2, not NaN
    row = frame.iloc[0]
    assert (row["region"], row["enterprises_visited"], row["collected"], row["coverage"]) == ("东湖区", 0, 0, 0.0)
    assert not math.isnan(row["coverage"])


@pytest.mark.parametrize(
    ("days", "expected", "by_region"),
    [
        # as of 2026-10-15 the last visits up to today: E1 08-05 (V2; V6 is after today), E2 09-10, E3 06-15, E4 never
        # 60 days: visited after 08-16 counts as recent — only E2
        (60, (3, 4), {"淮川区": 1, "淮川经济技术开发区": 0, "东湖区": 2}),
        # 30 days: after 09-15 — none
        (30, (4, 4), {"淮川区": 2, "淮川经济技术开发区": 1, "东湖区": 2}),
        # 36 days: after 09-09 — E2 again (its visit of 09-10 is 35 days ago)
        (36, (3, 4), {"淮川区": 1, "淮川经济技术开发区": 0, "东湖区": 2}),
    ],
)
def test_enterprises_not_visited_in_n_days(metric_conn, days, expected, by_region):
    # the period does not apply: it is the grid's state as of today
    for scope in (ALL, Q3):
        assert fraction(visits.unvisited_enterprises(metric_conn, scope, days)) == expected
    grid = visits.visits_by_region(metric_conn, Q3, unvisited_days=days)
    assert dict(zip(grid["region"], grid["unvisited"], strict=True)) == by_region
    assert "unvisited" not in visits.visits_by_region(metric_conn, Q3).columns
    # 东湖区 only: C4's E3, E4
    dong_hu = replace(ALL, region_codes=("HC02",))
    assert fraction(visits.unvisited_enterprises(metric_conn, dong_hu, days)) == (2, 2)
