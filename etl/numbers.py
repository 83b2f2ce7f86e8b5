"""Numbers as people write them in a cell: 1,234.5 · １２３ · 85% · 120万元 · 第3批 · 3批次 · 共12项 · 第三批 · 十二.

The unit or ordinal words around a number are dropped, never applied (“120万元” in a column headed 万元 is 120);
a value with ``%`` is divided by the caller's scale (100 for a field kept as a fraction). Anything else — two
numbers, words around no number — is unreadable (``NaN``) and rejects its row.
"""

from __future__ import annotations

import re

import pandas as pd

_PREFIX = re.compile(r"^(?:第|共|约|计|合计|累计|总计)")
_SUFFIX = re.compile(
    r"(?:万元|亿元|元|万|个百分点|百分点|个工作日|工作日|个月|个|件|次|天|日|人次|人|家|分|项|批次|批|期|轮|户|笔|条|星|"
    r"岁|年|月|份|名|位|%)$"
)
_SEPARATORS = re.compile(r"[,，\s_]")
_PLAIN = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text: str) -> int | None:
    """一 … 九十九 (第三批, 十二项, 二十一); ``None`` for anything else."""
    if not text or any(c not in _CN_DIGIT and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGIT[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def read_number(text: str, percent_scale: float = 1.0) -> float | None:
    """The number a (folded) cell text means, or ``None``."""
    stripped = _SEPARATORS.sub("", text)
    percent = stripped.endswith("%")
    previous = None
    while previous != stripped:
        previous = stripped
        stripped = _SUFFIX.sub("", _PREFIX.sub("", stripped))
    if _PLAIN.match(stripped):
        number = float(stripped)
    else:
        spelled = _chinese_number(stripped)
        if spelled is None:
            return None
        number = float(spelled)
    return number / percent_scale if percent else number


def parse_numbers(values: pd.Series, percent_scale: float = 1.0) -> pd.Series:
    """Floats from numbers or text of the forms above; ``NaN`` where unreadable (``values`` already folded)."""
    fast = pd.to_numeric(values, errors="coerce")
    retry = fast.isna() & values.notna()
    if not retry.any():
        return fast.astype(float)
    text = values[retry].astype(str)
    readings = {v: read_number(v, percent_scale) for v in text.unique()}
    out = fast.astype(float)
    out[retry] = text.map(readings).astype(float)
    return out
