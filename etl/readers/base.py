"""What a reader hands on: a source file's sheets of raw cells, and the rows every reader drops (blank, 合计)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd

from etl.validate import ROW

HEAD_ROWS = 40
CHUNK_ROWS = 100_000
CHUNK_CELLS = 1_500_000  # a wide table is read in fewer rows at a time: a chunk's cells, not its rows, are bounded
TOTAL_WORDS = frozenset(
    w.replace(" ", sep)
    for w in ("合计", "总计", "小计", "合 计", "总 计", "小 计", "全市合计", "总合计")
    for sep in (" ", "  ", "\u3000", "")
) | {"合计：", "总计：", "合计:", "总计:"}
NOTE_PREFIXES = ("注：", "注:", "备注", "说明：", "说明:", "填表人", "制表人", "制表：", "审核人", "数据来源")
# The signature block under a table: a few words and a colon (联系电话：…, 填报单位（盖章）：…, 制表日期：…).
NOTE_LABEL = re.compile(r"[\u4e00-\u9fff（）()]{2,12}\s*[：:]")


class ReadError(Exception):
    """A file that cannot be read at all; the message (Chinese) names the file and says what to do."""


@dataclass
class Sheet:
    """One table of a source: its first rows (to find the header) and its body in chunks.

    ``body(start)`` yields frames of the raw cells from grid row ``start`` on, columns numbered by position,
    with a ``_row`` column holding the row number as the operator sees it in Excel (1-based).
    """

    name: str | None
    head: list[list[object]]
    body: Callable[[int], Iterator[pd.DataFrame]]
    total_rows: int | None = None
    # Excel row → (0-based column, formula) of the formula cells saved without a cached value (.xlsx only)
    uncalculated: dict[int, list[tuple[int, str | None]]] = field(default_factory=dict)


@dataclass
class SourceFile:
    path: Path
    format: str  # csv, xlsx, xls, html, xml
    checksum: str
    encoding: str | None
    sheets: list[Sheet]
    warnings: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # the workbook's hidden sheets, left unread


def chunk_rows(width: int) -> int:
    """How many rows of a table ``width`` columns wide are read at a time."""
    return max(100, min(CHUNK_ROWS, CHUNK_CELLS // max(width, 1)))


def check_width(path: Path, width: int, max_columns: int, sheet: str | None = None, at_least: bool = False) -> None:
    """Refuse a table wider than ``[etl] max_columns`` before its rows are read; ``at_least``: ``width`` was
    counted on a row read only in part."""
    if width > max_columns:
        where = f"文件“{path.name}”的工作表“{sheet}”" if sheet else f"文件“{path.name}”"
        raise ReadError(
            f"{where}{'至少' if at_least else ''}有 {width:,} 列，超过导入上限 {max_columns:,} 列"
            "（配置 [etl] max_columns），未读取。请删除多余的列，或在原系统中只导出需要的列后再导入"
        )


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def drop_filler_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that carry no data: blank rows, 合计/总计/小计 rows and the notes under a table (注：…, 填表人：…)."""
    cells = frame.drop(columns=ROW)
    filled = cells.notna().sum(axis=1)
    drop = cells.isin(TOTAL_WORDS).any(axis=1) | (filled == 0)
    for idx in frame.index[(filled > 0) & (filled <= 2)]:
        texts = [str(v).strip() for v in cells.loc[idx] if pd.notna(v)]
        drop[idx] = drop[idx] or not any(texts) or texts[0].startswith(NOTE_PREFIXES) or _is_note(texts[0], cells)
    return frame[~drop]


def _is_note(text: str, cells: pd.DataFrame) -> bool:
    """A label-and-colon line under a table of more than three columns (a narrow table's rows are left alone)."""
    return cells.shape[1] > 3 and NOTE_LABEL.match(text) is not None


def row_frames(rows: Iterable[list[object]], first: int, width: int, size: int | None = None) -> Iterator[pd.DataFrame]:
    """Frames of ``rows`` (the first is grid row ``first``; grid row 0 is Excel row 1) in chunks of ``width``
    columns (``size`` rows each, by default :func:`chunk_rows`), with Excel row numbers; rows are turned into
    frames one chunk at a time."""
    iterator = iter(rows)
    begin = first
    while chunk := list(islice(iterator, size or chunk_rows(width))):
        cells = [[*r[:width], *[None] * (width - len(r))] for r in chunk]
        frame = pd.DataFrame(cells, columns=range(width), dtype=object)
        frame[ROW] = range(begin + 1, begin + 1 + len(chunk))
        begin += len(chunk)
        yield frame


def grid_frames(grid: list[list[object]], start: int, size: int | None = None) -> Iterator[pd.DataFrame]:
    """Frames of ``grid[start:]`` in chunks, with Excel row numbers (grid row 0 is Excel row 1)."""
    return row_frames(grid[start:], start, max((len(r) for r in grid), default=0), size)


def grid_sheet(name: str | None, grid: list[list[object]]) -> Sheet:
    """A sheet over a grid already in memory."""

    def body(start: int) -> Iterator[pd.DataFrame]:
        return grid_frames(grid, start)

    return Sheet(name=name, head=grid[:HEAD_ROWS], body=body, total_rows=len(grid))
