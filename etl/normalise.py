"""Value normalisers: turn the raw cells of a source (strings, Excel numbers and dates) into typed values.

Owns full-width → half-width folding, the date forms of DESIGN §6 (2026-11-03, 2026/11/3, 2026年11月3日, 20261103,
Excel serial numbers), numbers with thousands separators and unit suffixes, months, quarters and the label
vocabularies of each field (满意 → 4). A value that cannot be read rejects its row, naming the column and value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from etl.kinds import Field, SourceKind
from etl.validate import ROW, Reject

# Full-width ASCII (！…～) and the ideographic space fold to their ASCII forms.
FULLWIDTH = {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: 0x20, 0xA0: 0x20}
_FULLWIDTH_RE = re.compile("[\uff01-\uff5e\u3000\xa0]")
SPACE_CHARS = (" ", "\t", "\r", "\n", "\u3000", "\xa0")
_SPACES = re.compile(r"\s+")
SQUEEZED_REFS = ("region", "park", "department", "action_group", "indicator")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # Excel serial numbers of 1954 … 2119: anything else is not a date
YMD_RANGE = (19_000_101, 21_001_231)
_UNIT_SUFFIX = re.compile(r"(?<=\d)\s*(万元|亿元|元|万|个|件|次|天|日|人|家|分|项|%|％)$")
_CN_DATE = str.maketrans(
    {"年": "-", "月": "-", "/": "-", ".": "-", "日": " ", "号": " ", "时": ":", "点": ":", "分": ""}
)
_CN_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
_QUARTER = re.compile(r"^(\d{4})\s*(?:年)?\s*[-_]?\s*(?:第)?\s*(?:Q|q)?([1-4一二三四])\s*(?:季度|季|Q)?$")
_MONTH = re.compile(r"^(\d{4})\s*(?:年|-|/|\.)?\s*(\d{1,2})\s*(?:月(?:份)?)?$")


def fold_text(value: str) -> str:
    """Full-width letters, digits, punctuation and spaces folded to ASCII; surrounding whitespace removed."""
    return value.translate(FULLWIDTH).strip() if _FULLWIDTH_RE.search(value) else value.strip()


def _cell_text(value: object) -> str:
    """A non-text Excel cell as the operator reads it: 20261103001.0 → "20261103001", a date → "2026-11-03"."""
    if isinstance(value, str):
        return value
    if isinstance(value, float | int | np.integer | np.floating) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "isoformat"):
        return _stamp_text(value)
    return str(value)


def _has_edge_space(joined: str) -> bool:
    """Whether a value of the ``\\x00``-joined column starts or ends with a space (plain substring searches)."""
    if joined[:1].isspace() or joined[-1:].isspace():
        return True
    return any(f"\x00{c}" in joined or f"{c}\x00" in joined for c in SPACE_CHARS)


def is_text(values: pd.Series) -> bool:
    """Whether every present value is a string (CSV cells always are; Excel cells may be numbers or dates)."""
    return infer_dtype(values, skipna=True) in ("string", "empty")


def clean_strings(values: pd.Series, *, squeeze: bool = False, fold: bool = True) -> pd.Series:
    """Cells as stripped ASCII-folded strings (``None`` for blanks); Excel numbers like 20261103001.0 lose ``.0``.

    ``squeeze`` also removes inner whitespace (names of districts and departments padded for alignment);
    ``fold=False`` keeps full-width characters (free text). The whole column is searched once, as one joined
    string, so that clean columns cost almost nothing.
    """
    out = values.astype(object).where(values.notna(), None)
    if not is_text(out):
        out = out.map(_cell_text, na_action="ignore")
    present = out.notna().to_numpy()
    strings = out[present].tolist()
    joined = "\x00".join(strings)
    if fold and not joined.isascii() and _FULLWIDTH_RE.search(joined):
        strings = [fold_text(v) for v in strings]
    elif _has_edge_space(joined):
        strings = [v.strip() for v in strings]
    if squeeze and any(c in joined for c in SPACE_CHARS):
        strings = [_SPACES.sub("", v) for v in strings]
    out[present] = strings
    return out.where(out != "", None)


def _stamp_text(value: object) -> str:
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.strftime("%Y-%m-%d %H:%M:%S")


class ValueProblems:
    """Collects the rows whose values could not be read, one reject per row (the first problem found)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.rows = frame[ROW]
        self.bad = pd.Series(False, index=frame.index)
        self.rejects: list[Reject] = []

    def add(self, mask: pd.Series, f: Field, raw: pd.Series, reason: Callable[[str], str]) -> None:
        mask = mask & ~self.bad
        for idx in mask.index[mask]:
            text = str(raw.at[idx])
            self.rejects.append(Reject(int(self.rows.at[idx]), f.label, text, reason(text)))
        self.bad |= mask


