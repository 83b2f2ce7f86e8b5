"""The source kind of a year's holiday arrangement (节假日安排): the holidays with their days off and 调休 working days.

One row per holiday as the State Council's notice lists them (节日, 放假日期, 调休上班日期, 放假天数), or rows of
日期 (a day, a range or a list) with their 类型 (放假/上班) and 节日; the year comes from a 年份 column, the title
above the table or the file name.
"""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import HolidayDay
from etl.kinds.base import Field, SourceKind

OFF, WORK = "放假", "上班"
DAY_TYPES = {
    "休": OFF,
    "休息": OFF,
    "休假": OFF,
    "假": OFF,
    "假日": OFF,
    "节假日": OFF,
    "放假调休": OFF,
    "班": WORK,
    "补班": WORK,
    "调休上班": WORK,
    "工作": WORK,
    "工作日": WORK,
}

HOLIDAYS = SourceKind(
    name="holidays",
    label=SOURCE_KIND_NAMES["holidays"],
    table=HolidayDay.__table__,
    key=("day",),
    file_prefixes=("holidays", "节假日", "放假安排", "假日安排"),
    fields=(
        Field("year", "年份", aliases=("年度",)),  # 2027, 2027年, 2027年度: read in etl.arrangement
        Field("name", "节日", aliases=("节假日", "节日名称", "节假日名称", "假日", "假期名称", "名称")),
        Field("off", "放假日期", "text", aliases=("放假时间", "放假安排", "放假调休", "休假日期", "放假", "假期")),
        Field("work", "调休上班日期", "text", aliases=("上班日期", "调休上班", "调休上班时间", "补班日期", "补班")),
        Field("total", "放假天数", "int", aliases=("天数", "共计天数", "共计", "放假总天数"), minimum=1, maximum=40),
        Field("day", "日期", "text", aliases=("公历日期",)),
        Field("day_type", "类型", aliases=("安排", "性质", "放假/上班"), choices=(OFF, WORK), labels=DAY_TYPES),
    ),
)
