"""What ``battlemap calendar show YEAR`` prints: the year's days off (by holiday) and 调休 working days, each with
where it came from, and the year's totals."""

from __future__ import annotations

from collections.abc import Sequence

from data.calendar import CalendarDay
from etl.text_table import text_table
from etl.workdays import unknown_year_warning

WEEKDAY = "一二三四五六日"


def _blocks(days: Sequence[CalendarDay]) -> list[list[CalendarDay]]:
    """Runs of consecutive named days off with the same name and source (a holiday, weekend days within it)."""
    named = [d for d in days if not d.is_workday and d.note]
    blocks: list[list[CalendarDay]] = []
    for d in named:
        last = blocks[-1][-1] if blocks else None
        if last and (d.day - last.day).days == 1 and (d.note, d.source) == (last.note, last.source):
            blocks[-1].append(d)
        else:
            blocks.append([d])
    return blocks


def calendar_text(year: int, days: Sequence[CalendarDay], computed: bool = False) -> str:
    """The year's calendar in Chinese; ``computed``: the days are not stored yet (worked out from the sources)."""
    sources = "、".join(sorted({d.source for d in days}))
    lines = [f"{year} 年工作日历（来源：{sources}）"]
    if all(d.basis == "weekend" for d in days):
        lines.append(unknown_year_warning(year))
    if computed:
        lines.append("（该年尚未写入数据库：以下按当前的配置、导入的安排和 chinese_calendar 包算出）")
    blocks = _blocks(days)
    lines += ["", f"法定节假日放假（{sum(len(b) for b in blocks)} 天）："]
    lines += text_table(
        ("节日", "日期", "天数", "来源"),
        (
            (
                b[0].note,
                f"{b[0].day:%Y-%m-%d}" + (f" 至 {b[-1].day:%Y-%m-%d}" if len(b) > 1 else ""),
                len(b),
                b[0].source,
            )
            for b in blocks
        ),
        right=(2,),
        indent="  ",
    )
    makeup = [d for d in days if d.is_workday and d.day.weekday() >= 5]
    lines += ["", f"调休上班（{len(makeup)} 天）："]
    lines += text_table(
        ("日期", "星期", "来源"),
        ((f"{d.day:%Y-%m-%d}", f"星期{WEEKDAY[d.day.weekday()]}", d.source) for d in makeup),
        indent="  ",
    )
    weekends = [d for d in days if not d.is_workday and not d.note]
    working = sum(d.is_workday for d in days)
    lines += [
        "",
        f"其余休息日（周六、周日）{len(weekends)} 天；全年工作日 {working} 天，休息日 {len(days) - working} 天。",
    ]
    return "\n".join(lines)
