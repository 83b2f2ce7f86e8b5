"""A long column that repeats its values is normalised one distinct value at a time (etl.normalise): the typed
values and every reject — row, column, value, reason, and their order — are exactly those of reading cell by cell;
and the cleaning of text cells it relies on."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import normalise
from etl.kinds import KINDS
from etl.normalise import clean_strings, normalise_frame
from etl.validate import ROW

REPEATS = 150  # 150 × 8 rows = 1,200 rows: past DISTINCT_MIN_ROWS, so the distinct path is taken
APPEALS = {
    "ticket_no": ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"],
    "region": ["淮川区", " 淮川区", "淮川區", "火星区", None, "淮川区", "東湖区", "淮川区"],
    "status": ["已办结", "办理完毕", "火星状态", "已办结", None, "已 办结", "办理中", "火星状态"],
    "satisfaction": ["满意", "5", "3.5", "很好吧", None, "４", "非常满意", "-"],
    "is_repeat": ["是", "否", "也许", None, "Y", "否", "是", "否"],
    "received_at": ["2026-11-03", "2026年11月3日", "2026/11/3", "昨天", None, "20261103", "2026-11-03", "46329"],
    "urgency": ["一般", "特急", "一般", "很急", "一般", None, "'一般", "一般"],
    "content": ["内容", "内容", " 内容 ", None, "内容", "=1+1", "内容", "内容"],
}
PROGRESS = {
    "project": ["P001", "P002", "P001", "P003", "P001", "P002", "P001", "P002"],
    "month": ["2026-10", "2026年10月", "2026.10", "十月", None, "202610", "2026/10", "2026-13"],
    "investment_to_date": ["1,200", "１２００", "120万元", "很多", None, "85%", "3.5", "0"],
}


def _frame(columns: dict[str, list[object]]) -> pd.DataFrame:
    frame = pd.DataFrame({name: values * REPEATS for name, values in columns.items()}, dtype=object)
    frame[ROW] = range(2, len(frame) + 2)
    return frame


@pytest.mark.parametrize(("kind", "columns"), [("appeals", APPEALS), ("progress", PROGRESS)])
def test_distinct_values_read_as_every_cell_would_be(kind, columns, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    raw = _frame(columns)
    typed, rejects = normalise_frame(KINDS[kind], raw)
    monkeypatch.setattr(normalise, "DISTINCT_MIN_ROWS", len(raw) + 1)  # cell by cell
    cell_typed, cell_rejects = normalise_frame(KINDS[kind], raw)
    pd.testing.assert_frame_equal(typed, cell_typed, check_exact=True)
    assert rejects == cell_rejects
    assert len(rejects) == {"appeals": 7, "progress": 3}[kind] * REPEATS


def test_distinct_rejects_name_every_row_holding_the_value() -> None:
    raw = _frame(APPEALS)
    _typed, rejects = normalise_frame(KINDS["appeals"], raw)
    status = [(r.row, r.value, r.label_of) for r in rejects if r.column == "办理状态"]
    # 火星状态 is the 3rd and 8th of each group of eight rows (Excel rows 4 and 9, 12 and 17, …)
    assert status[:4] == [
        (4, "火星状态", "status"),
        (9, "火星状态", "status"),
        (12, "火星状态", "status"),
        (17, "火星状态", "status"),
    ]
    assert len(status) == 2 * REPEATS


def test_a_column_of_different_values_is_read_cell_by_cell(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    original = normalise._normalise_cells
    monkeypatch.setattr(normalise, "_normalise_cells", lambda *a: calls.append(len(a[2])) or original(*a))
    raw = pd.DataFrame({"ticket_no": [f"T{i}" for i in range(2000)], "status": ["已办结"] * 2000}, dtype=object)
    raw[ROW] = range(2, 2002)
    normalise_frame(KINDS["appeals"], raw)
    assert calls == [2000, 1]  # ticket numbers one by one; the status column by its one distinct value


def test_clean_strings_strips_folds_and_unmarks_every_cell() -> None:
    raw = pd.Series(['="0012"', " ａｂｃ ", "'0034", "\u3000x\u3000", "", None, "  "], dtype=object)
    assert clean_strings(raw).tolist() == ["0012", "abc", "0034", "x", None, None, None]
    assert clean_strings(raw, fold=False).tolist()[:2] == ["0012", "ａｂｃ"]
    assert clean_strings(pd.Series([20261103001.0, 3, None], dtype=object)).tolist() == ["20261103001", "3", None]