def parse_dates(values: pd.Series) -> pd.Series:
    """Datetimes from any date form of DESIGN §6; ``NaT`` where a present value is not a date."""
    if is_text(values):
        return _parse_date_text(clean_strings(values))
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    raw = values[values.notna()]
    stamps = raw[raw.map(lambda v: isinstance(v, pd.Timestamp | np.datetime64) or hasattr(v, "isoformat"))]
    if len(stamps):
        out[stamps.index] = pd.to_datetime(stamps.astype(object), errors="coerce")
    numeric = pd.to_numeric(raw.drop(stamps.index).map(_numeric_text), errors="coerce").dropna()
    if len(numeric):
        out[numeric.index] = _numbers_to_dates(numeric)
    rest = raw.drop(stamps.index).drop(numeric.index)
    if len(rest):
        out[rest.index] = _parse_date_text(clean_strings(rest.astype(str)))
    return out


def _parse_date_text(text: pd.Series) -> pd.Series:
    """ISO forms in one vectorised pass; the rest (20261103, 46329, 2026年11月3日 9时15分) retried one by one."""
    parsed = pd.to_datetime(text, format="ISO8601", errors="coerce").astype("datetime64[us]")
    retry = parsed.isna() & text.notna()
    if retry.any():
        numeric = pd.to_numeric(text[retry].map(_numeric_text), errors="coerce").dropna()
        if len(numeric):
            parsed[numeric.index] = _numbers_to_dates(numeric)
        rest = text[retry].drop(numeric.index)
        cn = rest.map(lambda s: re.sub(r"\s+", " ", s.translate(_CN_DATE)).strip().rstrip(":"))
        parsed[rest.index] = pd.to_datetime(cn, format="ISO8601", errors="coerce")
    return parsed


def _numeric_text(value: object) -> object:
    if isinstance(value, str):
        text = fold_text(value)
        return text if text.replace(".", "", 1).isdigit() else None
    return value


def _numbers_to_dates(numbers: pd.Series) -> pd.Series:
    """20261103 as a yyyymmdd date; 46329(.375) as an Excel serial number (days since 1899-12-30)."""
    out = pd.Series(pd.NaT, index=numbers.index, dtype="datetime64[us]")
    ymd = (numbers >= YMD_RANGE[0]) & (numbers <= YMD_RANGE[1]) & (numbers % 1 == 0)
    if ymd.any():
        out[ymd] = pd.to_datetime(numbers[ymd].astype("int64").astype(str), format="%Y%m%d", errors="coerce")
    serial = (numbers >= SERIAL_RANGE[0]) & (numbers < SERIAL_RANGE[1])
    if serial.any():
        out[serial] = (EXCEL_EPOCH + pd.to_timedelta(numbers[serial], unit="D")).dt.round("s")
    return out


def parse_numbers(values: pd.Series, percent_scale: float = 1.0) -> pd.Series:
    """Floats from numbers or text such as "1,234.5", "１２３", "85%", "120万元"; ``NaN`` where unreadable.

    A value written with ``%`` is divided by ``percent_scale`` (100 for a field kept as a fraction, like 权重).
    """
    fast = pd.to_numeric(values, errors="coerce")
    retry = fast.isna() & values.notna()
    if not retry.any():
        return fast.astype(float)
    text = clean_strings(values[retry])
    percent = text.str.endswith(("%", "％"), na=False)
    stripped = text.str.replace(r"[,，\s]", "", regex=True).str.replace(_UNIT_SUFFIX, "", regex=True)
    parsed = pd.to_numeric(stripped, errors="coerce").astype(float)
    parsed[percent] = parsed[percent] / percent_scale
    out = fast.astype(float)
    out[retry] = parsed
    return out


