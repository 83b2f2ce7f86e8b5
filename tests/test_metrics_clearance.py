"""清障 metrics against values worked out by hand on tests/fixtures_metrics.py (issues I1–I8, as of 2026-10-15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from data.metrics import clearance
from tests.fixtures_metrics import ALL, D1, D2, D3, Q3, YEAR


def fraction(rate):
    return rate.numerator, rate.denominator


def test_close_rate(metric_conn):
    # closed by today: I1, I2, I5, I7 (I8 closes 10-20, after today) of 8 issues
    rate = clearance.clearance_close_rate(metric_conn, ALL)
    assert fraction(rate) == (4, 8) and rate.percent == 50.0
    # found in 2026: all but I7 (found 2025-12) → 7; closed I1, I2, I5
    assert fraction(clearance.clearance_close_rate(metric_conn, YEAR)) == (3, 7)
    # as of 10-20 I8 is closed too
    assert fraction(clearance.clearance_close_rate(metric_conn, replace(ALL, today=date(2026, 10, 20)))) == (5, 8)


def test_on_schedule_close_rate(metric_conn):
    # due by today: I1, I2, I4, I5, I6, I7, I8 (I3 due 12-31); closed on or before due: I1, I5 (same day), I7
    assert fraction(clearance.on_schedule_close_rate(metric_conn, ALL)) == (3, 7)
    # due in Q3: I4 (08-31), I5 (07-15), I6 (09-20), I8 (09-14) → only I5
    assert fraction(clearance.on_schedule_close_rate(metric_conn, Q3)) == (1, 4)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # 淮川区 with its park: I1, I2 (in the park), I6, I7 → closed I1, I2, I7
        ({"region_codes": ("HC01",)}, (3, 4)),
        ({"region_codes": ("HCP1",)}, (1, 1)),
        # 行政审批提速: own group I1, I3, I7; no own group, department's group: I2 (市数据资源局), I6 (市住房城乡建设局)
        # → I1, I2, I3, I6, I7; closed I1, I2, I7. I3 belongs here although 市税务局 is in 惠企政策落地.
        ({"action_group": "行政审批提速"}, (3, 5)),
        # 惠企政策落地: I4 (市税务局's group), I5, I8 → closed I5
        ({"action_group": "惠企政策落地"}, (1, 3)),
        # 市税务局: I3, I4, I8, none closed by today
        ({"department_names": (D2,)}, (0, 3)),
        ({"department_names": (D1, D3)}, (4, 5)),
    ],
)
def test_close_rate_filters(metric_conn, filters, expected):
    assert fraction(clearance.clearance_close_rate(metric_conn, replace(ALL, **filters))) == expected


def test_funnel(metric_conn):
    # all 8; with a rectification type: all but I4; closed by today: I1, I2, I5, I7
    assert clearance.clearance_funnel(metric_conn, ALL) == {"全量问题清单": 8, "分类整改清单": 7, "逐批销号清单": 4}
    # found in Q3: I5, I6, I8 → all classified; closed I5
    assert clearance.clearance_funnel(metric_conn, Q3) == {"全量问题清单": 3, "分类整改清单": 3, "逐批销号清单": 1}


def test_batches(metric_conn):
    # closed by today: batch 1 I1, I7; batch 2 I2, I5; I8 (batch 3) closes after today
    frame = clearance.clearance_batches(metric_conn, ALL)
    assert frame.to_dict("records") == [{"batch": 1, "closed": 2}, {"batch": 2, "closed": 2}]
    later = clearance.clearance_batches(metric_conn, replace(ALL, today=date(2026, 10, 31)))
    assert list(later["batch"]) == [1, 2, 3]


def test_by_action_group(metric_conn):
    frame = clearance.clearance_by(metric_conn, ALL, "action_group")
    assert list(frame.columns) == ["name", "total", "closed", "close_rate", "overdue"]
    # 行政审批提速: I1, I2, I3, I6, I7; closed I1, I2, I7; open past due: I6 (I3 not due)
    # 惠企政策落地: I4, I5, I8; closed I5; open past due: I4, I8
    assert frame.to_dict("records") == [
        {"name": "行政审批提速", "total": 5, "closed": 3, "close_rate": 0.6, "overdue": 1},
        {"name": "惠企政策落地", "total": 3, "closed": 1, "close_rate": pytest.approx(1 / 3), "overdue": 2},
    ]


def test_by_department_region_and_type(metric_conn):
    department = clearance.clearance_by(metric_conn, ALL, "department")
    # 市数据资源局 I1, I2, I7 (all closed); 市税务局 I3, I4, I8 (overdue I4, I8); 市住房城乡建设局 I5, I6 (overdue I6)
    assert [tuple(r) for r in department[["name", "total", "closed", "overdue"]].itertuples(index=False)] == [
        (D1, 3, 3, 0),
        (D2, 3, 0, 2),
        (D3, 2, 1, 1),
    ]
    region = clearance.clearance_by(metric_conn, ALL, "region")
    # the row's own region: 淮川区 I1, I6, I7; 东湖区 I3, I4, I8; 淮川经开区 I2; 东湖工业园 I5
    assert dict(zip(region["name"], region["total"], strict=True)) == {
        "淮川区": 3,
        "东湖区": 3,
        "淮川经济技术开发区": 1,
        "东湖工业园": 1,
    }
    kinds = clearance.clearance_by(metric_conn, ALL, "rectify_type")
    # 立行立改 I1, I5, I8; 限期整改 I2, I6, I7; 长期攻坚 I3; none I4
    assert dict(zip(kinds["name"], kinds["total"], strict=True)) == {
        "立行立改": 3,
        "限期整改": 3,
        "长期攻坚": 1,
        "未填写": 1,
    }
    with pytest.raises(ValueError, match="未知维度"):
        clearance.clearance_by(metric_conn, ALL, "origin")


def test_overdue_issues(metric_conn):
    # open on 10-15 and past due: I4 (08-31, 45 days), I8 (09-14, 31 days), I6 (09-20, 25 days)
    frame = clearance.overdue_issues(metric_conn, ALL)
    assert list(zip(frame["issue_no"], frame["days_overdue"], strict=True)) == [("I4", 45), ("I8", 31), ("I6", 25)]
    assert list(frame["department"]) == [D2, D2, D3]
    # more than 30 days: I4, I8
    assert list(clearance.overdue_issues(metric_conn, ALL, more_than_days=30)["issue_no"]) == ["I4", "I8"]
    # as of 09-30: I4 is exactly 30 days late, not more
    assert clearance.overdue_issues(metric_conn, replace(ALL, today=date(2026, 9, 30)), more_than_days=30).empty
