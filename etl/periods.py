"""Periods as people write them, each stored in one canonical form: month ``2026-10``, quarter ``2026Q3``, year
``2026``. A value that cannot be read as one (``10月``, ``2026年1-10月``, ``2026.1`` typed as a number, where
Excel has already dropped the zero of October) is ``None`` and the caller rejects its row — never stored as is.

Months: 2026-10, 2026年10月(份), 2026.10, 2026/10, 202610, a date in the month (2026-10-31), an Excel date cell.
Quarters: 2026Q3, 2026-Q3, Q3 2026, 2026年第三季度, 2026年三季度, 2026年第3季度, 2026年3季.
Years: 2026, 2026年, 2026年度.
"""

from __future__ import annotations

import re

from etl.hanzi import fold_text

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20|21)\d{2})"
_MONTH = re.compile(rf"^{_YEAR}\s*(?:年|-|/|\.|_)?\s*(\d{{1,2}})\s*(?:月份?)?$")
_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
_DATE_IN_MONTH = re.compile(rf"^{_YEAR}\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?{_TIME}$")
_QUARTER = re.compile(rf"^{_YEAR}\s*(?:年)?\s*[-_/]?\s*(?:第)?\s*[Qq]?([1-4一二三四])\s*(?:季度|季|[Qq])?$")
_QUARTER_FIRST = re.compile(rf"^[Qq]([1-4])\s*[-_/]?\s*{_YEAR}(?:年)?$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}\s*(?:年度?)?$")


def _text(value: object) -> str | None:
    """A cell as period text; ``None`` for an Excel number that lost its meaning (2026.1: January or October?)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        return None if text.endswith(".1") else text
    return fold_text(str(value))


def parse_month(value: object) -> str | None:
    """``YYYY-MM`` of a month in any of the forms above, or ``None``."""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m")  # type: ignore[union-attr]
    text = _text(value)
    if text is None:
        return None
    if text.isdigit() and len(text) == 6:
        text = f"{text[:4]}-{text[4:]}"
    m = _MONTH.match(text) or _DATE_IN_MONTH.match(text)
    return f"{m[1]}-{int(m[2]):02d}" if m and 1 <= int(m[2]) <= 12 else None


def parse_quarter(value: object) -> str | None:
    """``YYYYQn`` of a quarter in any of the forms above, or ``None``."""
    text = _text(value)
    if text is None:
        return None
    m = _QUARTER.match(text)
    if m:
        return f"{m[1]}Q{_CN_DIGITS[m[2]]}"
    m = _QUARTER_FIRST.match(text)
    return f"{m[2]}Q{m[1]}" if m else None


def parse_year(value: object) -> str | None:
    text = _text(value)
    m = _YEAR_ONLY.match(text) if text is not None else None
    return m[1] if m else None


def parse_period(value: object) -> str | None:
    """A month, quarter or year (statistics report all three), canonical; ``None`` if it is none of them."""
    text = _text(value) if not hasattr(value, "strftime") else None
    if text is not None and re.search(r"[Qq季]", text):
        return parse_quarter(value)
    if text is not None and _YEAR_ONLY.match(text):
        return parse_year(value)
    return parse_month(value)
