"""营商环境评价 against tests/fixtures_metrics.py: overall rank 16 → 12 → 10 → 6 (2025Q4–2026Q3) and four areas
inserted out of framework order (开办企业 1, 获得电力 2, 纳税 3, 政务服务 4)."""

from __future__ import annotations

import pandas as pd

from data.metrics import evaluation


def test_rank_movement():
    assert evaluation.rank_movement(16, 12) == 4  # moved up four places
    assert evaluation.rank_movement(6, 9) == -3
    assert evaluation.rank_movement(None, 9) is None


def test_overall_ranks(metric_conn):
    frame = evaluation.overall_ranks(metric_conn)
    assert list(frame["period"]) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert list(frame["rank"]) == [16, 12, 10, 6]
    # 16 − 12, 12 − 10, 10 − 6; nothing before the first
    assert frame["movement"].tolist() == [pd.NA, 4, 2, 4]
    assert set(frame["n_cities"]) == {16}


def test_area_table_latest(metric_conn):
    frame = evaluation.area_table(metric_conn)
    assert frame.attrs == {"period": "2026Q3", "previous_period": "2026Q2"}
    assert list(frame["name"]) == ["开办企业", "获得电力", "纳税", "政务服务"]
    # 开办企业 5 → 3 (+2), 获得电力 10 → 12 (−2), 纳税 8 → 14 (−6); 政务服务 has no 2026Q3 result
    assert frame["rank"].tolist() == [3, 12, 14, pd.NA]
    assert frame["previous_rank"].tolist() == [5, 10, 8, 4]
    assert frame["movement"].tolist() == [2, -2, -6, pd.NA]
    assert frame["score"].tolist()[:3] == [88.0, 68.0, 60.0]
    assert pd.isna(frame["score"].iloc[3])


def test_area_table_of_a_given_period(metric_conn):
    frame = evaluation.area_table(metric_conn, "2026Q2")
    # previous period with area results: 2026Q1, where only 开办企业 was ranked (7 → 5)
    assert frame.attrs["previous_period"] == "2026Q1"
    assert frame["movement"].tolist() == [2, pd.NA, pd.NA, pd.NA]


def test_weakest_areas(metric_conn):
    # worst rank first among ranked areas: 纳税 14, 获得电力 12, 开办企业 3
    assert list(evaluation.weakest_areas(metric_conn, n=2)["name"]) == ["纳税", "获得电力"]
    assert list(evaluation.weakest_areas(metric_conn)["name"]) == ["纳税", "获得电力", "开办企业"]


def test_key_ranks_are_a_ranking_not_an_area(metric_conn):
    key = evaluation.key_ranks(metric_conn)
    assert key[["period", "rank"]].values.tolist() == [["2026Q2", 9], ["2026Q3", 5]]
    assert key["movement"].tolist()[1] == 4 and evaluation.rank_trend(key) == "9→5"
    assert "重点指标领域" not in set(evaluation.area_table(metric_conn)["name"])
    assert evaluation.rank_trend(evaluation.overall_ranks(metric_conn)) == "16→12→10→6"
