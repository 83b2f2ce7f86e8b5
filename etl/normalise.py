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

from etl.hanzi import FULLWIDTH_RE, fold_text
from etl.kinds import Field, SourceKind
from etl.numbers import parse_numbers
from etl.periods import parse_month, parse_period, parse_quarter
from etl.validate import ROW, Reject
from etl.vocab import DEFAULT, Vocabulary, allowed_values, label_key

SPACE_CHARS = (" ", "\t", "\r", "\n", "\u3000", "\xa0")
TEXT_MARKS = ("'", '="')
PLACEHOLDERS = ("-", "--", "—", "——", "/", "\\")  # what exports write in a cell that has no value
_SPACES = re.compile(r"\s+")
SQUEEZED_REFS = ("region", "park", "department", "action_group", "indicator", "squad")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
SERIAL_RANGE = (20_000, 80_000)  # Excel serial numbers of 1954 … 2119: anything else is not a date
YMD_RANGE = (19_000_101, 21_001_231)
_CN_DATE = str.maketrans(
    {"年": "-", "月": "-", "/": "-", ".": "-", "日": " ", "号": " ", "时": ":", "点": ":", "分": ""}
)
# Excel's Chinese date format writes 上午/下午 before a 12-hour time (2026年1月5日 下午3:30); English exports AM/PM.
_MORNING, _AFTERNOON = ("上午", "凌晨", "早上", "AM", "am"), ("下午", "晚上", "PM", "pm")
_BARE_HOUR = re.compile(r"( \d{1,2})$")  # 2026年1月5日 9时 / 晚上8点: the hour alone
_MERIDIEM = re.compile("|".join((*_MORNING, *_AFTERNOON, "中午")))
DISTINCT_MIN_ROWS = 1_000  # a column this long or longer is read by its distinct values when it repeats them
DISTINCT_SAMPLE = 1_000  # the first cells looked at to tell whether it does


def _cell_text(value: object) -> str:
    """A non-text Excel cell as the operator reads it: 20261103001.0 → "20261103001", a date → "2026-11-03"."""
    if isinstance(value, str):
        return value
    if isinstance(value, float | int | np.integer | np.floating) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, pd.Timestamp | np.datetime64) or hasattr(value, "isoformat"):
        return _stamp_text(value)
    return str(value)


def is_text(values: pd.Series) -> bool:
    """Whether every present value is a string (CSV cells always are; Excel cells may be numbers or dates)."""
    return infer_dtype(values, skipna=True) in ("string", "empty")


def clean_strings(values: pd.Series, *, squeeze: bool = False, fold: bool = True) -> pd.Series:
    """Cells as stripped ASCII-folded strings (``None`` for blanks); Excel numbers like 20261103001.0 lose ``.0``.

    ``squeeze`` also removes inner whitespace (names of districts and departments padded for alignment);
    ``fold=False`` keeps full-width characters (free text). The column's present values are worked on as one list
    (and searched as one joined string for what only some columns need), so a clean column costs little.
    """
    cells = values.to_numpy(dtype=object, copy=True)
    present = ~pd.isna(cells)
    strings = cells[present].tolist()
    if not is_text(values):
        strings = [_cell_text(v) for v in strings]
    joined = "\x00".join(strings)
    if fold and not joined.isascii() and FULLWIDTH_RE.search(joined):
        strings = [fold_text(v) for v in strings]
    else:  # stripping every value costs less than searching the column for values that need it
        strings = [v.strip() for v in strings]
    if squeeze and any(c in joined for c in SPACE_CHARS):
        strings = [_SPACES.sub("", v) for v in strings]
    if joined.startswith(TEXT_MARKS) or any(f"\x00{c}" in joined for c in TEXT_MARKS):
        strings = [_unmark(v) for v in strings]
    cleaned = np.empty(len(strings), dtype=object)
    cleaned[:] = strings
    cells[present] = cleaned
    cells[cells == ""] = None
    return pd.Series(cells, index=values.index, name=values.name, dtype=object)


def _unmark(value: str) -> str:
    """A cell without the text markers exports put before numbers: Excel's leading ``'``, ``="0012"``, a tab."""
    if value.startswith("'"):
        return value[1:].strip()
    if value.startswith('="') and value.endswith('"'):
        return value[2:-1].strip()
    return value


def _stamp_text(value: object) -> str:
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.strftime("%Y-%m-%d %H:%M:%S")


