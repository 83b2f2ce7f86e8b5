"""The project red / yellow / green rule (DESIGN §4) at its edges, progress measures, and the project board read from
tests/fixtures_metrics.py (P1–P6, as of 2026-10-15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from config import RagRule
from data.metrics import projects
from data.metrics.projects import MilestoneFact, OverdueMilestone, ProgressFact, project_rag
from tests.fixtures_metrics import ALL, D2, YEAR

RULE = RagRule()
T = date(2026, 6, 15)
LATER = date(2026, 12, 31)


def M(name, planned_on, weight=None, done_on=None):
    return MilestoneFact(name, planned_on, weight, done_on)


def rag(milestones, *, today=T, planned_start=date(2026, 1, 1), actual_start=date(2026, 1, 5), **kw):
    return project_rag(
        milestones,
        today=today,
        planned_start=planned_start,
        actual_start=actual_start,
        is_blocked=kw.pop("is_blocked", False),
        rule=RULE,
        **kw,
    )


def late_by(days):
    # a small milestone (5 % of the weight, so the gap is only 5 points) that is `days` late
    return [M("土建完工", T - timedelta(days=days), 0.05), M("验收", LATER, 0.95)]


@pytest.mark.parametrize(
    ("milestones", "gap", "status"),
    [
        # expected 0.1 (planned today), actual 0 → exactly 10 points: not more than 10
        ([M("a", T, 0.1), M("b", LATER, 0.9)], 10.0, "green"),
        # (0.01 + 0.07) ÷ 0.80 × 100 = 10.000000000000002 in floats → rounded to 10
        ([M("a", T, 0.01), M("b", T, 0.07), M("c", LATER, 0.72)], 10.0, "green"),
        ([M("a", T, 0.11), M("b", LATER, 0.89)], 11.0, "yellow"),
        # exactly 30 points: yellow, not red
        ([M("a", T, 0.3), M("b", LATER, 0.7)], 30.0, "yellow"),
        # 0.1 + 0.2 = 0.30000000000000004 → 30.000000000000004 points in floats → rounded to 30: still yellow
        ([M("a", T, 0.1), M("b", T, 0.2), M("c", LATER, 0.7)], 30.0, "yellow"),
        ([M("a", T, 0.31), M("b", LATER, 0.69)], 31.0, "red"),
        # done milestones count: expected 0.6 + 0.2, actual 0.6 → 20
        ([M("a", date(2026, 6, 1), 0.6, date(2026, 5, 30)), M("b", T, 0.2), M("c", LATER, 0.2)], 20.0, "yellow"),
        # weights missing = equal shares: 1 of 3 planned, none done → 33.333333 points
        ([M("a", T), M("b", LATER), M("c", LATER)], 33.333333, "red"),
        # no milestones at all: nothing expected
        ([], 0.0, "green"),
    ],
)  # fmt: skip
def test_gap_thresholds(milestones, gap, status):
    result = rag(milestones)
    assert (result.gap, result.status) == (gap, status)
    assert result.word == {"red": "受阻", "yellow": "相对迟缓", "green": "进展顺利"}[status]


@pytest.mark.parametrize(
    ("days", "status"),
    [(7, "green"), (8, "yellow"), (30, "yellow"), (31, "red")],
)
def test_late_thresholds(days, status):
    result = rag(late_by(days))
    assert (result.gap, result.late_days, result.status) == (5.0, days, status)
    assert result.first_overdue == OverdueMilestone("土建完工", T - timedelta(days=days), days)


def test_reasons_name_the_gap_and_the_overdue_milestone():
    # expected 0.30 + 0.12 = 0.42, actual 0.30 → 12 points; 土建完工 planned 06-06 → 9 days late on 06-15
    result = rag([M("方案", date(2026, 5, 1), 0.3, date(2026, 4, 30)), M("土建完工", date(2026, 6, 6), 0.12),
                  M("验收", LATER, 0.58)])  # fmt: skip
    assert result.status == "yellow"
    assert result.reasons == ("落后序时进度 12 个百分点", "节点「土建完工」逾期 9 天")


def test_first_overdue_is_the_earliest_open_milestone_past_due():
    result = rag(
        [
            M("c", date(2026, 5, 10), 0.1, date(2026, 5, 9)),  # done: not a 卡点
            M("b", date(2026, 6, 1), 0.1),
            M("a", date(2026, 5, 1), 0.1, date(2026, 6, 20)),  # done only after today: still open
            M("d", T, 0.7),  # due today: not late yet
        ]
    )
    assert result.first_overdue == OverdueMilestone("a", date(2026, 5, 1), 45)
    assert result.late_days == 45 and result.status == "red"


def test_blocked_is_red_with_its_reason():
    result = rag([M("a", LATER, 1.0)], is_blocked=True, blocked_reason="征地未完成")
    assert (result.status, result.word, result.gap) == ("red", "受阻", 0.0)
    assert result.reasons == ("项目受阻：征地未完成",)


@pytest.mark.parametrize(
    ("planned_start", "today", "status"),
    [
        (date(2026, 5, 20), date(2026, 5, 31), "green"),  # still in the planned start month
        (date(2026, 5, 20), date(2026, 6, 1), "yellow"),  # after the planned start month
        (date(2026, 3, 15), date(2026, 6, 14), "yellow"),  # a day short of 3 months
        (date(2026, 3, 15), date(2026, 6, 15), "red"),  # 3 months after the planned start
        (date(2025, 11, 30), date(2026, 2, 27), "yellow"),
        (date(2025, 11, 30), date(2026, 2, 28), "red"),  # Nov 30 + 3 months = Feb 28
        (date(2026, 7, 1), date(2026, 6, 15), "green"),  # not due to start yet
    ],
)
def test_not_started(planned_start, today, status):
    result = rag([M("a", date(2027, 1, 1), 1.0)], today=today, planned_start=planned_start, actual_start=None)
    assert result.status == status
    if status == "yellow":
        assert result.reasons == (f"计划 {planned_start} 开工，至今未开工",)
    if status == "red":
        assert result.reasons == (f"计划 {planned_start} 开工，超过 3 个月仍未开工",)


def test_started_by_actual_start_or_a_done_milestone():
    ms = [M("a", date(2027, 1, 1), 1.0)]
    assert rag(ms, planned_start=date(2026, 3, 1), actual_start=date(2026, 3, 2)).status == "green"
    # an actual start after today has not happened yet
    assert rag(ms, planned_start=date(2026, 3, 1), actual_start=date(2026, 6, 20)).status == "red"
    done = [M("a", date(2026, 3, 31), 0.1, date(2026, 3, 30)), M("b", date(2027, 1, 1), 0.9)]
    assert rag(done, planned_start=date(2026, 3, 1), actual_start=None).status == "green"


def test_manual_override_replaces_status_and_keeps_reasons():
    result = rag(
        [M("a", LATER, 1.0)],
        is_blocked=True,
        blocked_reason="征地未完成",
        override_status="green",
        override_reason="已协调，下周复工",
    )
    assert (result.status, result.word, result.is_override) == ("green", "进展顺利", True)
    assert result.computed_status == "red"
    assert result.reasons == ("项目受阻：征地未完成",)
    assert result.override_reason == "已协调，下周复工"
    assert rag([M("a", LATER, 1.0)], is_blocked=True, override_status="相对迟缓").status == "yellow"
    assert rag([M("a", LATER, 1.0)]).is_override is False


def test_unrecognised_override_is_shown_not_applied():
    result = rag([M("a", LATER, 1.0)], is_blocked=True, override_status="紫色")
    assert (result.status, result.is_override) == ("red", False)
    assert result.reasons[-1] == "人工认定状态「紫色」无法识别，按计算结果显示"


def test_normalised_weights():
    # the missing weight takes the mean of the given ones (0.4): 0.5, 0.4, 0.3 over 1.2
    assert projects.normalised_weights([M("a", T, 0.5), M("b", T), M("c", T, 0.3)]) == pytest.approx(
        [0.5 / 1.2, 0.4 / 1.2, 0.3 / 1.2]
    )
    assert projects.normalised_weights([M("a", T, 0.0), M("b", T, 0.0)]) == [0.5, 0.5]
    assert projects.normalised_weights([]) == []


def test_add_months_clips_to_the_month_length():
    assert projects.add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert projects.add_months(date(2026, 10, 31), 3) == date(2027, 1, 31)


def test_time_progress():
    # 2026-01-01 → 2026-07-02 is 182 days of the plan's 364
    assert projects.time_progress(date(2026, 1, 1), date(2026, 12, 31), date(2026, 7, 2)) == 0.5
    # no planned start: counted from January 1 of the end year
    assert projects.time_progress(None, date(2026, 12, 31), date(2026, 7, 2)) == 0.5
    assert projects.time_progress(date(2026, 3, 1), date(2026, 12, 31), date(2026, 1, 1)) == 0.0
    assert projects.time_progress(date(2026, 3, 1), date(2026, 12, 31), date(2027, 3, 1)) == 1.0


def test_investment_completion():
    reports = [ProgressFact("2026-08", 400.0), ProgressFact("2026-09", 500.0), ProgressFact("2026-11", 900.0)]
    # latest report up to October: September's 500 of 1000 planned
    assert projects.investment_completion(1000.0, reports, date(2026, 10, 15)) == 0.5
    assert projects.investment_completion(1000.0, reports, date(2026, 11, 1)) == 0.9
    assert projects.investment_completion(None, reports, date(2026, 10, 15)) is None
    assert projects.investment_completion(1000.0, [ProgressFact("2026-09", None)], date(2026, 10, 15)) is None


def test_milestone_progress():
    ms = [M("a", T, 0.2, date(2026, 3, 25)), M("b", T, 0.5, date(2026, 7, 1)), M("c", LATER, 0.3)]
    # done by 06-15: a (0.2); by 07-01: a + b
    assert projects.milestone_progress(ms, T) == pytest.approx(0.2)
    assert projects.milestone_progress(ms, date(2026, 7, 1)) == pytest.approx(0.7)


def test_board(metric_conn):
    board = projects.project_board(metric_conn, YEAR, RULE)
    # plans overlapping 2026: P1–P5 (P6 ended 2025); red P1 (50 points behind), P3 (not started 3 months after
    # 07-01); yellow P4 (override of blocked), P5 (not started after September); green P2
    assert [(p.project_no, p.rag.status) for p in board] == [
        ("P1", "red"),
        ("P3", "red"),
        ("P4", "yellow"),
        ("P5", "yellow"),
        ("P2", "green"),
    ]
    p1 = board[0]
    assert (p1.name, p1.kind, p1.department, p1.region) == ("企业服务中心改造", "为企办实事", "市数据资源局", "淮川区")
    # expected 0.2 + 0.5 (土建完工 due 09-30), done 0.2 → 50 points; 土建完工 15 days late
    assert (p1.rag.gap, p1.rag.late_days) == (50.0, 15)
    assert p1.rag.first_overdue == OverdueMilestone("土建完工", date(2026, 9, 30), 15)
    assert p1.rag.reasons == ("落后序时进度 50 个百分点", "节点「土建完工」逾期 15 天")
    # 287 of 364 days elapsed; September's report: 500 of 1000; done 0.2
    assert p1.time_progress == pytest.approx(287 / 364)
    assert p1.investment_completion == 0.5
    assert p1.milestone_progress == pytest.approx(0.2)
    p4 = next(p for p in board if p.project_no == "P4")
    assert (p4.rag.is_override, p4.rag.computed_status, p4.rag.reasons) == (True, "red", ("项目受阻：征地拆迁未完成",))
    p2 = board[-1]
    # three unweighted milestones, two done → 2/3; no investment plan
    assert p2.milestone_progress == pytest.approx(2 / 3) and p2.investment_completion is None
    assert p2.region == "东湖区"


def test_board_filters(metric_conn):
    # 淮川区 incl. its park, kind 为企办实事: P1 (red), P3 (in 淮川经开区, red), P5 (yellow)
    in_district = projects.project_board(metric_conn, replace(YEAR, region_codes=("HC01",)), RULE, kind="为企办实事")
    assert [p.project_no for p in in_district] == ["P1", "P3", "P5"]
    # no period: P6 (2025, all done) comes back, green
    assert [p.project_no for p in projects.project_board(metric_conn, ALL, RULE)][-1] == "P6"


def test_rag_counts(metric_conn):
    # 为企办实事 in 2026: P1 red, P3 red, P5 yellow, P2 green (P4 is a 重点项目)
    assert projects.rag_counts(metric_conn, YEAR, RULE) == {"red": 2, "yellow": 1, "green": 1}
    assert projects.rag_counts(metric_conn, YEAR, RULE, kind=None) == {"red": 2, "yellow": 2, "green": 1}
    # 市税务局: P2 green, P5 yellow
    assert projects.rag_counts(metric_conn, replace(YEAR, department_names=(D2,)), RULE) == {
        "red": 0,
        "yellow": 1,
        "green": 1,
    }
    # 行政审批提速 (市数据资源局, 市住房城乡建设局): P1, P3
    assert projects.rag_counts(metric_conn, replace(YEAR, action_group="行政审批提速"), RULE) == {
        "red": 2,
        "yellow": 0,
        "green": 0,
    }
    # with a laxer rule (yellow above 60 points behind, red above 80) P1's 50 points are no longer red;
    # 15 days late is still more than 7: yellow. Red is P3 alone.
    lenient = RagRule(gap_yellow_points=60, gap_red_points=80)
    assert projects.rag_counts(metric_conn, YEAR, lenient) == {"red": 1, "yellow": 2, "green": 1}
