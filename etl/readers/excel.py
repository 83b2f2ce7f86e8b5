"""Excel workbooks (XLSX and legacy XLS): every visible sheet (hidden ones are named, not read), merged cells
filled from their first cell.

A sheet of ordinary size is read with calamine: its cells stay in calamine's compact store and become Python
objects only a chunk at a time as the body is read. calamine holds whole sheets, about 2.6 bytes per byte of their
XML, so a sheet that would take what it holds past ``STREAM_BYTES`` of XML is streamed with openpyxl's read-only
reader instead, which keeps no cell behind the row being read: any accepted workbook imports within 1 GB
(bench/etl.py measures it). The shared strings count too: calamine holds them all and copies them into every cell
that names one, so a workbook mostly of strings is streamed, its strings spilled to a temporary file
(``etl.readers.shared_strings``; bench/xlsx_strings.py measures it). Row numbers are Excel's: a sheet whose used
range starts below A1 is read as if from A1.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time
from functools import partial
from itertools import islice
from pathlib import Path

import pandas as pd
from python_calamine import CalamineSheet, CalamineWorkbook, SheetVisibleEnum

from etl.readers.base import HEAD_ROWS, ReadError, Sheet, check_width, grid_sheet, row_frames
from etl.readers.shared_strings import LazyStrings
from etl.readers.xlsx_parts import Range, declared_width, scan_sheet, shared_strings_size, sheet_parts

STREAM_BYTES = 96 << 20  # sheet XML calamine may hold (~2.6 bytes per XML byte); sheets past it are streamed
# calamine holds every shared string and a copy in each cell naming it: ~7.5 bytes of memory per byte of
# xl/sharedStrings.xml, which counts as this many bytes of sheet XML towards STREAM_BYTES
STRINGS_WEIGHT = 3


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


def _calamine_rows(sheet: CalamineSheet) -> Iterator[list[object]]:
    """The sheet's rows from Excel row 1 down, blanks as ``None``.

    calamine yields rows from the first row but cells from the used range's first column: the columns left of it
    are put back, so that positions are Excel's."""
    pad = [None] * (sheet.start[1] if sheet.start is not None else 0)
    for cells in sheet.iter_rows() if sheet.start is not None else ():
        yield pad + [None if v == "" else v for v in cells]


def _filled(rows: Iterable[list[object]], ranges: list[Range]) -> Iterator[list[object]]:
    """``rows`` (from Excel row 1) with every merged range filled from its top-left cell as it is passed."""
    starting: dict[int, list[Range]] = {}
    for rng in ranges:
        starting.setdefault(rng[0][0], []).append(rng)
    active: list[tuple[int, int, int, object]] = []  # (last row, first column, last column, value)
    for index, row in enumerate(rows):
        for (_top, c0), (r1, c1) in starting.get(index, ()):
            active.append((r1, c0, c1, row[c0] if c0 < len(row) else None))
        if active:
            active = [a for a in active if a[0] >= index]
            for _last, c0, c1, value in active:
                _fill(row, c0, c1, value)
        yield row


def _sheet(
    name: str, rows: Callable[[], Iterable[list[object]]], ranges: list[Range], width: int, total: int | None
) -> Sheet:
    """A sheet whose rows ``rows()`` reads afresh for the head and again for the body."""
    head = list(islice(_filled(rows(), ranges), HEAD_ROWS))
    width = max([width, *(len(r) for r in head), *(c1 + 1 for _s, (_r1, c1) in ranges)])

    def body(start: int) -> Iterator[pd.DataFrame]:
        return row_frames(islice(_filled(rows(), ranges), start, None), start, width)

    return Sheet(name=name, head=head, body=body, total_rows=total)


def _calamine_sheet(name: str, sheet: CalamineSheet) -> Sheet:
    width = (sheet.end[1] + 1) if sheet.end else 0
    total = (sheet.end[0] + 1) if sheet.end else 0
    return _sheet(name, lambda: _calamine_rows(sheet), list(sheet.merged_cell_ranges or []), width, total)


