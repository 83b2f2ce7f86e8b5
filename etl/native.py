"""Column values in the form SQLite stores them through SQLAlchemy, built column-wise for fast bulk inserts.

SQLAlchemy keeps a SQLite ``DateTime`` as ``YYYY-MM-DD HH:MM:SS.ffffff`` text and a ``Date`` as ``YYYY-MM-DD``;
rows inserted through the driver must look exactly the same, or string comparisons in SQL would go wrong.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype
from sqlalchemy import Boolean, Date, DateTime, Float, Integer

EPOCH = dt.date(1970, 1, 1)
SECONDS_PER_DAY = 86_400
# Every second of a day as SQLAlchemy writes it (times are kept to the second).
TIMES_OF_DAY = np.array(
    [f" {h:02d}:{m:02d}:{s:02d}.000000" for h in range(24) for m in range(60) for s in range(60)], dtype=object
)


def iso_strings(values: pd.Series, with_time: bool) -> list[str | None]:
    """Dates (``with_time`` false) or datetimes to the second as SQLAlchemy's SQLite text, ``None`` for NaT.

    Each distinct day is formatted once and each time of day comes from a table, so a million values take
    about half a second instead of the five a per-value ``isoformat`` would.
    """
    seconds = pd.to_datetime(values).to_numpy("datetime64[s]")
    missing = np.isnat(seconds)
    days, time_of_day = np.divmod(np.where(missing, 0, seconds.astype(np.int64)), SECONDS_PER_DAY)
    codes, unique_days = pd.factorize(days)
    names = np.array([(EPOCH + dt.timedelta(days=int(d))).isoformat() for d in unique_days], dtype=object)
    day_text = names[codes] if len(codes) else np.array([], dtype=object)
    if with_time:
        day_text = day_text + TIMES_OF_DAY[time_of_day]
    day_text[missing] = None
    return day_text.tolist()


def native_values(series: pd.Series, column_type: object) -> list:
    """The column's values as Python objects SQLite stores as SQLAlchemy would (``None`` for blanks)."""
    if isinstance(column_type, DateTime | Date):
        return iso_strings(series, with_time=isinstance(column_type, DateTime))
    if isinstance(column_type, Boolean | Integer):
        numbers = pd.to_numeric(series.astype(object).where(series.notna(), None)).astype("Int64")
        return numbers.astype(object).where(numbers.notna(), None).tolist()
    if isinstance(column_type, Float):
        floats = pd.to_numeric(series).astype(float)
        return floats.astype(object).where(floats.notna(), None).tolist()
    values = series.astype(object).where(series.notna(), None)
    if infer_dtype(values, skipna=True) not in ("string", "empty"):
        values = values.map(str, na_action="ignore")
    return values.tolist()


def native_scalar(value: object, column_type: object) -> object:
    if value is None:
        return None
    return native_values(pd.Series([value]), column_type)[0]
