"""The meeting brief as an Excel workbook: a 概况 sheet (as-of time, filters, headline figures) and one sheet per
list; every text cell neutralised against formula injection."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from data.brief import Brief
from exports.cells import cell_text, sheet_value

HEADER_FILL = PatternFill("solid", fgColor="DCE8F8")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    name = _SHEET_BAD.sub("", title.split("（")[0])[:28] or "清单"
    while name in used:
        name = f"{name[:26]}_{len(used)}"
    used.add(name)
    return name


def brief_xlsx(brief: Brief) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "概况"
    used = {"概况"}
    summary.append([sheet_value(brief.title)])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["数据截至", sheet_value(cell_text(brief.as_of) or "—")])
    summary.append(["生成时间", sheet_value(cell_text(brief.generated_at))])
    summary.append(["筛选条件", sheet_value(brief.filters_text)])
    summary.append([])
    summary.append(["指标", "数值"])
    for label, value in brief.headline:
        summary.append([sheet_value(label), sheet_value(value)])
    summary.column_dimensions["A"].width = 26
    summary.column_dimensions["B"].width = 70
    for section in brief.sections:
        sheet = book.create_sheet(_sheet_name(section.title, used))
        sheet.append([sheet_value(section.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([sheet_value(section.note)])
        sheet.append([header for _key, header in section.columns])
        for cell in sheet[3]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
        for row in section.rows:
            sheet.append([sheet_value(row.get(key)) for key, _header in section.columns])
        for index, (key, _header) in enumerate(section.columns, start=1):
            wide = key in ("reasons", "title", "blocker", "reason", "name", "enterprise", "service_name")
            sheet.column_dimensions[sheet.cell(3, index).column_letter].width = 48 if wide else 18
        for row_cells in sheet.iter_rows(min_row=4):
            for cell in row_cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