class ValueProblems:
    """Collects every cell whose value could not be read: one reject per cell, a row may have several.

    With ``codes`` the values looked at are a column's distinct values, and ``codes`` says which of them each row
    of ``frame`` holds: a value that cannot be read is reported in every row that holds it, in row order.
    """

    def __init__(self, frame: pd.DataFrame, codes: np.ndarray | None = None) -> None:
        self.rows = frame[ROW]
        self.codes = codes
        self.rejects: list[Reject] = []

    def over(self, codes: np.ndarray) -> ValueProblems:
        """The same collector, for the distinct values of a column (``codes``: each row's value)."""
        child = ValueProblems.__new__(ValueProblems)
        child.rows, child.codes, child.rejects = self.rows, codes, self.rejects
        return child

    def add(self, mask: pd.Series, f: Field, raw: pd.Series, reason: Callable[[str], str], label: bool = False) -> None:
        """``label``: the values are labels the field does not know (an operator can map them once)."""
        bad = mask.fillna(False).astype(bool)
        if self.codes is None:
            cells = [(self.rows.at[idx], raw.at[idx]) for idx in mask.index[bad]]
        else:
            hit = bad.to_numpy()[self.codes]
            values = raw.to_numpy()
            cells = list(zip(self.rows.to_numpy()[hit], values[self.codes[hit]], strict=True))
        for row, value in cells:
            text = _cell_text(value).strip()
            self.rejects.append(Reject(int(row), f.label, text, reason(text), f.name if label else None))


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
        if len(rest):
            parsed[rest.index] = _parse_written_dates(rest)
    return parsed


def _parse_written_dates(text: pd.Series) -> pd.Series:
    """2026年11月3日 9时15分, 2026/1/5 下午3:30: Chinese date words and a 12-hour clock with 上午/下午 (or AM/PM).

    A 12-hour mark is read as the clock says (下午3:30 is 15:30, 上午12:10 ten past midnight, 中午1点 13:00); a
    mark on an hour the 12-hour clock has not (下午25:00) makes the value unreadable rather than guessed.
    """
    marks = text.str.extract(f"({_MERIDIEM.pattern})", expand=False)
    bare = text.str.replace(_MERIDIEM, " ", regex=True) if marks.notna().any() else text
    cn = bare.map(lambda s: _BARE_HOUR.sub(r"\1:00", re.sub(r"\s+", " ", s.translate(_CN_DATE)).strip().rstrip(":")))
    parsed = pd.to_datetime(cn, format="ISO8601", errors="coerce").astype("datetime64[us]")
    if marks.notna().any():
        hour = parsed.dt.hour
        afternoon = marks.isin(_AFTERNOON) | ((marks == "中午") & (hour < 11))
        morning = marks.isin(_MORNING) | (marks == "中午")
        shift = pd.Series(0, index=text.index).mask(afternoon & (hour < 12), 12).mask(morning & (hour == 12), -12)
        shift = shift.where(~(marks == "中午") | (hour != 12), 0)
        parsed = parsed + pd.to_timedelta(shift, unit="h")
        parsed = parsed.mask(marks.notna() & (hour > 12))
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


def _number_or_label(f: Field) -> str:
    """What a numeric field with labels accepts: ``1–5 的数字或 非常满意/满意/…``."""
    bounds = f"{f.minimum:g}–{f.maximum:g} " if f.minimum is not None and f.maximum is not None else ""
    first: dict[object, str] = {}
    for label, value in f.labels.items():
        if value is not None:
            first.setdefault(value, label)
    return f"{bounds}的数字或 {'/'.join(first.values())}"


def _label_values(text: pd.Series, mapping: dict[str, object]) -> tuple[pd.Series, pd.Series]:
    """``(known, value)``: which cells are labels of the field, and the value each label stands for."""
    keys = {v: label_key(v) for v in text.dropna().unique()}
    key = text.map(keys, na_action="ignore")
    known = key.isin(list(mapping)) & text.notna()
    return known, key.map(mapping).where(known, None)


def _distinct(raw: pd.Series) -> tuple[np.ndarray, pd.Series] | None:
    """``(codes, values)`` of a text column that repeats its values (districts, statuses, labels, days): each row's
    position in ``values``, its distinct cells (a blank last, if any). ``None`` for a column of mostly different
    values (numbers, times to the second, free text) or one that is not all text."""
    if len(raw) < DISTINCT_MIN_ROWS or not is_text(raw):
        return None
    cells = raw.to_numpy(dtype=object)
    sample = cells[:DISTINCT_SAMPLE]
    if len(set(sample[~pd.isna(sample)].tolist())) * 2 > len(sample):
        return None
    codes, uniques = pd.factorize(cells)
    if len(uniques) * 2 > len(cells):
        return None
    values = uniques.tolist()
    if (codes < 0).any():
        codes = np.where(codes < 0, len(values), codes)
        values.append(None)
    return codes, pd.Series(values, dtype=object)


