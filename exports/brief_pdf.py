"""The meeting brief as a PDF (A4 landscape) in the bundled CJK font, embedded so it prints the same anywhere: the
主要指标 of every subject first, then a numbered chapter per subject with its figures and tables.

Rendering keeps to the request's time budget (``data.engine.check_budget``): it looks at it for every table row it
lays out and after every flowable it places on a page, so a brief past its time stops there."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from data.brief_model import Brief, Section
from data.engine import check_budget
from data.status import STATUSES
from exports.cells import cell_text
from exports.fonts import register_fonts

WIDE = ("reasons", "title", "blocker", "reason", "name", "enterprise", "service_name", "override", "measure", "service")
HEAD_BG = colors.HexColor("#DCE8F8")
GRID = colors.HexColor("#9DB4D3")
GREY = colors.HexColor("#505050")
SHORT_TABLE = 20  # rows of a table kept on one page with its title and note
CHAPTER_ROOM = 45 * mm  # a chapter or a long table starts on a new page when less room than this is left


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=24, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=regular, fontSize=9.5, leading=13, textColor=GREY),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=13, leading=18, spaceBefore=12, spaceAfter=3),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "figures": ParagraphStyle("figures", fontName=regular, fontSize=9.5, leading=13, spaceAfter=2),
        "note": ParagraphStyle("note", fontName=regular, fontSize=9, leading=12, textColor=GREY),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=11, wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=11, wordWrap="CJK"),
    }


def _table(section: Section, styles: dict[str, ParagraphStyle], width: float) -> Table:
    keys = [key for key, _header in section.columns]
    weights = [3.0 if key in WIDE else 1.2 for key in keys]
    widths = [width * w / sum(weights) for w in weights]
    data = [[Paragraph(escape(header), styles["head"]) for _key, header in section.columns]]
    for row in section.rows:
        check_budget()
        data.append([Paragraph(escape(cell_text(row.get(key))), styles["cell"]) for key in keys])
    table = LongTable(data, colWidths=widths, repeatRows=1)
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if "word" in keys:
        column = keys.index("word")
        for index, row in enumerate(section.rows, start=1):
            status = next((s for s in STATUSES.values() if s.word == row.get("word") and s.code != "green"), None)
            if status is not None:
                colour = colors.HexColor(status.print_colour)
                commands.append(("BACKGROUND", (column, index), (column, index), colour.clone(alpha=0.15)))
    table.setStyle(TableStyle(commands))
    return table


DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 21 → 二十一 (up to 99): the brief's chapter numbers."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{DIGITS[tens]}十")
    return head + (DIGITS[ones] if ones else "") if n else DIGITS[0]


def _headline(brief: Brief, styles: dict[str, ParagraphStyle], width: float) -> Table:
    """Every subject's figures: 板块 (once per subject), 指标, 数值."""
    data = [[Paragraph(text, styles["head"]) for text in ("板块", "指标", "数值")]]
    for subject in brief.subjects:
        for index, (label, value) in enumerate(subject.figures):
            first = escape(subject.title) if index == 0 else ""
            data.append([Paragraph(first, styles["head"]), Paragraph(escape(label), styles["cell"]),
                         Paragraph(escape(value), styles["cell"])])  # fmt: skip
    table = LongTable(data, colWidths=[width * 0.16, width * 0.24, width * 0.6], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return table


def brief_pdf(brief: Brief, font_cache: Path) -> bytes:
    regular, bold = register_fonts(font_cache)
    styles = _styles(regular, bold)
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(
        out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
        title=brief.title, author="营商环境挂图作战大屏",
    )  # fmt: skip
    doc.afterFlowable = lambda _flowable: check_budget()
    width = page[0] - 24 * mm
    as_of = cell_text(brief.as_of) or "—"
    story: list = [
        Paragraph(escape(brief.title), styles["title"]),
        Paragraph(escape(f"数据截至 {as_of} · 生成于 {cell_text(brief.generated_at)}"), styles["meta"]),
        Paragraph(escape(f"筛选条件：{brief.filters_text}"), styles["meta"]),
        Spacer(1, 4 * mm),
        Paragraph("一、主要指标", styles["h2"]),
        _headline(brief, styles, width),
    ]
    for number, subject in enumerate(brief.subjects, start=2):
        story.append(CondPageBreak(CHAPTER_ROOM))
        # the chapter's title and figures stay with its first table
        block = [Paragraph(escape(f"{chinese_numeral(number)}、{subject.title}"), styles["h2"])]
        if subject.figures:
            figures = "；".join(f"{label}：{value}" for label, value in subject.figures)
            block.append(Paragraph(escape(figures), styles["figures"]))
        for index, section in enumerate(subject.sections, start=1):
            block.append(Paragraph(escape(f"（{chinese_numeral(index)}）{section.title}"), styles["h3"]))
            if section.note:
                block.append(Paragraph(escape(section.note), styles["note"]))
            block.append(_table(section, styles, width) if section.rows else Paragraph("无", styles["cell"]))
            story += (
                [KeepTogether(block)] if len(section.rows) <= SHORT_TABLE else [CondPageBreak(CHAPTER_ROOM), *block]
            )
            block = []
        story += block
    doc.build(story)
    return out.getvalue()
