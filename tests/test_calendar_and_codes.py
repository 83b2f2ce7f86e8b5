"""Working-day arithmetic and the 统一社会信用代码 check digit."""

import datetime as dt

from etl.credit_code import check_character, is_valid
from etl.workdays import add_workdays, calendar_days


def test_deadline_skips_national_day_and_counts_the_makeup_saturday():
    rows, warnings = calendar_days([2026])
    assert warnings == []
    calendar = {r["day"]: r["is_workday"] for r in rows}
    # Received 30 Sep; Oct 1–7 are off; working days after: Oct 8, 9, 10 (make-up Saturday), 12, 13.
    assert add_workdays(dt.datetime(2026, 9, 30, 10, 0), 5, calendar) == dt.datetime(2026, 10, 13, 23, 59, 59)
    assert add_workdays(dt.datetime(2026, 9, 30, 10, 0), 3, calendar) == dt.datetime(2026, 10, 10, 23, 59, 59)


def test_unknown_year_falls_back_to_weekends_and_says_so():
    rows, warnings = calendar_days([2099])
    assert warnings == [
        "工作日历：2099 年的法定节假日安排未知，暂按周一至周五为工作日计算。请导入该年的节假日安排"
        "（模板：battlemap etl template holidays；列：节日、放假日期、调休上班日期；"
        "battlemap etl import 节假日安排_2099.xlsx），"
        "或在配置文件 [calendar.arrangements.2099] 中填写"
    ]
    assert len(rows) == 365
    assert {r["basis"] for r in rows} == {"weekend"}
    jan1 = rows[0]
    assert jan1["day"] == dt.date(2099, 1, 1) and jan1["is_workday"] is True  # a Thursday


def test_credit_code_check_character():
    # Σ code·weight over 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 with weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24
    # 10 30 28 = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → "3".
    assert check_character("91350100M000100Y4") == "3"
    assert is_valid("91350100M000100Y43")
    assert is_valid(" 91350100m000100y43 ")
    assert not is_valid("91350100M000100Y44")
    assert not is_valid("91350100M000100Y4")
    assert not is_valid("91350100M000100YI3")  # I is not in the alphabet