def normalise_field(
    kind: SourceKind, f: Field, raw: pd.Series, problems: ValueProblems, vocab: Vocabulary
) -> pd.Series:
    """The typed column of ``f`` from its raw cells; unreadable values are recorded in ``problems``. A column that
    repeats its values is read one distinct value at a time."""
    distinct = _distinct(raw)
    if distinct is None:
        return _normalise_cells(kind, f, raw, problems, vocab)
    codes, values = distinct
    typed = _normalise_cells(kind, f, values, problems.over(codes), vocab).take(codes)
    typed.index = raw.index
    return typed


def _normalise_cells(
    kind: SourceKind, f: Field, raw: pd.Series, problems: ValueProblems, vocab: Vocabulary
) -> pd.Series:
    if f.type == "text":
        return clean_strings(raw, fold=False)
    text = clean_strings(raw, squeeze=f.ref in SQUEEZED_REFS)
    text = text.where(~text.isin(PLACEHOLDERS), None)
    present = text.notna()
    mapping = vocab.value_map(kind, f) if (f.labels or f.choices or vocab.labels.get(kind.name, {}).get(f.name)) else {}
    if mapping:
        labelled, mapped = _label_values(text, mapping)
    else:
        labelled, mapped = pd.Series(False, index=text.index), text
    if f.type == "str":
        if not mapping:
            return text
        allowed = "/".join(map(str, allowed_values(f)))
        problems.add(
            present & ~labelled, f, raw, lambda v: f"「{f.label}」的值“{v}”不在可选范围（{allowed}）内", label=True
        )
        return mapped.where(labelled, None)
    if f.type == "bool":
        problems.add(present & ~labelled, f, raw, lambda v: f"「{f.label}」的值“{v}”无法识别，请填写 是/否")
        return mapped.where(labelled, None).astype("boolean")
    if f.type in ("int", "float"):
        scale = 100.0 if f.maximum is not None and f.maximum <= 1 else 1.0
        numbers = parse_numbers(text.where(~labelled, None), percent_scale=scale)
        numbers[labelled] = pd.to_numeric(mapped[labelled], errors="coerce")
        unreadable = present & numbers.isna() & ~labelled
        if f.labels:
            allowed = _number_or_label(f)
            problems.add(unreadable, f, raw, lambda v: f"「{f.label}」的值“{v}”无法识别，应为 {allowed}", label=True)
        else:
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
    parser, (what, example) = PERIODS[f.type]
    cells = raw.where(raw.map(lambda v: not isinstance(v, str)), text)
    parsed = cells.map(parser, na_action="ignore")
    problems.add(present & parsed.isna(), f, raw, lambda v: _period_reason(f, v, what, example))
    return parsed.astype(object)


def _period_reason(f: Field, value: str, what: str, example: str) -> str:
    if re.fullmatch(r"\d{4}\.1", value):  # text 2026.1 reads as January: this was a number cell
        return (
            f"「{f.label}」的值“{value}”是 Excel 数字，无法判断是 1 月还是 10 月（Excel 会把 2026.10 存成 2026.1）；"
            "请把该列设为文本，或写成 2026-10、2026年10月"
        )
    return f"「{f.label}」的值“{value}”不是可识别的{what}，请写成 {example}"


PERIODS = {
    "month": (parse_month, ("月份", "2026-10 或 2026年10月")),
    "quarter": (parse_quarter, ("季度", "2026Q3 或 2026年第三季度")),
    "period": (parse_period, ("期间", "2026-10（月）、2026Q3（季度）或 2026（年）")),
}


def normalise_frame(
    kind: SourceKind, raw: pd.DataFrame, vocab: Vocabulary = DEFAULT
) -> tuple[pd.DataFrame, list[Reject]]:
    """Typed frame of ``kind`` from ``raw`` (canonical field names, raw cells, a ``_row`` column).

    Every row is kept (an unreadable cell is blank) and every unreadable cell is returned as a reject: the
    loader adds what validation finds in the row's other cells and leaves the rejected rows out.
    Columns ``raw`` lacks stay absent.
    """
    problems = ValueProblems(raw)
    typed = {ROW: raw[ROW]}
    for f in kind.fields:
        if f.name in raw.columns:
            typed[f.name] = normalise_field(kind, f, raw[f.name], problems, vocab)
    return pd.DataFrame(typed, index=raw.index), problems.rejects
