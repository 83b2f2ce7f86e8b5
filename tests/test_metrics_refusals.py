"""对企业说"不" metrics against values worked out by hand on tests/fixtures_metrics.py (refusals F1–F6).

F1 escalated before told, 维持; F2 escalated after told, 改为支持; F3 never escalated, no decision;
F4 escalated, not told yet, 协调办理; F5 escalated and told the same day, 指引; F6 (May) escalated first, 改为支持.
"""

from __future__ import annotations

from dataclasses import replace

from data.metrics import refusals
from tests.fixtures_metrics import D1, D2, Q3, YEAR


def fraction(rate):
    return rate.numerator, rate.denominator


def test_escalation_rate(metric_conn):
    # 2026: F1..F6; escalated before (or when) told: F1, F4, F5, F6
    assert fraction(refusals.refusal_escalation_rate(metric_conn, YEAR)) == (4, 6)
    # Q3: F1..F5 → F1, F4, F5
    assert fraction(refusals.refusal_escalation_rate(metric_conn, Q3)) == (3, 5)


def test_overturn_rate(metric_conn):
    # with a decision in 2026: F1, F2, F4, F5, F6; 改为支持 / 协调办理: F2, F4, F6
    assert fraction(refusals.refusal_overturn_rate(metric_conn, YEAR)) == (3, 5)
    # Q3: decided F1, F2, F4, F5 → F2, F4
    assert fraction(refusals.refusal_overturn_rate(metric_conn, Q3)) == (2, 4)
    # 市数据资源局 in Q3: F1 维持, F2 改为支持
    assert fraction(refusals.refusal_overturn_rate(metric_conn, replace(Q3, department_names=(D1,)))) == (1, 2)


def test_count_and_overturned_list(metric_conn):
    assert refusals.refusal_count(metric_conn, YEAR) == 6
    assert refusals.refusal_count(metric_conn, Q3) == 5
    frame = refusals.overturned_refusals(metric_conn, Q3)
    assert frame.to_dict("records") == [
        {"refusal_no": "F2", "department": D1, "decision": "改为支持"},
        {"refusal_no": "F4", "department": D2, "decision": "协调办理"},
    ]


def test_refusals_by_decision(metric_conn):
    # 2026: F1 维持; F2, F6 改为支持; F4 协调办理; F5 指引; F3 no decision yet
    frame = refusals.refusals_by_decision(metric_conn, YEAR)
    assert frame.values.tolist() == [["维持", 1], ["改为支持", 2], ["协调办理", 1], ["指引", 1], ["待复核", 1]]
    # 市数据资源局 in Q3: F1 维持, F2 改为支持 — the other decisions shown with 0, no 待复核
    frame = refusals.refusals_by_decision(metric_conn, replace(Q3, department_names=(D1,)))
    assert frame.values.tolist() == [["维持", 1], ["改为支持", 1], ["协调办理", 0], ["指引", 0]]