def parse_month(value: object) -> str | None:
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m")  # type: ignore[union-attr]
    text = fold_text(str(value))
    if text.isdigit() and len(text) == 6:
        text = f"{text[:4]}-{text[4:]}"
    m = _MONTH.match(text)
    return f"{m[1]}-{int(m[2]):02d}" if m and 1 <= int(m[2]) <= 12 else None


def parse_quarter(value: object) -> str | None:
    m = _QUARTER.match(fold_text(str(value)).upper())
    return f"{m[1]}Q{_CN_NUMERALS[m[2]]}" if m else None


def normalise_field(f: Field, raw: pd.Series, problems: ValueProblems) -> pd.Series:
    """The typed column of ``f`` from its raw cells; unreadable values are recorded in ``problems``."""
    if f.type == "text":
        return clean_strings(raw, fold=False)
    text = clean_strings(raw, squeeze=f.ref in SQUEEZED_REFS)
    present = text.notna()
    labelled = text.isin(list(f.labels)) if f.labels else pd.Series(False, index=text.index)
    mapped = text.where(~labelled, text.map(f.labels)) if f.labels else text
    if f.type == "str":
        return mapped
    if f.type == "bool":
        problems.add(present & ~labelled, f, raw, lambda v: f"「{f.label}」的值“{v}”无法识别，请填写 是/否")
        return mapped.where(labelled, None).astype("boolean")
    if f.type in ("int", "float"):
        scale = 100.0 if f.maximum is not None and f.maximum <= 1 else 1.0
        numbers = parse_numbers(text.where(~labelled, None), percent_scale=scale)
        numbers[labelled] = pd.to_numeric(mapped[labelled], errors="coerce")
        unreadable = present & numbers.isna() & ~(labelled & mapped.isna())
        problems.add(unreadable, f, raw, lambda v: f"「{f.label}」的值“{v}”不是数字，请改为数字后重新导入")
        if f.type == "int":
            fractional = numbers.notna() & (numbers % 1 != 0)
            problems.add(fractional, f, raw, lambda v: f"「{f.label}」的值“{v}”应为整数")
            return numbers.round().astype("Int64")
        return numbers
    if f.type in ("date", "datetime"):
        dates = _parse_date_text(text) if is_text(raw) else parse_dates(raw)
        problems.add(
            present & dates.isna(),
            f,
            raw,
            lambda v: f"「{f.label}」的值“{v}”不是可识别的日期，请写成 2026-11-03 或 2026年11月3日",
        )
        return dates.dt.normalize() if f.type == "date" else dates
    parser, example = (parse_month, "2026-11") if f.type == "month" else (parse_quarter, "2026Q3 或 2026年第三季度")
    stamps = raw.where(raw.map(lambda v: hasattr(v, "strftime")), None)
    parsed = text.map(parser, na_action="ignore").where(stamps.isna(), stamps.map(parser, na_action="ignore"))
    problems.add(present & parsed.isna(), f, raw, lambda v: f"「{f.label}」的值“{v}”无法识别，请写成 {example}")
    return parsed.astype(object)


def normalise_frame(kind: SourceKind, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Reject]]:
    """Typed frame of ``kind`` from ``raw`` (canonical field names, raw cells, a ``_row`` column).

    Rows with an unreadable value are removed and returned as rejects; columns ``raw`` lacks stay absent.
    """
    problems = ValueProblems(raw)
    typed = {ROW: raw[ROW]}
    for f in kind.fields:
        if f.name in raw.columns:
            typed[f.name] = normalise_field(f, raw[f.name], problems)
    frame = pd.DataFrame(typed, index=raw.index)
    return frame[~problems.bad], problems.rejects
