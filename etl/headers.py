"""Header detection: find the header row below title rows, match its cells to a kind's fields, recognise the kind.

The alias map is the catalogue in ``etl.kinds`` (each field's label and aliases) plus the vocabulary's extra
headers (``etl.vocab``: TOML and saved mappings). Both sides are normalised before they are compared — spaces,
full-width forms, traditional characters, brackets and units such as “（万元）”/“(%)”, 序号-like prefixes
(“1.”、“一、”、“①”), the affixes 所属/名称/单位 and 日期/时间 — and every header is scored against every
field: the same words (100), the same characters in another order such as 县区/区县 (90), an alias at the start
or end of a longer header such as 实际办结时间 (60 + its length). A header takes the field it scores best on only
when no other field scores as well (a clear winner); each field takes its best header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import PurePath

from etl.hanzi import fold_text, to_simplified
from etl.kinds import KINDS, SourceKind

HEADER_SCAN_ROWS = 30
MIN_MATCHED = 2
EXACT, REORDERED, CONTAINED = 100, 90, 60
MIN_CONTAINED = 3  # an alias must have this many characters to be found inside a longer header
SUGGEST_RATIO = 0.4
_BRACKETS = re.compile(r"[(\[【（〔<《][^()\[\]【】（）〔〕<>《》]*[)\]】）〕>》]")
_PREFIX = re.compile(r"^(?:\d{1,3}[.、)）\s]+|[一二三四五六七八九十]{1,3}[、.)）]|[①-⑳]|[a-z][.、)）])")
_NOISE = re.compile(r"[\s*＊:：\"'“”‘’、/\\_\-—·.,，;；?？!！#＃%％]+")
_AFFIXES = (re.compile(r"^所属"), re.compile(r"(?:名称|单位)$"))
_TIME_WORDS = re.compile(r"(?:日期|时间|时刻)$")


def clean_header(cell: object) -> str:
    """Header text as it is compared: ``“ 1. 所屬 縣區（必填）* ”`` → ``县区``; ``""`` for a blank cell."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    text = to_simplified(fold_text(str(cell))).lower()
    text = _PREFIX.sub("", text.strip())
    previous = None
    while previous != text:
        previous, text = text, _BRACKETS.sub("", text)
    text = _NOISE.sub("", text)
    for affix in _AFFIXES:
        stripped = affix.sub("", text)
        while len(stripped) >= 2 and stripped != text:
            text, stripped = stripped, affix.sub("", stripped)
    return _TIME_WORDS.sub("日期", text) if len(text) > 2 else text


def header_text(cell: object) -> str:
    """A header as the operator wrote it, on one line."""
    return " ".join(str(cell).split())


@lru_cache(maxsize=256)
def _keys(kind_name: str, extra: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, frozenset[str]]:
    """Field name → the cleaned forms of its name, label, aliases and extra headers."""
    added = dict(extra)
    return {
        f.name: frozenset(k for k in map(clean_header, (f.name, *f.headers, *added.get(f.name, ()))) if k)
        for f in KINDS[kind_name].fields
    }


def field_keys(kind: SourceKind, extra: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, frozenset[str]]:
    return _keys(kind.name, tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items())))


def score(header: str, keys: Iterable[str]) -> int:
    """How well a cleaned header names a field with these cleaned keys (0: not at all)."""
    best = 0
    for key in keys:
        if header == key:
            return EXACT
        if len(key) >= 2 and len(header) == len(key) and sorted(header) == sorted(key):
            best = max(best, REORDERED)
        elif len(key) >= MIN_CONTAINED and len(header) > len(key) and (header.startswith(key) or header.endswith(key)):
            best = max(best, CONTAINED + len(key))
    return best


@dataclass(frozen=True)
class HeaderMatch:
    """Where a sheet's header is and what each column means for ``kind``."""

    kind: SourceKind
    header_index: int  # 0-based position of the (last) header row in the grid
    columns: dict[int, str]  # column position → field name
    extra: tuple[str, ...]  # headers nobody asked for (ignored, reported)
    duplicates: tuple[str, ...]  # fields named by more than one column (the first one is used)
    headers: dict[str, str]  # canonical Chinese label → the header as written in the file
    points: int = 0  # the sum of the matched headers' scores
    written: tuple[str, ...] = ()  # every header of the row, in file order

    @property
    def missing_required(self) -> tuple[str, ...]:
        found = set(self.columns.values())
        return tuple(f.label for f in self.kind.required if f.name not in found)

    @property
    def score(self) -> tuple[int, int, int]:
        return (len(self.kind.required) - len(self.missing_required), len(self.columns), self.points)

    def closest(self, label: str) -> str | None:
        """The ignored header most like the field labelled ``label`` (for “是否即…？”), if any is close."""
        f = next(f for f in self.kind.fields if f.label == label)
        keys = field_keys(self.kind)[f.name]
        ratios = [(max(SequenceMatcher(None, clean_header(h), k).ratio() for k in keys), h) for h in self.extra]
        ratio, header = max(ratios, default=(0.0, None))
        return header if ratio >= SUGGEST_RATIO else None


