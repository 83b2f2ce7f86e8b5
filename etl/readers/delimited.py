"""CSV (and tab-separated) exports: detect the encoding (UTF-8 ± BOM, UTF-16, GBK, GB18030), read in chunks."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from etl.readers.base import CHUNK_ROWS, HEAD_ROWS, ReadError, Sheet, check_width, chunk_rows
from etl.validate import ROW

# Tried in order; GBK before GB18030 so the report names the narrower encoding the file really uses.
ENCODINGS = (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030"))
BLOCK = 1 << 20
SAMPLE_BYTES = 256 * 1024
_TOO_MANY = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _decodes(path: Path, encoding: str, skip: int = 0) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        fh.seek(skip)
        try:
            for block in iter(lambda: fh.read(BLOCK), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def detect_encoding(path: Path) -> tuple[str, str]:
    """``(codec, name to report)`` of a text file; the whole file is checked, not just its start."""
    with path.open("rb") as fh:
        start = fh.read(4)
    if start.startswith(codecs.BOM_UTF8):
        if _decodes(path, "utf-8", skip=3):
            return "utf-8-sig", "UTF-8 (BOM)"
    elif start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    for codec, name in ENCODINGS:
        if _decodes(path, codec):
            return codec, name
    raise ReadError(
        f"文件“{path.name}”的编码无法识别（不是 UTF-8、GBK 或 GB18030 文本）。"
        "请在 Excel 中打开后“另存为”CSV UTF-8 或 .xlsx 格式再导入"
    )


def text_encoding(path: Path) -> tuple[str, str] | None:
    """The encoding of a text file (a CSV renamed to .xlsx is still a CSV), ``None`` if it is not text."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        return detect_encoding(path)
    except ReadError:
        return None


def _head(path: Path, codec: str) -> tuple[list[list[str]], str, bool]:
    """The first rows, the delimiter (the most frequent of , \\t ; | in them) and whether the last of them may be
    cut short (it ran past the sample read)."""
    with path.open("r", encoding=codec, newline="") as fh:
        sample = fh.read(SAMPLE_BYTES)
    all_lines = sample.splitlines()
    lines = all_lines[:HEAD_ROWS]
    cut = len(sample) == SAMPLE_BYTES and len(all_lines) <= HEAD_ROWS and not sample.endswith(("\n", "\r"))
    delimiter = max(",\t;|", key=lambda d: sum(line.count(d) for line in lines))
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    return [[cell if cell.strip() else None for cell in row] for row in rows], delimiter, cut


def _parser_message(path: Path, after_row: int, detail: str) -> str:
    found = _TOO_MANY.search(detail)
    if found:
        expected, line, saw = found.groups()
        return (
            f"文件“{path.name}”第 {line} 行有 {saw} 列，多于表头的 {expected} 列。"
            "请检查该行是否有多余的分隔符（逗号）或未闭合的引号，修正后重新导入"
        )
    return f"文件“{path.name}”第 {after_row} 行之后格式有误（{detail.strip()}）。请检查分隔符和引号，修正后重新导入"


def read_delimited(
    path: Path, detected: tuple[str, str] | None = None, max_columns: int | None = None
) -> tuple[Sheet, str]:
    """The file as one sheet, and the encoding's name for the report; a file whose first lines are wider than
    ``max_columns`` is refused before its body is read."""
    codec, encoding = detected or detect_encoding(path)
    head, delimiter, cut = _head(path, codec)
    width = max((len(r) for r in head), default=0)
    if max_columns is not None:
        check_width(path, width, max_columns, at_least=cut and len(head[-1]) == width)

    def body(start: int) -> Iterator[pd.DataFrame]:
        reader = pd.read_csv(
            path,
            encoding=codec,
            sep=delimiter,
            header=None,
            names=range(width),
            skiprows=start,
            dtype=object,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            chunksize=min(CHUNK_ROWS, chunk_rows(width)),
            engine="c",
        )
        first = start + 1
        try:
            for frame in reader:
                frame[ROW] = range(first, first + len(frame))
                first += len(frame)
                yield frame
        except pd.errors.ParserError as exc:
            raise ReadError(_parser_message(path, first, str(exc))) from exc

    return Sheet(name=None, head=head, body=body), encoding
