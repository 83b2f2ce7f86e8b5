"""对标提升 measures, 为企服务专班, 清风行动 and the 一件事 services' origin and list, against values worked out by hand
on tests/fixtures_programmes.py (as of 2026-10-15 unless a test says otherwise)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Connection

from config import load_settings
from data.metrics import awards, cleanwind, reforms, services, squads
from data.metrics.projects import rag_rule_text
from tests.fixtures_metrics import ALL, D1, D2, D3, D4, Q3, TODAY, YEAR

SETTINGS = load_settings(environ={})
RULE = SETTINGS.rag


@pytest.fixture
def conn(programme_conn: Connection) -> Connection:
    return programme_conn


def _colours(board: list[reforms.MeasureStatus]) -> dict[str, str]:
    return {m.measure_no: m.rag.status for m in board}


def test_measures_are_lit_by_the_projects_rule(conn):
    board = reforms.reform_board(conn, YEAR, RULE)
    # M3 due 10-10 open (gap 100), M5 blocked, M8 due yesterday open → red; M4 not started after its start month →
    # yellow; M1, M2 (landed late, but landed), M6 (due and landed today), M7 (due tomorrow) → green. M9 is of 2025.
    assert _colours(board) == {
        "M3": "red",
        "M5": "red",
        "M8": "red",
        "M4": "yellow",
        "M1": "green",
        "M2": "green",
        "M6": "green",
        "M7": "green",
    }
    by_no = {m.measure_no: m for m in board}
    assert by_no["M3"].rag.reasons == ("落后序时进度 100 个百分点",)
    assert by_no["M3"].rag.late_days == 5
    assert by_no["M4"].rag.reasons == ("计划 2026-09-01 开工，至今未开工",)
    assert by_no["M5"].rag.word == "受阻"
    assert [(m.landed, m.on_time) for m in (by_no["M1"], by_no["M2"], by_no["M6"], by_no["M7"])] == [
        (True, True),
        (True, False),
        (True, True),
        (False, False),
    ]


def test_a_measure_turns_red_on_its_due_day_and_a_not_started_one_at_three_months():
    def rag(today: date, **kw):  # type: ignore[no-untyped-def]
        base = {"name": "x", "planned_on": date(2026, 10, 16), "done_on": None, "status": "推进中"}
        base.update(planned_start=None, actual_start=None, is_blocked=False)
        return reforms.measure_rag(**{**base, **kw}, today=today, rule=RULE).status

    assert rag(date(2026, 10, 15)) == "green"
    assert rag(date(2026, 10, 16)) == "red"  # due today and not landed: the rule counts it as behind
    assert rag(date(2026, 10, 16), done_on=date(2026, 10, 16)) == "green"
    not_started = {"status": "未启动", "planned_start": date(2026, 9, 1), "planned_on": date(2027, 3, 1)}
    assert rag(date(2026, 9, 30), **not_started) == "green"
    assert rag(date(2026, 10, 1), **not_started) == "yellow"
    assert rag(date(2026, 11, 30), **not_started) == "yellow"
    assert rag(date(2026, 12, 1), **not_started) == "red"  # planned start + 3 months


def test_summary_and_departments(conn):
    board = reforms.reform_board(conn, YEAR, RULE)
    summary = reforms.reform_summary(board, TODAY)
    # landed M1 M2 M6; on time M1 M6; due by today M1 M2 M3 M6 M8
    assert (summary.measures, summary.landed, summary.on_time, summary.due) == (8, 3, 2, 5)
    assert summary.colours == {"red": 3, "yellow": 1, "green": 4}
    # a red measure first, then a yellow one, then by name (供电公司 before 市住房城乡建设局)
    assert summary.by_department.to_dict("records") == [
        {"department": D2, "measures": 2, "landed": 0, "on_time": 0, "due": 1, "in_province": "滨江市",
         "out_of_province": "上海市", "red": 1, "yellow": 1, "green": 0},
        {"department": D4, "measures": 2, "landed": 0, "on_time": 0, "due": 1, "in_province": "青阳市",
         "out_of_province": "宁波市", "red": 1, "yellow": 0, "green": 1},
        {"department": D3, "measures": 2, "landed": 1, "on_time": 1, "due": 1, "in_province": "青阳市",
         "out_of_province": "苏州市", "red": 1, "yellow": 0, "green": 1},
        {"department": D1, "measures": 2, "landed": 2, "on_time": 1, "due": 2, "in_province": "青阳市",
         "out_of_province": "杭州市", "red": 0, "yellow": 0, "green": 2},
    ]  # fmt: skip
    # a department filter and a period that ends before most measures start
    assert [m.measure_no for m in reforms.reform_board(conn, replace(YEAR, department_names=(D4,)), RULE)] == [
        "M8",
        "M7",
    ]
    assert sorted(_colours(reforms.reform_board(conn, replace(YEAR, end=date(2026, 3, 31)), RULE))) == ["M1"]


def test_departments_that_landed_nothing_by_its_due_date(conn):
    frame = reforms.departments_without_landing(conn, YEAR, RULE)
    # D1 landed M1 on time; D3 landed M6 on its due day; D2 (M3) and D4 (M8) have nothing landed by the due date
    assert frame.to_dict("records") == [
        {"department": D4, "due": 1, "measures": ["M8"]},
        {"department": D2, "due": 1, "measures": ["M3"]},
    ]
    # the day before M8 fell due, D4 had nothing due yet
    earlier = replace(YEAR, today=date(2026, 10, 13))
    assert reforms.departments_without_landing(conn, earlier, RULE)["department"].tolist() == [D2]


def test_snail_cases_judge_a_department_on_its_year_so_far(conn):
    # Q3 alone holds only D1's late M2, but D1 landed M1 on time in June; D2's M3 fell due 10-10 and is open
    assert reforms.snail_cases(conn, Q3, RULE).to_dict("records") == [{"department": D2, "due": 1, "measures": ["M3"]}]
    assert reforms.departments_without_landing(conn, Q3, RULE)["department"].tolist() == [D1, D2]
    assert reforms.snail_cases(conn, YEAR, RULE)["department"].tolist() == [D4, D2]


def test_the_award_rule_takes_the_reform_case_when_configured(conn):
    case = "对标提升微改革措施到期 1 项均未按期落地（M3）"
    scores = awards.department_scores(conn, "2026Q4", SETTINGS, today=TODAY).set_index("department")
    assert case in scores.at[D2, "triggers"]
    assert "对标提升微改革措施到期 1 项均未按期落地（M8）" in scores.at[D4, "triggers"]
    assert not [t for t in scores.at[D1, "triggers"] if "对标提升" in t]
    # Q3 as of its last day: M3 and M8 were not due yet
    q3 = awards.department_scores(conn, "2026Q3", SETTINGS, today=TODAY)
    assert not [t for ts in q3["triggers"] for t in ts if "对标提升" in t]
    off = replace(SETTINGS, reform_snail_trigger=False)
    scores = awards.department_scores(conn, "2026Q4", off, today=TODAY)
    assert not [t for ts in scores["triggers"] for t in ts if "对标提升" in t]


def test_the_rule_text_names_the_configured_thresholds():
    red, yellow, green = rag_rule_text(replace(RULE, gap_red_points=25, late_yellow_days=5))
    assert red.startswith("红灯（受阻）") and "超过 25 个百分点" in red and "逾期超过 30 天" in red
    assert "逾期超过 5 天" in yellow and green.startswith("绿灯（进展顺利）")


def test_squad_performance(conn):
    frame = squads.squad_performance(conn, Q3).set_index("squad")
    # 金融: cases A2 A3 I5 = 3; solved I5 (A2 only 部分解决) = 1; due A2 A3 I5 = 3, on time I5 = 1;
    # days A2 07-10 09:00 → 07-20 10:00 = 10 1/24, I5 07-01 → 07-15 = 14
    assert frame.loc["金融专班", ["cases", "appeals", "issues", "solved", "due", "on_time"]].tolist() == [
        3,
        2,
        1,
        1,
        3,
        1,
    ]
    assert frame.at["金融专班", "on_time_rate"] == pytest.approx(1 / 3)
    assert frame.at["金融专班", "mean_days"] == pytest.approx((10 + 1 / 24 + 14) / 2)
    # 土地: cases A4 I6 = 2 (A6 and I2 came before Q3); solved A4; due A4, A6 (07-01 00:00) and I6; on time A4
    # (closed on the minute) and A6; days A4 08-15 09:00 → 09-30 18:00 = 46 9/24
    assert frame.loc["土地专班", ["cases", "appeals", "issues", "solved", "due", "on_time"]].tolist() == [
        2,
        1,
        1,
        1,
        3,
        2,
    ]
    assert frame.at["土地专班", "on_time_rate"] == pytest.approx(2 / 3)
    assert frame.at["土地专班", "mean_days"] == pytest.approx(46 + 9 / 24)
    assert frame.loc["法律专班", ["cases", "solved", "due"]].tolist() == [0, 0, 0]
    assert math.isnan(frame.at["法律专班", "on_time_rate"]) and math.isnan(frame.at["法律专班", "mean_days"])
    assert list(frame.index) == ["金融专班", "土地专班", "法律专班"]
    assert list(frame.columns) == squads.COLUMNS[1:]  # no department, member or contact column


def test_squad_performance_before_a_case_falls_due(conn):
    # as of 2026-07-16: A2 (due 07-17 18:00) is not due yet; I5, due 07-15, was closed that day (cases count by the
    # period alone, as the appeals' own counts do)
    early = replace(Q3, today=date(2026, 7, 16))
    frame = squads.squad_performance(conn, early).set_index("squad")
    assert frame.loc["金融专班", ["cases", "solved", "due", "on_time"]].tolist() == [3, 1, 1, 1]
    assert frame.at["金融专班", "mean_days"] == pytest.approx(14)  # A2 was closed after 07-16


def test_clean_wind_totals_months_and_departments(conn):
    totals = cleanwind.clean_wind_totals(conn, Q3)
    # C1 + C2 + C3 (C4 is October, C5 June)
    assert totals == {"problems_found": 11, "problems_rectified": 10, "exposed": 3, "investigated": 2, "prosecuted": 1}
    rate = cleanwind.rectification_rate(totals)
    assert (rate.numerator, rate.denominator) == (10, 11)
    assert cleanwind.clean_wind_totals(conn, ALL)["problems_found"] == 21
    # as of 09-30 with no period: October's row is in the future
    assert cleanwind.clean_wind_totals(conn, replace(ALL, today=date(2026, 9, 30)))["problems_found"] == 18
    assert cleanwind.clean_wind_totals(conn, replace(Q3, region_codes=("HC02",)))["problems_found"] == 5
    months = cleanwind.clean_wind_by(conn, Q3, "month")
    assert months.values.tolist() == [
        ["2026-07", 4, 3, 1, 1, 0],
        ["2026-08", 2, 2, 0, 0, 0],
        ["2026-09", 5, 5, 2, 1, 1],
    ]
    departments = cleanwind.clean_wind_by(conn, Q3, "department")
    assert departments.values.tolist() == [[D1, 6, 5, 1, 1, 0], [D2, 5, 5, 2, 1, 1]]


def test_services_by_origin_and_their_list(conn):
    summary = services.service_summary(conn, ALL, 50)
    # 省定 S1 S2 S3 (all live; S1 S2 launched in 2026); 本地新增 S4 S5 S7 (S5 goes live 10-20); S6 has no origin
    assert summary.by_origin.to_dict("records") == [
        {"origin": "省定", "services": 3, "live": 3, "launched": 2},
        {"origin": "本地新增", "services": 3, "live": 0, "launched": 0},
        {"origin": "未注明", "services": 1, "live": 1, "launched": 1},
    ]
    listing = services.service_list(conn, ALL)
    assert listing["item_no"].tolist() == ["S3", "S1", "S2", "S6", "S4", "S5", "S7"]
    assert listing.iloc[1][["origin", "launched_on", "materials_saved", "days_saved", "trips_saved"]].tolist() == [
        "省定",
        date(2026, 3, 1),
        6.0,
        4.0,
        2.0,
    ]
    assert listing.iloc[5]["launched_on"] is None  # S5 is not live yet
    assert math.isnan(listing.iloc[3]["materials_saved"])  # S6 has no "after"
