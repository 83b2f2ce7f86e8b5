"""The working-day calendar as stored: a year's days off and 调休 working days with where each came from, and the
notice that next year's arrangement is still missing (from 1 November, when the State Council has published it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from data.schema import Workday

ARRANGED = ("config", "file", "package")  # the bases that mean "an arrangement is known for the day's year"
NOTICE_FROM = (11, 1)  # month, day: the State Council publishes next year's arrangement in November
BASIS_TEXT = {
    "config": "配置文件",
    "file": "导入的安排",
    "package": "chinese_calendar 包",
    "weekend": "无安排（按周一至周五）",
}


@dataclass(frozen=True)
class CalendarDay:
    day: date
    is_workday: bool
    note: str | None
    basis: str
    run_id: int | None

    @property
    def source(self) -> str:
        """Where the answer came from, as the operator reads it: 配置文件 / 导入的安排（导入记录 12）/ …"""
        text = BASIS_TEXT.get(self.basis, self.basis)
        return f"{text}（导入记录 {self.run_id}）" if self.run_id is not None else text


def year_days(conn: Connection, year: int) -> list[CalendarDay]:
    """Every stored day of ``year`` in order (empty when the year is not in the calendar)."""
    rows = conn.execute(
        select(Workday.day, Workday.is_workday, Workday.note, Workday.basis, Workday.etl_run_id)
        .where(Workday.day >= date(year, 1, 1), Workday.day <= date(year, 12, 31))
        .order_by(Workday.day)
    )
    return [CalendarDay(*r) for r in rows]


def arrangement_known(conn: Connection, year: int) -> bool:
    """Whether the calendar of ``year`` follows an arrangement (config, an import or the package)."""
    query = select(Workday.day).where(
        Workday.day >= date(year, 1, 1), Workday.day <= date(year, 12, 31), Workday.basis.in_(ARRANGED)
    )
    return conn.execute(query.limit(1)).first() is not None


def missing_arrangement_notice(conn: Connection, today: date) -> str | None:
    """What to tell the office when this year — or, from 1 November, next year — has no arrangement, or None."""
    years = [today.year] + ([today.year + 1] if (today.month, today.day) >= NOTICE_FROM else [])
    missing = [y for y in years if not arrangement_known(conn, y)]
    if not missing:
        return None
    year = missing[-1] if len(missing) == 1 else missing[0]
    listed = "、".join(f"{y} 年" for y in missing)
    return (
        f"{listed}的法定节假日安排尚未载入（程序内置的节假日数据中也没有），按工作日计算的期限暂按周一至周五计算。"
        "请按国务院办公厅的通知填写节假日安排（模板：battlemap etl template holidays；"
        "列：节日、放假日期、调休上班日期），文件名以“节假日安排”开头，"
        "在“数据操作”页上传或用 battlemap etl import 导入，"
        f"或在配置文件 [calendar.arrangements.{year}] 中填写"
    )
