"""How a value is written into an exported cell: text for dates, nothing for missing, and spreadsheet formulas
neutralised (a cell that begins with ``=``, ``+``, ``-`` or ``@`` — or a tab or carriage return — gets a leading
apostrophe, so Excel and WPS show it as text instead of running it)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Any) -> str:
    """Any exported value as display text (the PDF and the CSV)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def sheet_value(value: Any) -> Any:
    """A value for a spreadsheet cell: numbers stay numbers, everything else is neutralised text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if isinstance(value, float) and math.isnan(value) else value
    return neutralise(cell_text(value))
