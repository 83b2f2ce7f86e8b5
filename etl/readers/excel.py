"""Excel workbooks (XLSX and legacy XLS) read with calamine, every sheet, merged cells filled from their first cell.

An XLSX sheet's cells stay in calamine's compact store; rows become Python objects only a chunk at a time as the
body is read (peak memory a fraction of what a whole grid of Python objects would take). Row numbers are Excel's:
a sheet whose used range starts below A1 is read as if from A1.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pandas as pd
from python_calamine import CalamineSheet, CalamineWorkbook

from etl.readers.base import HEAD_ROWS, ReadError, Sheet, grid_sheet, row_frames

Range = tuple[tuple[int, int], tuple[int, int]]


def fill_merged(grid: list[list[object]], ranges: list[Range]) -> None:
    """Every cell of a merged range takes the value of the range's top-left cell (Excel shows it across)."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            _fill(grid[r], c0, c1, value)


def _fill(row: list[object], c0: int, c1: int, value: object) -> None:
    if len(row) <= c1:
        row.extend([None] * (c1 + 1 - len(row)))
    for c in range(c0, c1 + 1):
        row[c] = value


def _clean(grid: list[list[object]]) -> list[list[object]]:
    return [[None if cell == "" else cell for cell in row] for row in grid]


def _rows(sheet: CalamineSheet, ranges: list[Range]) -> Iterator[list[object]]:
    """The sheet's rows from Excel row 1 down, blanks as ``None``, merged ranges filled as they are passed.

    calamine yields rows from the first row but cells from the used range's first column: the columns left of it
    are put back, so that positions are Excel's."""
    left = sheet.start[1] if sheet.start is not None else 0
    starting: dict[int, list[Range]] = {}
    for rng in ranges:
        starting.setdefault(rng[0][0], []).append(rng)
    active: list[tuple[int, int, int, object]] = []  # (last row, first column, last column, value)
    pad = [None] * left
    for index, cells in enumerate(sheet.iter_rows() if sheet.start is not None else ()):
        row = pad + [None if v == "" else v for v in cells]
        for (_top, c0), (r1, c1) in starting.get(index, ()):
            active.append((r1, c0, c1, row[c0] if c0 < len(row) else None))
        if active:
            active = [a for a in active if a[0] >= index]
            for _last, c0, c1, value in active:
                _fill(row, c0, c1, value)
        yield row


def _calamine_sheet(name: str, sheet: CalamineSheet) -> Sheet:
    ranges = list(sheet.merged_cell_ranges or [])
    width = max([(sheet.end[1] + 1) if sheet.end else 0, *(c1 + 1 for _s, (_r1, c1) in ranges)])

    def body(start: int) -> Iterator[pd.DataFrame]:
        return row_frames(islice(_rows(sheet, ranges), start, None), start, width)

    head = list(islice(_rows(sheet, ranges), HEAD_ROWS))
    total = (sheet.end[0] + 1) if sheet.end else 0
    return Sheet(name=name, head=head, body=body, total_rows=total)


def _calamine_sheets(path: Path) -> list[Sheet]:
    book = CalamineWorkbook.from_path(str(path))  # kept open by the sheets' closures while they are read
    return [_calamine_sheet(name, book.get_sheet_by_name(name)) for name in book.sheet_names]


def _xlrd_sheets(path: Path) -> list[Sheet]:
    """Old BIFF files calamine declines; xlrd also knows their merged cells."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    sheets = []
    for sh in book.sheets():
        grid = _clean([sh.row_values(r) for r in range(sh.nrows)])
        fill_merged(grid, [((r0, c0), (r1 - 1, c1 - 1)) for r0, r1, c0, c1 in sh.merged_cells])
        sheets.append(grid_sheet(sh.name, grid))
    return sheets


def read_workbook(path: Path, fmt: str) -> list[Sheet]:
    try:
        return _calamine_sheets(path)
    except Exception as exc:
        if fmt == "xls":
            try:
                return _xlrd_sheets(path)
            except Exception:
                pass
        raise ReadError(
            f"文件“{path.name}”无法作为 Excel 工作簿读取（{type(exc).__name__}: {exc}）。"
            "文件可能已损坏；请用 Excel 打开后另存为 .xlsx 再导入"
        ) from exc
