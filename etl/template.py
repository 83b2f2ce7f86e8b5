"""Import templates: one .xlsx per kind with the canonical headers, a marked example row, and a 说明 sheet listing
every field — whether it is required, its format, its allowed values and the other headers accepted for it.
``battlemap etl template KIND`` and /operator hand it out; the importer skips the example row by its marker."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill

from config import Settings
from etl.kinds import Field, SourceKind
from etl.vocab import allowed_values

FORMATS = {
    "str": "文本",
    "text": "文本（可较长）",
    "int": "整数，如 3、第3批、共12项",
    "float": "数字，如 1,234.5、85%、120万元（单位不换算）",
    "date": "日期，如 2026-11-03、2026/11/3、2026年11月3日",
    "datetime": "日期时间，如 2026-11-03 09:15、2026年11月3日 9时15分",
    "bool": "是/否",
    "month": "月份，如 2026-10、2026年10月、202610",
    "quarter": "季度，如 2026Q3、2026年第三季度",
    "period": "月份（2026-10）、季度（2026Q3）或年份（2026）",
}
# Example values that hang together across kinds: the milestone names the project, the visit the cadre.
EXAMPLES: dict[str, object] = {
    "ticket_no": "GD20261103001",
    "enterprise": "淮川示例科技有限公司",
    "name@enterprises": "淮川示例科技有限公司",
    "credit_code": "91341100MA2NXK7Q1F",
    "cadre_no": "GB001",
    "cadre": "GB001",
    "project_no": "XM2026001",
    "project": "XM2026001",
    "issue_no": "QZ2026001",
    "visit_no": "ZF2026001",
    "review_no": "HP2026001",
    "refusal_no": "SB2026001",
    "item_no": "YJ2026001",
    "name@squads": "土地要素保障专班",
    "squad": "土地要素保障专班",
    "domain": "土地",
    "measure_no": "DB2026001",
    "name@reform_measures": "企业开办“半日结”",
    "benchmark_city": "杭州市",
    "benchmark_indicator": "开办企业",
    "campaign": "清风行动",
    "received_at": "2026-11-03 09:15",
    "first_contact_at": "2026-11-03 10:00",
    "due_at": "2026-11-10 17:00",
    "closed_at": "2026-11-05 16:00",
    "revisit_at": "2026-11-06 10:00",
    "found_on": "2026-09-01",
    "due_on": "2026-10-31",
    "closed_on": "2026-10-15",
    "planned_start": "2026-03-01",
    "planned_end": "2026-12-31",
    "actual_start": "2026-03-10",
    "planned_on": "2026-06-30",
    "done_on": "2026-06-28",
    "reviewed_at": "2026-11-03 10:00",
    "rectify_due": "2026-11-10",
    "rectified_on": "2026-11-08",
    "revisited_on": "2026-11-09",
    "refused_on": "2026-11-01",
    "escalated_on": "2026-11-02",
    "told_on": "2026-11-03",
    "decided_on": "2026-11-04",
    "seq": 1,
    "weight": 1,
    "problems_collected": 2,
    "problems_solved": 1,
    "materials_before": 10,
    "materials_after": 5,
    "trips_before": 3,
    "trips_after": 1,
    "physical_pct": 65,
    "rank": 3,
    "satisfaction": "满意",
    "level": "满意",
    "year@holidays": 2026,
    "name@holidays": "国庆节",
    "off@holidays": "10月1日至7日",
    "work@holidays": None,  # 调休上班日期: an arrangement may have none
    "total@holidays": 7,
    "day@holidays": None,  # 日期/类型 is the other way to write an arrangement, one day or range per row
    "day_type@holidays": None,
}
# The example row's first cell starts with this text, so the row is still told apart once the operator saves the
# template as CSV, HTML or .xls; the importer skips such a row (a 示例 anywhere else in a cell is data).
EXAMPLE_MARK = "【示例】"
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
REQUIRED_FILL = PatternFill("solid", fgColor="C00000")


def example(kind: SourceKind, f: Field, settings: Settings) -> object:
    """A value of ``f`` that imports cleanly into a database holding the other templates' examples."""
    for key in (f"{f.name}@{kind.name}", f.name):
        if key in EXAMPLES:
            return EXAMPLES[key]
    if f.ref == "region":
        return next(r.name for r in settings.regions if r.type != "park")
    if f.ref == "park":
        return next((r.name for r in settings.regions if r.type == "park"), None)
    if f.ref == "department":
        return settings.departments[0].name
    if f.ref == "indicator":
        return settings.indicators[0]
    if f.ref == "action_group":
        return settings.action_groups[0]
    if f.choices:
        return f.choices[0]
    by_type = {"int": 1, "float": 100, "date": "2026-11-03", "datetime": "2026-11-03 09:15", "bool": "否"}
    by_type |= {"month": "2026-10", "quarter": "2026Q3", "period": "2026-10"}
    return by_type.get(f.type, f"示例{f.label}")


