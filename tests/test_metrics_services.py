"""一件事一次办 summary against values worked out by hand on tests/fixtures_metrics.py (services S1–S7).

已上线: S1 (2026-03-01), S2 (2026-08-01), S3 (2025-11-01), S5 (2026-10-20, after today), S6 (2026-09-15, no
"after" for materials and no trips); S4 建设中, S7 计划.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from data.metrics import services
from tests.fixtures_metrics import ALL, D1, Q3


def test_summary_of_the_current_year(metric_conn):
    summary = services.service_summary(metric_conn, ALL, year_target=50)
    # launched in 2026 by today: S1, S2, S6
    assert (summary.launched, summary.target) == (3, 50)
    assert (summary.completion.numerator, summary.completion.denominator) == (3, 50)
    # materials (10−4) + (8−3) = 11 (S6 has no after); days 4 + 7.5 + 2 = 13.5; trips 2 + 2 = 4
    assert (summary.materials_saved, summary.days_saved, summary.trips_saved) == (11, 13.5, 4)
    # 开办 S1, S2 both launched; 运营 S5, S6 → S6; 准营 S3 (2025), S4 → none; no stage S7
    assert summary.by_stage.to_dict("records") == [
        {"stage": "开办", "services": 2, "launched": 2},
        {"stage": "运营", "services": 2, "launched": 1},
        {"stage": "准营", "services": 2, "launched": 0},
        {"stage": "未分类", "services": 1, "launched": 0},
    ]


def test_summary_of_a_period_and_department(metric_conn):
    # Q3: S2 (08-01), S6 (09-15)
    assert services.service_summary(metric_conn, Q3, 50).launched == 2
    # 2025: S3 → materials 6 − 2
    last_year = replace(ALL, start=date(2025, 1, 1), end=date(2025, 12, 31))
    summary = services.service_summary(metric_conn, last_year, 50)
    assert (summary.launched, summary.materials_saved) == (1, 4)
    # 市数据资源局: S1, S2
    assert services.service_summary(metric_conn, replace(ALL, department_names=(D1,)), 50).launched == 2
