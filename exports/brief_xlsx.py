"""The meeting brief as an Excel workbook: a 概况 sheet (as-of time, filters, every subject's figures) and one sheet
per subject (its figures, then its tables one under another — each its title, its note, its header, its rows and a
blank row; ``无`` for no rows); every text cell neutralised against formula injection. Like the PDF, it looks at the
request's time budget (``data.engine.check_budget``) for every row it writes."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from data.brief_model import Brief, Section, Subject
from data.engine import check_budget
from exports.cells import cell_text, sheet_value

HEADER_FILL = PatternFill("solid", fgColor="DCE8F8")
WIDE = ("reasons", "title", "blocker", "reason", "name", "enterprise", "service_name", "measure", "service")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    name = _SHEET_BAD.sub("", title.split("（")[0])[:28] or "清单"
    while name in used:
        name = f"{name[:26]}_{len(used)}"
    used.add(name)
    return name


def _append_section(sheet: Worksheet, section: Section, widths: dict[int, int]) -> None:
    sheet.append([sheet_value(section.title)])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
    sheet.append([sheet_value(section.note)])
    sheet.append([header for _key, header in section.columns])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in section.rows:
        check_budget()
        sheet.append([sheet_value(row.get(key)) for key, _header in section.columns])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if not section.rows:
        sheet.append(["无"])
    for index, (key, _header) in enumerate(section.columns, start=1):
        widths[index] = max(widths.get(index, 0), 48 if key in WIDE else 18)
    sheet.append([])


def _subject_sheet(book: Workbook, subject: Subject, used: set[str]) -> None:
    sheet = book.create_sheet(_sheet_name(subject.title, used))
    sheet.append([sheet_value(subject.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in subject.figures:
        sheet.append([sheet_value(label), sheet_value(value)])
    sheet.append([])
    widths: dict[int, int] = {1: 26, 2: 40}
    for section in subject.sections:
        _append_section(sheet, section, widths)
    for index, width in widths.items():
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width


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
    summary.append(["板块", "指标", "数值"])
    for cell in summary[summary.max_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for subject in brief.subjects:
        for label, value in subject.figures:
            summary.append([sheet_value(subject.title), sheet_value(label), sheet_value(value)])
    for column, width in (("A", 22), ("B", 28), ("C", 80)):
        summary.column_dimensions[column].width = width
    for subject in brief.subjects:
        _subject_sheet(book, subject, used)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
