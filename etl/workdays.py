"""China's working-day calendar (official holidays and make-up workdays) and deadline arithmetic on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import chinese_calendar

MAKEUP_NOTE = "调休上班"


def package_year(year: int) -> list[dict] | None:
    """One row per day of ``year`` as the ``chinese_calendar`` package has it (the State Council's arrangement),
    or ``None`` when the package does not know the year."""
    rows: list[dict] = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
            is_workday = chinese_calendar.is_workday(day)
        except NotImplementedError:
            return None
        note = (
            _holiday_name(name) if on_holiday and name else (MAKEUP_NOTE if is_workday and day.weekday() >= 5 else None)
        )
        rows.append({"day": day, "is_workday": is_workday, "note": note, "basis": "package"})
        day += dt.timedelta(days=1)
    return rows


def weekday_year(year: int, basis: str = "weekend") -> list[dict]:
    """One row per day of ``year`` with Monday–Friday as working days (no arrangement applied)."""
    first = dt.date(year, 1, 1)
    days = (first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days))
    return [{"day": d, "is_workday": d.weekday() < 5, "note": None, "basis": basis} for d in days]


def unknown_year_warning(year: int) -> str:
    return (
        f"工作日历：{year} 年的法定节假日安排未知，暂按周一至周五为工作日计算。请导入该年的节假日安排"
        f"（模板：battlemap etl template holidays；列：节日、放假日期、调休上班日期；"
        f"battlemap etl import 节假日安排_{year}.xlsx），"
        f"或在配置文件 [calendar.arrangements.{year}] 中填写"
    )


def calendar_days(years: Iterable[int]) -> tuple[list[dict], list[str]]:
    """One row per day of ``years``: is it a working day, the holiday's name, and the basis of the answer.

    Years the ``chinese_calendar`` package knows use the State Council's published arrangement; any other
    year falls back to "Monday–Friday are working days" and is reported in the returned warnings.
    """
    rows: list[dict] = []
    warnings: list[str] = []
    for year in sorted(set(years)):
        known = package_year(year)
        if known is None:
            warnings.append(unknown_year_warning(year))
        rows += weekday_year(year) if known is None else known
    return rows, warnings


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _holiday_name(name: str) -> str:
    return _HOLIDAY_NAMES.get(name, name)


def add_workdays(start: dt.datetime, workdays: int, is_workday: dict[dt.date, bool]) -> dt.datetime:
    """The end (23:59:59) of the ``workdays``-th working day after ``start``'s day.

    Days missing from ``is_workday`` count as working days on Monday–Friday.
    """
    day = start.date()
    left = workdays
    while left > 0:
        day += dt.timedelta(days=1)
        if is_workday.get(day, day.weekday() < 5):
            left -= 1
    return dt.datetime.combine(day, dt.time(23, 59, 59))
