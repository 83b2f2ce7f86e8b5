"""A CJK font reportlab can embed: the bundled Noto Sans SC subset (CFF outlines, which reportlab cannot embed)
converted once to TrueType quadratic outlines and cached next to the database (``<instance_dir>/fonts``)."""

from __future__ import annotations

import threading
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as PdfFont

FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
REGULAR, BOLD = "BattlemapSans", "BattlemapSans-Bold"
_SOURCES = {REGULAR: "NotoSansSC-Battlemap-Regular.woff2", BOLD: "NotoSansSC-Battlemap-Bold.woff2"}
_MAX_ERROR = 1.0
_lock = threading.Lock()


def _to_truetype(source: Path, target: Path) -> None:
    font = TTFont(source)
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = glyphs
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    font["maxp"] = newTable("maxp")
    font["maxp"].tableVersion = 0x00010000
    for attr in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(font["maxp"], attr, 1 if attr == "maxZones" else 0)
    font["maxp"].maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.flavor = None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    font.save(partial)
    partial.replace(target)


def register_fonts(cache_dir: Path) -> tuple[str, str]:
    """Register the regular and bold CJK fonts with reportlab (converting them on first use); their names."""
    with _lock:
        for name, source in _SOURCES.items():
            if name in pdfmetrics.getRegisteredFontNames():
                continue
            target = cache_dir / f"{Path(source).stem}.ttf"
            if not target.exists() or target.stat().st_mtime < (FONTS / source).stat().st_mtime:
                _to_truetype(FONTS / source, target)
            pdfmetrics.registerFont(PdfFont(name, str(target)))
    return REGULAR, BOLD
