"""Row validation on typed values: required fields, enumerations, ranges, per-kind consistency, duplicate keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from etl.credit_code import is_valid as is_valid_credit_code
from etl.kinds import Field, SourceKind

ROW = "_row"
BLANKS = ("", " ", "  ", "\u3000", "\t")


@dataclass(frozen=True)
class Reject:
    """A rejected row: ``row`` as the operator sees it in Excel, the column's header, the value and why."""

    row: int | None
    column: str | None
    value: str | None
    reason: str
    label_of: str | None = None  # the field, when the value is a label the field does not know (mappable once)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    return str(value)


def text_limit(kind: SourceKind, f: Field) -> int | None:
    """The most characters a text field's column holds (a reference: its dimension's name), ``None`` if unbounded."""
    if f.type != "str" or f.db_column not in kind.table.c:
        return None
    column = kind.table.c[f.db_column]
    for key in column.foreign_keys:
        column = key.column.table.c.get("name", column)
    return getattr(column.type, "length", None)


def _longest(values: pd.Series) -> int:
    """The length of the longest present value (0 for none): one pass in C, so a column that fits is checked fast."""
    present = values[values.notna()]
    return max(map(len, present.tolist()), default=0)


def _too_long(f: Field, value: object, limit: int) -> str:
    return f"「{f.label}」的值有 {len(str(value))} 个字符，超过该列上限 {limit} 个字符；请核对该单元格"


def _before(frame: pd.DataFrame, earlier: str, later: str) -> pd.Series:
    """Rows where ``later`` is set and falls before ``earlier``."""
    a, b = frame.get(earlier), frame.get(later)
    if a is None or b is None:
        return pd.Series(False, index=frame.index)
    return b.notna() & a.notna() & (pd.to_datetime(b) < pd.to_datetime(a))


def _greater(frame: pd.DataFrame, small: str, big: str) -> pd.Series:
    a, b = frame.get(small), frame.get(big)
    if a is None or b is None:
        return pd.Series(False, index=frame.index)
    return a.notna() & b.notna() & (pd.to_numeric(a) > pd.to_numeric(b))


def _landed_without_date(frame: pd.DataFrame) -> pd.Series:
    done = frame.get("done_on", pd.Series(pd.NaT, index=frame.index))
    return (frame.get("status") == "已落地") & done.isna()


def _dated_not_landed(frame: pd.DataFrame) -> pd.Series:
    done = frame.get("done_on", pd.Series(pd.NaT, index=frame.index))
    return done.notna() & frame.get("status").notna() & (frame.get("status") != "已落地")


def _bounds(f: Field) -> str:
    if f.minimum is not None and f.maximum is not None:
        return f"{f.minimum:g}–{f.maximum:g}"
    return f"不小于 {f.minimum:g}" if f.minimum is not None else f"不大于 {f.maximum:g}"


# Per-kind consistency rules: (mask of bad rows, the field to name, the reason).
Rule = Callable[[pd.DataFrame], pd.Series]
CONSISTENCY: dict[str, list[tuple[Rule, str, str]]] = {
    "appeals": [
        (lambda f: _before(f, "received_at", "closed_at"), "closed_at", "办结时间早于受理时间"),
        (lambda f: _before(f, "received_at", "first_contact_at"), "first_contact_at", "首次联系时间早于受理时间"),
    ],
    "clearance": [(lambda f: _before(f, "found_on", "closed_on"), "closed_on", "销号日期早于发现日期")],
    "projects": [(lambda f: _before(f, "planned_start", "planned_end"), "planned_end", "计划完成日期早于计划开工日期")],
    "visits": [
        (lambda f: _greater(f, "problems_solved", "problems_collected"), "problems_solved", "化解问题数大于收集问题数")
    ],
    "reviews": [(lambda f: _before(f, "reviewed_at", "rectified_on"), "rectified_on", "整改完成日期早于评价时间")],
    "refusals": [(lambda f: _before(f, "refused_on", "escalated_on"), "escalated_on", "提级日期早于说不日期")],
    "service_items": [
        (lambda f: _greater(f, "materials_after", "materials_before"), "materials_after", "优化后材料数多于优化前"),
    ],
    "reform_measures": [
        (lambda f: _landed_without_date(f), "done_on", "推进状态为“已落地”，但未填写落地日期；请补填落地日期"),
        (
            lambda f: _dated_not_landed(f),
            "done_on",
            "已填写落地日期，但推进状态不是“已落地”；请核对状态或日期",
        ),
        (lambda f: _before(f, "planned_start", "planned_on"), "planned_on", "计划完成日期早于计划启动日期"),
    ],
    "clean_wind": [
        (
            lambda f: _greater(f, "problems_rectified", "problems_found"),
            "problems_rectified",
            "整改问题数大于发现问题数",
        )
    ],
}


