"""Reading a holiday arrangement (节假日安排) as the State Council writes it into days off and 调休 working days.

A cell may hold the notice's own sentence
(``春节：2月15日至23日放假调休，共9天。2月14日（星期六）、2月28日（星期六）上班``) or just dates: ranges (至 / 到 /
~ / — / -), lists (、 ， ； and spaces), full dates (2027-02-06, 2027/2/6, 2027年2月6日) or month and day of the
arrangement's year (2月6日, 2/6; a range's end may be only 12日). Dates before 放假/休 are days off, dates before
上班/补班 working days; dates followed by neither (to the end of their sentence, 。 or ；) take the column's meaning.
A weekday written beside a date (（星期六）, (周日)) must be the date's weekday, and 共N天 the number of days off
written before it — the two checks that catch a wrong year or a typo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from etl.kinds.calendar import WORK
from etl.normalise import fold_text
from etl.validate import ROW, Reject

MAX_TEXT = 1000  # characters of one cell
MAX_RANGE_DAYS = 40  # the longest holiday block an arrangement may name (a typo like 1月1日至12月3日 is refused)
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
WEEKDAY_NAMES = "一二三四五六日"
_FULL = r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*[日号]?"
_MONTH_DAY = r"(?P<m2>\d{1,2})\s*(?:月\s*(?P<d2>\d{1,2})\s*[日号]?|/\s*(?P<d3>\d{1,2}))"
_DAY = r"(?P<d4>\d{1,2})\s*[日号]"
_TOKENS = re.compile(
    rf"(?P<date>{_FULL}|{_MONTH_DAY}|{_DAY})"
    r"|(?P<note>[(（][^()（）]{0,40}[)）])"
    r"|(?P<total>(?:共计?|放假)\s*(?P<n>\d{1,3})\s*天)"
    r"|(?P<range>至|到|~|〜|—+|–|－|-)"
    r"|(?P<work>上班|补班|调休上班|工作日?)"
    r"|(?P<off>放假|休息|休假|调休|休)"
    r"|(?P<stop>[。；;])"
    r"|(?P<other>.)",
    re.S,
)


class ArrangementError(ValueError):
    """A cell that cannot be read as dates of an arrangement; the message (Chinese) says what to correct."""


@dataclass(frozen=True)
class Arranged:
    """The days one cell names: days off and working days, in the order written."""

    off: tuple[date, ...]
    work: tuple[date, ...]


def _weekday(day: date) -> str:
    return f"星期{WEEKDAY_NAMES[day.weekday()]}"


def _check_weekday(note: str, last: date | None) -> None:
    """A bracketed note after a date (（周六）, （农历腊月二十八、周日）): the weekday it names must be right."""
    named = re.search(r"(?:星期|周|礼拜)\s*([一二三四五六日天七])", note)
    if named is None:
        return
    if last is None:
        raise ArrangementError(f"“{note}”前面没有日期")
    if last.weekday() != WEEKDAYS[named[1]]:
        raise ArrangementError(
            f"{last.month}月{last.day}日标注为“{named[0]}”，但 {last:%Y-%m-%d} 是{_weekday(last)}；请核对年份或日期"
        )


def _make(year: int, month: int, day: int, written: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ArrangementError(f"“{written}”不是有效日期（{year} 年没有这一天）") from None


def parse_arrangement(text: str, year: int | None, default: str = "off") -> Arranged:
    """The days ``text`` names, month-and-day dates taken in ``year`` (the arrangement's); ``default`` (``off`` or
    ``work``) is what dates followed by neither 放假 nor 上班 are. Raises :class:`ArrangementError`."""
    text = fold_text(str(text))
    if len(text) > MAX_TEXT:
        raise ArrangementError(f"内容过长（{len(text)} 个字符，最多 {MAX_TEXT}）")
    off: list[date] = []
    work: list[date] = []
    pending: list[date] = []  # dates written since the last 放假 / 上班
    counted = 0  # days off in ``off`` already checked against a 共N天
    last: date | None = None
    range_from: date | None = None
    explicit_year: int | None = None

    def settle(kind: str) -> None:
        (off if kind == "off" else work).extend(pending)
        pending.clear()

    for token in _TOKENS.finditer(text):
        if token["date"]:
            written = token["date"]
            if token["y"]:
                explicit_year = int(token["y"])
                day = _make(explicit_year, int(token["m"]), int(token["d"]), written)
            elif token["m2"]:
                base = year if year is not None else explicit_year
                if base is None:
                    raise ArrangementError(f"“{written}”没有写年份，也无法从年份列或标题得知年份")
                if range_from is not None:
                    base = range_from.year
                day = _make(base, int(token["m2"]), int(token["d2"] or token["d3"]), written)
            else:
                if range_from is None:
                    raise ArrangementError(f"“{written}”只有日、没有月份；请写成 2月15日 或 2月15日至23日")
                day = _make(range_from.year, range_from.month, int(token["d4"]), written)
            if range_from is not None:
                if day < range_from and not token["y"]:
                    day = _make(day.year + 1, day.month, day.day, written)  # 12月31日至1月2日
                if day < range_from:
                    raise ArrangementError(f"日期范围“{range_from:%Y-%m-%d}至{day:%Y-%m-%d}”的结束早于开始")
                if (day - range_from).days >= MAX_RANGE_DAYS:
                    raise ArrangementError(
                        f"日期范围“{range_from:%Y-%m-%d}至{day:%Y-%m-%d}”长达 {(day - range_from).days + 1} 天，"
                        f"超过 {MAX_RANGE_DAYS} 天；请核对"
                    )
                pending.extend(range_from + timedelta(days=i) for i in range(1, (day - range_from).days + 1))
                range_from = None
            else:
                pending.append(day)
            last = day
        elif token["note"]:
            _check_weekday(token["note"], last)
        elif token["range"]:
            if last is None or range_from is not None or not pending or pending[-1] != last:
                if token["range"] not in ("至", "到", "~", "〜"):
                    continue  # a dash used as punctuation
                raise ArrangementError(f"“{token['range']}”前面没有日期")
            range_from = last
        elif token["total"]:
            settle("off")
            named = len(off) - counted
            if named != int(token["n"]):
                raise ArrangementError(f"写明“{token['total']}”，但前面列出的放假日期是 {named} 天；请核对")
            counted = len(off)
        elif token["work"]:
            settle("work")
        elif token["off"]:
            settle("off")
        elif token["stop"]:
            settle(default)
    if range_from is not None:
        raise ArrangementError(f"日期范围“{range_from:%Y-%m-%d}至”缺少结束日期")
    settle(default)
    if not off and not work:
        raise ArrangementError("没有找到任何日期；请写成 2月15日至23日 或 2027-02-15")
    return Arranged(tuple(off), tuple(work))


def year_in(text: str) -> int | None:
    """The arrangement's year named in a title or file name (``国务院办公厅关于2027年部分节假日安排的通知``,
    ``节假日安排_2027.xlsx``): the year written before 节假日/放假/假日, else the only year written, else None."""
    folded = fold_text(text)
    named = re.search(r"(?<!\d)(20\d{2})\s*年?度?\s*(?:部分)?\s*(?:法定)?\s*(?:节假日|放假|假日|休假)", folded)
    if named:
        return int(named[1])
    years = set(re.findall(r"(?<!\d)(20\d{2})(?!\d)", folded))
    return int(years.pop()) if len(years) == 1 else None


def leading_name(text: str) -> str | None:
    """The holiday a notice's sentence starts with: ``二、春节：2月15日至23日…`` → 春节."""
    found = re.match(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?([^\d：:，,。]{2,12})\s*[：:]", fold_text(text))
    return found[1].strip() if found else None


def _year_cell(text: str) -> int | None:
    """A 年份 cell: 2027, 2027年, 2027年度 (2000–2100), else None."""
    found = re.fullmatch(r"(\d{4})(?:\.0)?\s*(?:年度?)?", fold_text(text))
    return int(found[1]) if found and 2000 <= int(found[1]) <= 2100 else None


def _present(row: pd.Series, name: str) -> object | None:
    value = row.get(name)
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _row_days(row: pd.Series, title_year: int | None) -> tuple[int, str, list[tuple[date, bool]], list[Reject]]:
    """(year, name, [(day, is_workday)], rejects) of one typed row; a reject for its first problem."""
    line = int(row[ROW])
    written = _present(row, "year")
    year = title_year if written is None else _year_cell(str(written))
    if written is not None and year is None:
        reason = f"「年份」的值“{written}”无法识别，请写成 2027 或 2027年（2000–2100）"
        return 0, "", [], [Reject(line, "年份", str(written), reason)]
    name = _present(row, "name") or next(
        (leading_name(str(t)) for t in (_present(row, "off"), _present(row, "work")) if t is not None), None
    )
    default = "work" if _present(row, "day_type") == WORK else "off"
    days: list[tuple[date, bool]] = []

    def fail(column: str, value: object, reason: str) -> tuple[int, str, list, list[Reject]]:
        return year or 0, name or "", [], [Reject(line, column, None if value is None else str(value), reason)]

    cells = (("off", "放假日期", default), ("day", "日期", default), ("work", "调休上班日期", "work"))
    for field, label, meaning in cells:
        text = _present(row, field)
        if text is None:
            continue
        try:
            arranged = parse_arrangement(str(text), year, meaning)
        except ArrangementError as exc:
            return fail(label, text, f"{exc}")
        days += [(d, False) for d in arranged.off] + [(d, True) for d in arranged.work]
    if not days:
        return fail("放假日期", None, "本行没有任何日期：请填写「放假日期」「调休上班日期」或「日期」")
    if year is None:
        years = sorted({d.year for d, _ in days})
        if len(years) > 1:
            return fail(
                "年份", None, "无法确定本行属于哪一年的安排：请加一列「年份」，或在标题中写明（如 2027年节假日安排）"
            )
        year = years[0]
    off = [d for d, work in days if not work]
    total = _present(row, "total")
    if total is not None and int(total) != len(off):
        return fail("放假天数", total, f"「放假天数」为 {int(total)}，但本行列出的放假日期是 {len(off)} 天；请核对")
    if off and not name:
        return fail("节日", None, "放假的日期须写明是哪个节日（「节日」列为空）")
    for d, work in days:
        if abs(d.year - year) > 1:
            return fail("放假日期", f"{d:%Y-%m-%d}", f"日期 {d:%Y-%m-%d} 不在 {year} 年的安排之内；请核对年份")
        if work and d.weekday() < 5:
            return fail(
                "调休上班日期", f"{d:%Y-%m-%d}", f"调休上班日 {d:%Y-%m-%d} 是{_weekday(d)}，本来就是工作日；请核对"
            )
    return year, name or "调休上班", days, []


def arrangement_days(frame: pd.DataFrame, title: str) -> tuple[pd.DataFrame, list[Reject]]:
    """The days the rows of an arrangement name, one row each (``day``, ``year``, ``is_workday``, ``name``, and the
    ``_row`` it came from), and the rows rejected. ``title`` (the text above the table, the sheet's and the file's
    names) gives the year when no 年份 column does. A day named twice the same way counts once; a day named both
    off and working is rejected in the later row."""
    title_year = year_in(title)
    out: dict[date, dict] = {}
    rejects: list[Reject] = []
    for _, row in frame.iterrows():
        year, name, days, problems = _row_days(row, title_year)
        if not problems:
            for d, work in days:
                earlier = out.get(d)
                if earlier is not None and earlier["is_workday"] != work:
                    said = "上班" if earlier["is_workday"] else "放假"
                    problems = [
                        Reject(
                            int(row[ROW]), "日期", f"{d:%Y-%m-%d}", f"{d:%Y-%m-%d} 已在第 {earlier[ROW]} 行列为{said}"
                        )
                    ]
                    break
        if problems:
            rejects += problems
            continue
        for d, work in days:
            out.setdefault(d, {"day": d, "year": year, "is_workday": work, "name": name, ROW: int(row[ROW])})
    days = pd.DataFrame(list(out.values()), columns=["day", "year", "is_workday", "name", ROW])
    return days.sort_values("day", ignore_index=True), rejects
