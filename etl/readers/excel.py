"""Excel workbooks (XLSX and legacy XLS) read with calamine, every sheet, merged cells filled from their first cell."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.readers.base import ReadError, Sheet, grid_sheet

Range = tuple[tuple[int, int], tuple[int, int]]


def fill_merged(grid: list[list[object]], ranges: list[Range]) -> None:
    """Every cell of a merged range takes the value of the range's top-left cell (Excel shows it across)."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value


def _clean(grid: list[list[object]]) -> list[list[object]]:
    return [[None if cell == "" else cell for cell in row] for row in grid]


def _calamine_sheets(path: Path) -> list[Sheet]:
    with pd.ExcelFile(path, engine="calamine") as book:
        sheets = []
        for name in book.sheet_names:
            sheet = book.book.get_sheet_by_name(name)
            grid = _clean(sheet.to_python(skip_empty_area=False))
            fill_merged(grid, sheet.merged_cell_ranges or [])
            sheets.append(grid_sheet(name, grid))
        return sheets


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