def validate(
    kind: SourceKind,
    frame: pd.DataFrame,
    seen: dict[object, int] | None = None,
    earlier: list[Reject] | None = None,
) -> tuple[pd.DataFrame, list[Reject]]:
    """Split ``frame`` (canonical field names, typed values, a ``_row`` column) into good rows and rejects.

    Every problem of a row is reported, one reject per cell: a required field missing, a value outside its
    enumeration or range, an inconsistency between fields; ``earlier`` are the cells an earlier stage could not
    read (they are not reported twice, and their rows are rejected too). A row with no other problem whose key
    an earlier row of the file already used is rejected as a duplicate. ``seen`` (key → row) carries the keys of
    earlier chunks of the same file and is updated with this one's.
    """
    rows = frame[ROW]
    flagged: dict[str | None, set[int | None]] = {}
    for r in earlier or ():
        flagged.setdefault(r.column, set()).add(r.row)
    bad = rows.isin({r.row for r in earlier or ()})
    rejects: list[Reject] = []

    def reject(mask: pd.Series, field: str, reason: str | Callable[[object], str]) -> None:
        nonlocal bad
        header = kind.field(field).label if field in {f.name for f in kind.fields} else field
        if header in flagged:
            mask = mask & ~rows.isin(flagged[header])
        if not mask.any():
            return
        for idx in frame.index[mask]:
            value = frame.at[idx, field] if field in frame.columns else None
            text = reason(value) if callable(reason) else reason
            rejects.append(Reject(int(frame.at[idx, ROW]), header, _text(value), text))
        bad = bad | mask

    for f in kind.fields:
        if f.name not in frame.columns:
            continue
        col = frame[f.name]
        limit = text_limit(kind, f)
        if limit is not None and _longest(col) > limit:
            lengths = col.map(len, na_action="ignore")
            reject(
                (lengths > limit).fillna(False),
                f.name,
                lambda v, f=f, limit=limit: _too_long(f, v, limit),
            )
        if f.required:
            missing = col.isna() | col.isin(BLANKS)
            reject(missing.fillna(True), f.name, f"必填项「{f.label}」为空")
        if f.choices:
            reject(
                col.notna() & ~col.isin(f.choices),
                f.name,
                lambda v, f=f: f"「{f.label}」的值“{v}”不在可选范围（{'/'.join(f.choices)}）内",
            )
        if f.minimum is not None or f.maximum is not None:
            num = pd.to_numeric(col, errors="coerce")
            low = num < f.minimum if f.minimum is not None else pd.Series(False, index=frame.index)
            high = num > f.maximum if f.maximum is not None else pd.Series(False, index=frame.index)
            reject((low | high).fillna(False), f.name, f"「{f.label}」超出范围（应为 {_bounds(f)}）")
    for rule, field, reason in CONSISTENCY.get(kind.name, []):
        reject(rule(frame).fillna(False), field, reason)

    keys = [k for k in kind.key if k in frame.columns]
    if keys:  # a row with no key at all (a holiday arrangement's, whose days come later) duplicates nothing
        unkeyed = frame[keys].isna().all(axis=1)
        duplicates = _duplicates(kind, frame[~bad & ~unkeyed], keys)
        rejects.extend(duplicates)
        bad = bad | rows.isin({r.row for r in duplicates})
        if seen is not None:
            again = _seen_before(kind, frame, keys, bad | unkeyed, seen)
            rejects.extend(again)
            bad = bad | rows.isin([r.row for r in again])
            good = frame[~bad & ~unkeyed]
            seen.update(zip(_key_values(good, keys), good[ROW].astype(int), strict=True))
    return frame[~bad], rejects


