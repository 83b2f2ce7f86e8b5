"""Reading the brief's workbook in tests: the 概况 sheet's figures, and a table's rows found by its title."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook


def figures(book: Workbook) -> dict[str, Any]:
    """概况's figures, 指标 → 数值 (the rows under its 板块 / 指标 / 数值 header)."""
    rows = list(book["概况"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[:3] == ("板块", "指标", "数值"))
    return {row[1]: row[2] for row in rows[header + 1 :]}


def table_rows(book: Workbook, title: str) -> list[tuple[Any, ...]]:
    """The data rows of the table titled ``title`` on any subject sheet (title, note, header, rows, blank row; the
    title alone in its row)."""
    for sheet in book.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        for index, row in enumerate(rows[1:], start=1):  # row 1 is the subject's title
            if row[0] == title and all(cell is None for cell in row[1:]):  # not a figure's (label, value)
                found = []
                for data in rows[index + 3 :]:
                    if all(cell is None for cell in data):
                        break
                    found.append(data)
                empty = len(found) == 1 and found[0][0] == "无" and all(cell is None for cell in found[0][1:])
                return [] if empty else found
    raise KeyError(f"no table titled {title!r} in the brief")