def match_row(
    kind: SourceKind, cells: Sequence[object], header_index: int, extra: Mapping[str, tuple[str, ...]] | None = None
) -> HeaderMatch:
    keys = field_keys(kind, extra)
    cleaned = {pos: clean_header(cell) for pos, cell in enumerate(cells)}
    cleaned = {pos: text for pos, text in cleaned.items() if text}
    candidates: list[tuple[int, int, str]] = []
    for pos, text in cleaned.items():
        scores = sorted(((score(text, k), name) for name, k in keys.items()), reverse=True)
        best, name = scores[0]
        if best and (len(scores) == 1 or scores[1][0] < best):
            candidates.append((best, pos, name))
    columns: dict[int, str] = {}
    duplicates: list[int] = []
    points = 0
    for best, pos, name in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if name not in columns.values():
            columns[pos] = name
            points += best
        elif best >= REORDERED:
            duplicates.append(pos)
    columns = dict(sorted(columns.items()))
    extra_headers = tuple(header_text(cells[pos]) for pos in cleaned if pos not in columns and pos not in duplicates)
    headers = {kind.field(name).label: header_text(cells[pos]) for pos, name in columns.items()}
    dup_headers = tuple(header_text(cells[pos]) for pos in sorted(duplicates))
    written = tuple(header_text(cells[pos]) for pos in cleaned)
    return HeaderMatch(kind, header_index, columns, extra_headers, dup_headers, headers, points, written)


def merge_rows(upper: Sequence[object], lower: Sequence[object]) -> list[object]:
    """A two-row header: the lower cell where it has text, else the upper one (merged group titles)."""
    width = max(len(upper), len(lower))
    pad = [*upper, *[None] * (width - len(upper))], [*lower, *[None] * (width - len(lower))]
    return [lo if clean_header(lo) else up for up, lo in zip(*pad, strict=True)]


def find_header(
    kind: SourceKind, grid: Sequence[Sequence[object]], extra: Mapping[str, tuple[str, ...]] | None = None
) -> HeaderMatch | None:
    """The best header row for ``kind`` within the first rows of ``grid``, or ``None`` if none fits.

    A row right below the best row that names further fields makes a two-row header (group titles merged above
    the columns they span).
    """
    best: HeaderMatch | None = None
    for i, cells in enumerate(grid[:HEADER_SCAN_ROWS]):
        match = match_row(kind, cells, i, extra)
        if len(match.columns) >= MIN_MATCHED and (best is None or match.score > best.score):
            best = match
    if best is None:
        return None
    below = best.header_index + 1
    if below < len(grid):
        merged = match_row(kind, merge_rows(grid[best.header_index], grid[below]), below, extra)
        if len(merged.columns) > len(best.columns):
            return merged
    return best


def kind_from_name(name: str) -> SourceKind | None:
    """The kind whose file prefix starts the name (the longest prefix wins): ``企业诉求_2026-11.xlsx`` → appeals."""
    stem = PurePath(name).name.lower()
    hits = [(len(p), k) for k in KINDS.values() for p in k.file_prefixes if stem.startswith(p.lower())]
    return max(hits, key=lambda h: h[0])[1] if hits else None


def detect(
    grid: Sequence[Sequence[object]],
    candidates: Iterable[SourceKind] | None = None,
    extra: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
) -> list[HeaderMatch]:
    """Header matches of every kind with all its required fields present, best first."""
    kinds = list(candidates or KINDS.values())
    matches = [find_header(k, grid, (extra or {}).get(k.name)) for k in kinds]
    complete = [m for m in matches if m is not None and not m.missing_required]
    return sorted(complete, key=lambda m: (len(m.columns), -len(m.extra)), reverse=True)