def _allowed(f: Field) -> str:
    values = allowed_values(f) if (f.choices or f.labels) else ()
    if f.type == "bool":
        return "是/否（也可写 Y/N、√/×）"
    if not values:
        return _bounds(f)
    labels = [k for k, v in f.labels.items() if v is not None and str(k) != str(v)]
    also = f"；也可写 {'、'.join(labels)}" if labels else ""
    shown = f"{_bounds(f)} 的数字" if f.type in ("int", "float") else "/".join(map(str, values))
    return shown + also


def _bounds(f: Field) -> str:
    if f.minimum is not None and f.maximum is not None:
        return f"{f.minimum:g}–{f.maximum:g}"
    if f.minimum is not None:
        return f"不小于 {f.minimum:g}"
    return ""


def example_rows(first_cells: pd.Series) -> pd.Series:
    """Which rows are a template's example row, given the cells of the table's first column: text that starts
    with :data:`EXAMPLE_MARK` (blanks and Excel's leading apostrophe before it allowed)."""
    return first_cells.map(lambda v: isinstance(v, str) and v.lstrip(" \t\u3000'").startswith(EXAMPLE_MARK))


def _marked(values: list[object]) -> list[object]:
    first = "" if values[0] is None else values[0]
    return [f"{EXAMPLE_MARK}{first}", *values[1:]]


def template_name(kind: SourceKind) -> str:
    """A file name the importer recognises: the kind's Chinese prefix, e.g. ``企业诉求_导入模板.xlsx``."""
    prefix = next((p for p in kind.file_prefixes if not p.isascii()), kind.name)
    return f"{prefix}_导入模板.xlsx"


def template_xlsx(kind: SourceKind, settings: Settings) -> bytes:
    """The template workbook of ``kind`` as bytes."""
    book = openpyxl.Workbook()
    data = book.active
    data.title = template_name(kind).split("_")[0]
    data.append([f.label for f in kind.fields])
    data.append(_marked([example(kind, f, settings) for f in kind.fields]))
    for cell, f in zip(data[1], kind.fields, strict=True):
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = REQUIRED_FILL if f.required else HEAD_FILL
        data.column_dimensions[cell.column_letter].width = max(12, 2 * len(f.label) + 4)
    data.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(
        [
            f"{kind.label}：导入说明（第 2 行是示例，首格带“{EXAMPLE_MARK}”标记，导入时自动跳过、不会写入；"
            "请在示例行下方填写真实数据，也可删除示例行；红色表头为必填列）"
        ]
    )
    notes.append(["字段", "是否必填", "格式", "可选值/范围", "也可用的表头"])
    for f in kind.fields:
        notes.append([f.label, "必填" if f.required else "选填", FORMATS[f.type], _allowed(f), "、".join(f.aliases)])
    for cell in notes[2]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 10, 40, 60, 40), strict=True):
        notes.column_dimensions[letter].width = width
        for cell in notes[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