def _streamed_rows(path: Path, name: str, strings: LazyStrings | None = None) -> Iterator[list[object]]:
    """A sheet's rows read as a stream (openpyxl read-only: the XML is parsed as it is read, no cell kept; the
    shared strings spilled to disk, see ``etl.readers.shared_strings``), the values as calamine gives them (whole
    numbers as floats, blanks as ``None``)."""
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

    table = strings or LazyStrings()

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                self.shared_strings = table.get(self.archive, found.PartName[1:])

    reader = Reader(str(path), read_only=True, data_only=True)
    reader.read()
    book = reader.wb
    try:
        sheet = book[name]
        sheet.reset_dimensions()  # every cell of a row, whatever <dimension> declares
        for values in sheet.iter_rows(values_only=True):
            yield [_as_calamine(v) for v in values]
    finally:
        book.close()


def _as_calamine(value: object) -> object:
    """A cell as calamine gives it: whole numbers as floats, a date-time at midnight as a date."""
    if value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    return value


def _calamine_sheets(path: Path) -> tuple[list[Sheet], list[str]]:
    """Every visible sheet read by calamine, and the names of the hidden ones."""
    book = CalamineWorkbook.from_path(str(path))  # kept open by the sheets' closures while they are read
    shown = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
    hidden = [m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
    return [_calamine_sheet(name, book.get_sheet_by_name(name)) for name in shown], hidden


def _xlsx_sheets(path: Path, max_columns: int, stream_bytes: int) -> tuple[list[Sheet], list[str]]:
    """The visible sheets of a workbook, each checked against ``max_columns`` from its XML's start, scanned once
    for merged ranges and uncalculated formulas, then read by calamine — or, once the sheets calamine holds would
    pass ``stream_bytes`` of XML (the shared strings counting ``STRINGS_WEIGHT`` times their size), streamed so
    that its cells are never all in memory; and the hidden sheets' names."""
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return _calamine_sheets(path)  # which says what is wrong with the file
    with book:
        parts = sheet_parts(book)
        if parts is None:
            return _calamine_sheets(path)
        shown = [p for p in parts if not p.hidden]
        widths = [declared_width(book, part.member) for part in shown]
        for part, width in zip(shown, widths, strict=True):
            check_width(path, width, max_columns, part.name if len(parts) > 1 else None)
        scans = [scan_sheet(book, part.member) for part in shown]
        strings = shared_strings_size(book)
    calamine: CalamineWorkbook | None = None
    sheets = []
    spilled = LazyStrings()  # spilled once for all the streamed sheets
    held = STRINGS_WEIGHT * strings  # and the sheets calamine holds: all stay in memory until the import ends
    for part, width, scan in zip(shown, widths, scans, strict=True):
        if held + part.size > stream_bytes:
            sheet = _sheet(part.name, partial(_streamed_rows, path, part.name, spilled), scan.merged, width, None)
        else:
            held += part.size
            calamine = calamine or CalamineWorkbook.from_path(str(path))
            sheet = _calamine_sheet(part.name, calamine.get_sheet_by_name(part.name))
        sheet.uncalculated = scan.uncalculated
        sheets.append(sheet)
    return sheets, [p.name for p in parts if p.hidden]


def _xlrd_sheets(path: Path) -> list[Sheet]:
    """Old BIFF files calamine declines; xlrd also knows their merged cells."""
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    sheets, hidden = [], []
    for sh in book.sheets():
        if sh.visibility:
            hidden.append(sh.name)
            continue
        grid = _clean([sh.row_values(r) for r in range(sh.nrows)])
        fill_merged(grid, [((r0, c0), (r1 - 1, c1 - 1)) for r0, r1, c0, c1 in sh.merged_cells])
        sheets.append(grid_sheet(sh.name, grid))
    return sheets, hidden


def read_workbook(
    path: Path, fmt: str, max_columns: int = 1000, stream_bytes: int | None = None
) -> tuple[list[Sheet], list[str]]:
    """The visible sheets of an .xlsx or .xls workbook, and the names of its hidden sheets (left unread); an
    .xlsx sheet past ``stream_bytes`` (default ``STREAM_BYTES``) of sheet XML is streamed."""
    limit = STREAM_BYTES if stream_bytes is None else stream_bytes
    try:
        return _xlsx_sheets(path, max_columns, limit) if fmt == "xlsx" else _calamine_sheets(path)
    except ReadError:
        raise
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
