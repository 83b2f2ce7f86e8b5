"""What an .xlsx says about its worksheets before any cell is read: each sheet's name, whether it is hidden, the
ZIP member holding it and that member's size (and the shared strings part's size), the width its ``<dimension>``
declares, and — in one streamed pass over the sheet's XML that keeps no cells — its merged ranges and the formula
cells saved without a cached value.

A formula cell whose ``<v>`` is missing (or empty, unless the formula's result is a string) was never calculated:
openpyxl and scripts write such cells, and Excel fills the cache only when it opens and saves the file. Every
reader sees an empty cell there; the import rejects it instead of loading a blank (``etl.importer``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError, fromstring
from xml.sax.saxutils import unescape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLOCK = 1 << 20
HEAD_BYTES = 1 << 20  # the part of a sheet's XML read for its declared or first rows' width
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"\$?([A-Z]+)\$?\d+(?::\$?([A-Z]+)\$?\d+)?\"")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+)\d+\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.DOTALL)
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?\"")
_ENDS = (b"</c>", b"</row>")

Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class SheetPart:
    """A worksheet as the workbook lists it: ``state`` is visible, hidden or veryHidden."""

    name: str
    state: str
    member: str
    size: int

    @property
    def hidden(self) -> bool:
        return self.state != "visible"


@dataclass
class SheetScan:
    """What one pass over a sheet's XML found: merged ranges (0-based, inclusive) and, per Excel row, the
    0-based columns of formula cells without a cached value with the formula's text (``None`` for a shared one)."""

    merged: list[Range] = field(default_factory=list)
    uncalculated: dict[int, list[tuple[int, str | None]]] = field(default_factory=dict)


def column_index(letters: bytes | str) -> int:
    """0-based column of ``A``, ``Z``, ``AA``, …"""
    index = 0
    for ch in letters if isinstance(letters, str) else letters.decode("ascii"):
        index = index * 26 + ord(ch) - 64
    return index - 1


def column_letters(index: int) -> str:
    """``A``, ``Z``, ``AA``, … of a 0-based column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_parts(book: zipfile.ZipFile) -> list[SheetPart] | None:
    """The workbook's worksheets in tab order, ``None`` when its workbook part cannot be read (the cell reader
    then reports what is wrong)."""
    try:
        workbook = fromstring(book.read("xl/workbook.xml"))
        rels = fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ParseError, zipfile.BadZipFile, OSError):
        return None
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(f"{{{RELS}}}Relationship")}
    sizes = {info.filename: info.file_size for info in book.infolist()}
    parts = []
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{DOC_RELS}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if member in sizes:
            parts.append(SheetPart(sheet.get("name") or "", sheet.get("state") or "visible", member, sizes[member]))
    return parts


def shared_strings_size(book: zipfile.ZipFile) -> int:
    """The size of the workbook's shared strings part (the one its relationships name, else the usual
    ``xl/sharedStrings.xml``), 0 when it has none."""
    member = "xl/sharedStrings.xml"
    try:
        rels = fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ParseError, zipfile.BadZipFile, OSError):
        rels = None
    for rel in rels.iter(f"{{{RELS}}}Relationship") if rels is not None else ():
        if (rel.get("Type") or "").endswith("/sharedStrings"):
            target = rel.get("Target") or ""
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    try:
        return book.getinfo(member).file_size
    except KeyError:
        return 0


def declared_width(book: zipfile.ZipFile, member: str) -> int:
    """The columns a sheet spans: its ``<dimension>``'s last column, or more if its first rows go further (read
    from the start of its XML only)."""
    with book.open(member) as fh:
        head = fh.read(HEAD_BYTES)
    found = _DIMENSION.search(head)
    declared = column_index(found[2] or found[1]) + 1 if found else 0
    seen = max((column_index(m) + 1 for m in _CELL_REF.findall(head)), default=0)
    return max(declared, seen)


def _blocks(book: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The sheet's XML in pieces that each end after a cell or a row (past the cells: after a tag), so that no
    cell or ``<mergeCell>`` is split."""
    carry = b""
    with book.open(member) as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            data = carry + block
            cut = max(data.rfind(end) + len(end) if end in data else 0 for end in _ENDS) or data.rfind(b">") + 1
            yield data[:cut]
            carry = data[cut:]
    yield carry


def _has_formula(block: bytes) -> bool:
    return b"<f" in block or b":f>" in block or b":f " in block


def _uncalculated(attrs: bytes, body: bytes | None) -> tuple[int, int, str | None] | None:
    """``(Excel row, column, formula)`` of a formula cell without a cached value, else ``None``."""
    if not body:
        return None
    formula = _FORMULA.search(body)
    ref = _REF.search(attrs)
    if formula is None or ref is None:
        return None
    value = _VALUE.search(body)
    typ = _TYPE.search(attrs)
    if value is not None and (value[1] or (typ is not None and typ[1] == b"str")):
        return None
    text = unescape(formula[1].decode("utf-8", "replace")) if formula[1] else None
    return int(ref[2]), column_index(ref[1]), text


def scan_sheet(book: zipfile.ZipFile, member: str) -> SheetScan:
    """Merged ranges and uncalculated formula cells of one sheet, its XML streamed (no cell is kept)."""
    scan = SheetScan()
    for block in _blocks(book, member):
        if _has_formula(block):
            for attrs, body in _CELL.findall(block):
                found = _uncalculated(attrs, body)
                if found is not None:
                    scan.uncalculated.setdefault(found[0], []).append(found[1:])
        if b"mergeCell" in block:
            for c0, r0, c1, r1 in _MERGE.findall(block):
                top, left = int(r0) - 1, column_index(c0)
                scan.merged.append(((top, left), ((int(r1) - 1) if r1 else top, column_index(c1) if c1 else left)))
    return scan
