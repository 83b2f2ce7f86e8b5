"""The meeting brief as a PDF (A4 landscape) in the bundled CJK font, embedded so it prints the same anywhere."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from data.brief import Brief, Section
from data.status import STATUSES
from exports.cells import cell_text
from exports.fonts import register_fonts

WIDE = ("reasons", "title", "blocker", "reason", "name", "enterprise", "service_name", "override", "measure", "service")
HEAD_BG = colors.HexColor("#DCE8F8")
GRID = colors.HexColor("#9DB4D3")
GREY = colors.HexColor("#505050")


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=24, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=regular, fontSize=9.5, leading=13, textColor=GREY),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=13, leading=18, spaceBefore=10, spaceAfter=3),
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


def brief_pdf(brief: Brief, font_cache: Path) -> bytes:
    regular, bold = register_fonts(font_cache)
    styles = _styles(regular, bold)
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(
        out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm, bottomMargin=12 * mm,
        title=brief.title, author="营商环境挂图作战大屏",
    )  # fmt: skip
    width = page[0] - 24 * mm
    as_of = cell_text(brief.as_of) or "—"
    story: list = [
        Paragraph(escape(brief.title), styles["title"]),
        Paragraph(escape(f"数据截至 {as_of} · 生成于 {cell_text(brief.generated_at)}"), styles["meta"]),
        Paragraph(escape(f"筛选条件：{brief.filters_text}"), styles["meta"]),
        Spacer(1, 4 * mm),
        Paragraph("一、主要指标", styles["h2"]),
    ]
    pairs = [[Paragraph(escape(label), styles["head"]), Paragraph(escape(value), styles["cell"])]
             for label, value in brief.headline]  # fmt: skip
    headline = Table(pairs, colWidths=[width * 0.3, width * 0.7])
    headline.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (0, -1), HEAD_BG)]))
    story.append(headline)
    numerals = ("二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五")
    for index, section in enumerate(brief.sections):
        story.append(Paragraph(escape(f"{numerals[index]}、{section.title}"), styles["h2"]))
        if section.note:
            story.append(Paragraph(escape(section.note), styles["note"]))
        story.append(_table(section, styles, width) if section.rows else Paragraph("无", styles["cell"]))
    doc.build(story)
    return out.getvalue()
