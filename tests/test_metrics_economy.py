"""经济指标 against tests/fixtures_metrics.py: GDP 2026Q2/2026Q3, an industry growth rate by month and quarter,
investment for 2025, retail sales without a target, and a GDP row for 淮川区."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from data.metrics import economy
from tests.fixtures_metrics import ALL


def test_latest_period_of_each_indicator_for_the_city(metric_conn):
    frame = economy.econ_table(metric_conn, ALL)
    assert list(frame.columns) == ["metric", "region", "period", "value", "unit", "target", "completion", "yoy"]
    # the growth rate's latest is 2026-09 (ends 09-30), not 2026Q2, although '2026Q2' > '2026-09' as text
    assert list(zip(frame["metric"], frame["period"], strict=True)) == [
        ("地区生产总值", "2026Q3"),
        ("规上工业增加值增速", "2026-09"),
        ("固定资产投资", "2025"),
        ("社会消费品零售总额", "2026-09"),
    ]
    assert set(frame["region"]) == {"淮川市"}
    # 780 ÷ 1000; 7.2 ÷ 6.5; 300 ÷ 280; no target → NaN
    assert frame["completion"].tolist()[:3] == pytest.approx([0.78, 7.2 / 6.5, 300 / 280])
    assert math.isnan(frame["completion"].iloc[3])
    assert frame["yoy"].iloc[0] == 6.0


def test_given_period_and_region(metric_conn):
    q2 = economy.econ_table(metric_conn, ALL, period="2026Q2")
    # 500 ÷ 1000; 6.8 ÷ 6.5
    assert dict(zip(q2["metric"], q2["completion"], strict=True)) == pytest.approx(
        {"地区生产总值": 0.5, "规上工业增加值增速": 6.8 / 6.5}
    )
    district = economy.econ_table(metric_conn, replace(ALL, region_codes=("HC01",)))
    # 淮川区's own GDP: 200 ÷ 250
    assert district[["metric", "region", "value", "completion"]].to_dict("records") == [
        {"metric": "地区生产总值", "region": "淮川区", "value": 200.0, "completion": 0.8}
    ]
