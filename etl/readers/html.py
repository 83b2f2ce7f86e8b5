"""HTML tables, as many government systems export them under an .xls/.xlsx name (or as .htm): every ``<table>``
becomes a sheet of raw cells, read with the standard library's ``html.parser``.

The charset comes from the ``<meta>`` tag (gb2312 is read as its superset GBK), else from the bytes as for a CSV.
``th`` and ``td`` are both cells; a cell spanning columns or rows (colspan/rowspan) gives its value to every cell
it covers, as a merged Excel cell does; unclosed ``td``/``tr`` tags close at the next one, as browsers do. The code
of ``<script>`` and ``<style>`` elements is never cell text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

from etl.readers.base import ReadError, Sheet, check_width, grid_sheet
from etl.readers.delimited import detect_encoding

SNIFF_BYTES = 64 * 1024
BLOCK = 1 << 20
MAX_SPAN = 1000  # a hostile rowspan="100000000" must not fill memory
HIDDEN_TAGS = ("script", "style")
_MARKERS = (b"<table", b"<html", b"<!doctype html", b"<tr", b"<meta")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)""", re.IGNORECASE)
_ALIASES = {"gb2312": "gbk", "gb_2312-80": "gbk", "x-gbk": "gbk", "utf8": "utf-8", "big5-hkscs": "big5hkscs"}


def looks_like_html(path: Path) -> bool:
    """Whether the file starts (after a BOM and spaces) like HTML or holds a ``<table`` early on."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    text = head.lstrip(codecs.BOM_UTF8).lstrip().lower()
    return text.startswith(b"<") and any(m in text for m in _MARKERS)


def _charset(path: Path) -> tuple[str, str]:
    """``(codec, name to report)`` from the meta tag if it names a codec Python knows and the bytes fit it."""
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    found = _CHARSET.search(head)
    if found:
        declared = found[1].decode("ascii").lower()
        codec = _ALIASES.get(declared, declared)
        try:
            codecs.lookup(codec)
        except LookupError:
            codec = ""
        if codec and _decodes(path, codec):
            return codec, declared.upper()
    return detect_encoding(path)


def _decodes(path: Path, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    with path.open("rb") as fh:
        try:
            for block in iter(lambda: fh.read(BLOCK), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


class _Tables(HTMLParser):
    """Collects the top-level tables of a document as grids (rows of cell texts, spans filled)."""

    def __init__(self, check_width: Callable[[int], None]) -> None:
        super().__init__(convert_charrefs=True)
        self.check_width = check_width  # raises on a row wider than the limit, before the table is kept
        self.tables: list[list[list[str | None]]] = []
        self.depth = 0
        self.row: list[tuple[str, int, int]] | None = None  # (text, colspan, rowspan)
        self.cell: list[str] | None = None
        self.spans: tuple[int, int] = (1, 1)
        self.rows: list[list[tuple[str, int, int]]] = []
        self.hidden = 0  # inside <script> or <style>: code, not cell text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.rows = []
        elif self.depth != 1:
            return
        elif tag == "tr":
            self._close_row()
            self.row = []
        elif tag in ("td", "th"):
            self._close_cell()
            if self.row is None:
                self.row = []
            named = dict(attrs)
            self.cell, self.spans = [], (_span(named.get("colspan")), _span(named.get("rowspan")))
        elif tag in ("br", "p", "div") and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(self.hidden - 1, 0)
        elif tag == "table":
            if self.depth == 1:
                self._close_row()
                self.tables.append(_grid(self.rows))
            self.depth = max(self.depth - 1, 0)
        elif self.depth == 1 and tag in ("td", "th"):
            self._close_cell()
        elif self.depth == 1 and tag == "tr":
            self._close_row()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.hidden:
            self.cell.append(data)

    def _close_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append((" ".join("".join(self.cell).split()), *self.spans))
        self.cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self.row is not None:
            self.check_width(sum(colspan for _text, colspan, _rowspan in self.row))
            self.rows.append(self.row)
        self.row = None

    def close(self) -> None:
        super().close()
        if self.depth >= 1:  # a table never closed: keep what it has
            self._close_row()
            self.tables.append(_grid(self.rows))
            self.depth = 0


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str | None]]:
    """Rows of cells with every spanned position filled with the spanning cell's text."""
    grid: list[list[str | None]] = []
    below: dict[int, tuple[str, int]] = {}  # column → (text, rows still covered)
    for cells in rows:
        row: list[str | None] = []
        queue = list(cells)
        col = 0
        while queue or any(c >= col for c in below):
            if col in below:
                text, left = below.pop(col)
                row.append(text or None)
                if left > 1:
                    below[col] = (text, left - 1)
                col += 1
                continue
            if not queue:
                row.append(None)
                col += 1
                continue
            text, colspan, rowspan = queue.pop(0)
            for _ in range(colspan):
                row.append(text or None)
                if rowspan > 1:
                    below[col] = (text, rowspan - 1)
                col += 1
        grid.append(row)
    return grid


def read_html(path: Path, max_columns: int = 1000) -> tuple[list[Sheet], str]:
    """Every table of the document as a sheet, and the charset's name for the report; a row wider than
    ``max_columns`` (its cells' colspans summed) stops the reading with a :class:`ReadError`."""
    codec, encoding = _charset(path)
    parser = _Tables(partial(check_width, path, max_columns=max_columns))
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(BLOCK), b""):
            parser.feed(decoder.decode(block))
    parser.feed(decoder.decode(b"", final=True))
    parser.close()
    grids = [g for g in parser.tables if any(sum(c is not None for c in row) >= 2 for row in g)]
    if not grids:
        raise ReadError(
            f"文件“{path.name}”是网页（HTML）文件，但其中没有数据表格（<table>）。"
            "请在原系统中重新导出为 Excel（.xlsx）或 CSV 后再导入"
        )
    several = len(grids) > 1
    return [grid_sheet(f"表格{i}" if several else None, g) for i, g in enumerate(grids, 1)], encoding
