"""Header detection: find the header row below title rows, match its cells to a kind's fields, recognise the kind.

The one column alias map is the catalogue in ``etl.kinds`` (each field's label and aliases); this module only
cleans header text (spaces, full-width brackets, units such as "（万元）", required-field stars) before matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from etl.kinds import KINDS, SourceKind
from etl.normalise import fold_text

HEADER_SCAN_ROWS = 30
MIN_MATCHED = 2
_UNIT = re.compile(r"[(\[【（][^()\[\]【】（）]*[)\]】）]$")
_NOISE = re.compile(r"[\s*＊:：]+")


def clean_header(cell: object) -> str:
    """Header text reduced to what is compared: no spaces, stars, colons or a trailing unit in brackets."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    text = _NOISE.sub("", fold_text(str(cell)))
    while _UNIT.search(text):
        text = _UNIT.sub("", text)
    return text


@cache
def alias_index(kind_name: str) -> dict[str, str]:
    """Cleaned header → field name for one kind (canonical names are accepted too, for upstream queries)."""
    index: dict[str, str] = {}
    for f in KINDS[kind_name].fields:
        for header in (f.name, *f.headers):
            index.setdefault(clean_header(header), f.name)
    return index


@dataclass(frozen=True)
class HeaderMatch:
    """Where a sheet's header is and what each column means for ``kind``."""

    kind: SourceKind
    header_index: int  # 0-based position of the (last) header row in the grid
    columns: dict[int, str]  # column position → field name
    extra: tuple[str, ...]  # headers nobody asked for (ignored, reported)
    duplicates: tuple[str, ...]  # fields named by more than one column (the first one is used)
    headers: dict[str, str]  # canonical Chinese label → the header as written in the file

    @property
    def missing_required(self) -> tuple[str, ...]:
        found = set(self.columns.values())
        return tuple(f.label for f in self.kind.required if f.name not in found)

    @property
    def score(self) -> tuple[int, int]:
        return (len(self.kind.required) - len(self.missing_required), len(self.columns))


def match_row(kind: SourceKind, cells: Sequence[object], header_index: int) -> HeaderMatch:
    index = alias_index(kind.name)
    columns: dict[int, str] = {}
    headers: dict[str, str] = {}
    extra: list[str] = []
    duplicates: list[str] = []
    for pos, cell in enumerate(cells):
        name = clean_header(cell)
        if not name:
            continue
        field = index.get(name)
        if field is None:
            extra.append(str(cell).strip())
        elif field in columns.values():
            duplicates.append(str(cell).strip())
        else:
            columns[pos] = field
            headers[kind.field(field).label] = " ".join(str(cell).split())
    return HeaderMatch(kind, header_index, columns, tuple(extra), tuple(duplicates), headers)


def _merge_rows(upper: Sequence[object], lower: Sequence[object]) -> list[object]:
    """A two-row header: the lower cell where it has text, else the upper one (merged group titles)."""
    width = max(len(upper), len(lower))
    pad = [*upper, *[None] * (width - len(upper))], [*lower, *[None] * (width - len(lower))]
    return [lo if clean_header(lo) else up for up, lo in zip(*pad, strict=True)]


def find_header(kind: SourceKind, grid: Sequence[Sequence[object]]) -> HeaderMatch | None:
    """The best header row for ``kind`` within the first rows of ``grid``, or ``None`` if none fits.

    A row right below the best row that names further fields makes a two-row header (group titles merged above
    the columns they span).
    """
    best: HeaderMatch | None = None
    for i, cells in enumerate(grid[:HEADER_SCAN_ROWS]):
        match = match_row(kind, cells, i)
        if len(match.columns) >= MIN_MATCHED and (best is None or match.score > best.score):
            best = match
    if best is None:
        return None
    below = best.header_index + 1
    if below < len(grid):
        merged = match_row(kind, _merge_rows(grid[best.header_index], grid[below]), below)
        if len(merged.columns) > len(best.columns):
            return merged
    return best


def kind_from_name(name: str) -> SourceKind | None:
    """The kind whose file prefix starts the name (the longest prefix wins): ``企业诉求_2026-11.xlsx`` → appeals."""
    stem = PurePath(name).name.lower()
    hits = [(len(p), k) for k in KINDS.values() for p in k.file_prefixes if stem.startswith(p.lower())]
    return max(hits, key=lambda h: h[0])[1] if hits else None


def detect(grid: Sequence[Sequence[object]], candidates: Iterable[SourceKind] | None = None) -> list[HeaderMatch]:
    """Header matches of every kind with all its required fields present, best first."""
    matches = [find_header(k, grid) for k in (candidates or KINDS.values())]
    complete = [m for m in matches if m is not None and not m.missing_required]
    return sorted(complete, key=lambda m: (len(m.columns), -len(m.extra)), reverse=True)
