"""XML Spreadsheet 2003 (SpreadsheetML), what older systems and "另存为 XML 表格" write under an .xls or .xml name:
every ``<Worksheet>`` becomes a sheet of raw cells, read as a stream with the standard library's expat parser.

``ss:Index`` skips to a column, ``ss:MergeAcross``/``ss:MergeDown`` give the cell's value to the cells it covers
(as a merged Excel cell does), a ``Number`` cell is a number and a ``DateTime`` cell its ISO text.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from etl.readers.base import ReadError, Sheet, check_width, grid_sheet
from etl.readers.excel import fill_merged

SS = "urn:schemas-microsoft-com:office:spreadsheet"
SNIFF_BYTES = 4096
_MARKS = (b'progid="Excel.Sheet"', SS.encode())


def looks_like_spreadsheet_xml(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    return head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<?xml") and any(m in head for m in _MARKS)


def _attr(elem, name: str) -> str | None:  # type: ignore[no-untyped-def]
    return elem.get(f"{{{SS}}}{name}")


def _value(cell) -> object:  # type: ignore[no-untyped-def]
    data = cell.find(f"{{{SS}}}Data")
    if data is None:
        return None
    text = "".join(data.itertext()).strip()
    if not text:
        return None
    if _attr(data, "Type") == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def read_spreadsheet_xml(path: Path, max_columns: int = 1000) -> list[Sheet]:
    """Every worksheet as a sheet; one whose ``<Table>`` declares, or whose row has, more than ``max_columns``
    columns stops the reading with a :class:`ReadError`."""
    sheets: list[Sheet] = []
    grid: list[list[object]] = []
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    name: str | None = None
    try:
        for event, elem in iterparse(path, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "Worksheet":
                    grid, merged, name = [], [], _attr(elem, "Name")
                elif tag == "Table":
                    check_width(path, int(_attr(elem, "ExpandedColumnCount") or 0), max_columns, name)
                continue
            if tag == "Row":
                at = int(_attr(elem, "Index") or len(grid) + 1) - 1
                grid.extend([] for _ in range(at + 1 - len(grid)))
                row: list[object] = grid[at]
                for cell in elem.iter(f"{{{SS}}}Cell"):
                    col = int(_attr(cell, "Index") or len(row) + 1) - 1
                    across, down = int(_attr(cell, "MergeAcross") or 0), int(_attr(cell, "MergeDown") or 0)
                    check_width(path, col + 1 + across, max_columns, name)
                    row.extend([None] * (col + 1 - len(row)))
                    row[col] = _value(cell)
                    if across or down:
                        merged.append(((at, col), (at + down, col + across)))
                        row.extend([None] * across)
                elem.clear()
            elif tag == "Worksheet":
                fill_merged(grid, merged)
                sheets.append(grid_sheet(_attr(elem, "Name"), grid))
                elem.clear()
    except (ParseError, ValueError) as exc:
        raise ReadError(
            f"文件“{path.name}”是 XML 表格（Excel 2003 XML），但内容不完整或有误（{exc}）。"
            "请用 Excel 打开后另存为 .xlsx 再导入"
        ) from exc
    return sheets