DUPLICATE = "编号与第 "


def _duplicates(kind: SourceKind, good: pd.DataFrame, keys: list[str]) -> list[Reject]:
    """Rows (otherwise good) whose key an earlier good row of the same chunk already used."""
    dup = good.duplicated(subset=keys, keep="first")
    if not dup.any():
        return []
    first_row = good.drop_duplicates(subset=keys, keep="first").set_index(keys)[ROW]
    found = []
    for idx in good.index[dup]:
        key = tuple(good.loc[idx, keys]) if len(keys) > 1 else good.at[idx, keys[0]]
        found.append(
            Reject(
                int(good.at[idx, ROW]),
                kind.field(keys[0]).label,
                _text(key),
                f"{DUPLICATE}{int(first_row.loc[key])} 行重复，本行未导入",
            )
        )
    return found


def _key_values(frame: pd.DataFrame, keys: list[str]) -> list:
    return list(frame[keys[0]]) if len(keys) == 1 else list(zip(*(frame[k] for k in keys), strict=True))


def _seen_before(
    kind: SourceKind, frame: pd.DataFrame, keys: list[str], bad: pd.Series, seen: dict[object, int]
) -> list[Reject]:
    """Rows whose key an earlier chunk of the same file already used."""
    if not seen:
        return []
    rows = frame[~bad]
    again = pd.Series(_key_values(rows, keys), index=rows.index, dtype=object).map(seen.get)
    label = kind.field(keys[0]).label
    return [
        Reject(int(rows.at[i, ROW]), label, _text(rows.at[i, keys[0]]), f"{DUPLICATE}{int(first)} 行重复，本行未导入")
        for i, first in again.dropna().items()
    ]


def blank_invalid_credit_codes(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """统一社会信用代码 failing GB 32100-2015 (length, alphabet, check digit) are blanked, not rejected:
    the rest of the row is good. Returns the frame and the ``(row, value)`` of every code blanked."""
    if "credit_code" not in frame.columns:
        return frame, []
    codes = frame["credit_code"]
    present = codes.notna() & (codes.astype(str).str.strip() != "")
    if not present.any():
        return frame, []
    upper = codes[present].astype(str).str.strip().str.upper()
    invalid = ~upper.map(is_valid_credit_code)
    frame = frame.copy()
    frame.loc[upper.index, "credit_code"] = upper.where(~invalid, None)
    frame.loc[~present, "credit_code"] = None
    bad = upper[invalid]
    return frame, [(int(frame.at[i, ROW]), v) for i, v in codes[bad.index].items()]


MILESTONE_WEIGHT_TOLERANCE = 0.005


def milestone_weight_rejects(frame: pd.DataFrame, existing: dict[tuple[str, int], float | None]) -> list[Reject]:
    """Milestones of a project whose weights, with the project's other stored milestones, do not add up to 1.

    ``frame`` holds milestone rows (``project`` = 项目编号, ``seq``, ``weight``); ``existing`` the stored weights by
    ``(项目编号, seq)``. A project whose weights are all blank is left alone (its milestones count equally).
    """
    if "weight" not in frame.columns or frame.empty:
        return []
    rejects: list[Reject] = []
    for project, rows in frame.groupby("project", sort=False):
        weights = {(project, int(s)): w for s, w in zip(rows["seq"], rows["weight"], strict=True)}
        merged = {**{k: w for k, w in existing.items() if k[0] == project}, **weights}
        values = [w for w in merged.values() if w is not None and not pd.isna(w)]
        if not values or abs(sum(values) - 1) <= MILESTONE_WEIGHT_TOLERANCE:
            continue
        reason = (
            f"项目 {project} 的节点权重合计为 {sum(values):.4g}（含已导入的节点），应为 1；"
            "请修正该项目各节点的权重后重新导入"
        )
        rejects.extend(Reject(int(r), "权重", _text(w), reason) for r, w in zip(rows[ROW], rows["weight"], strict=True))
    return rejects
