"""Import files: read each one, recognise the kind of every sheet, normalise its cells and load it in one go.

Kind precedence: ``--kind``; else, for each sheet, the sheet name's prefix (workbooks with several sheets), the
file name's prefix, then the headers. A file is loaded in one transaction — all its sheets or none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from config import ConfigError, Settings
from data.engine import Store
from etl.headers import HEADER_SCAN_ROWS, HeaderMatch, detect, find_header, kind_from_name, match_row
from etl.kinds import KINDS, SourceKind
from etl.load import FAILED, LoadResult, Part, load_parts, record_failed_run
from etl.mappings import SavedMapping, find_mapping, load_mappings, mapping_hint
from etl.normalise import normalise_frame
from etl.progress import Progress
from etl.readers import ReadError, Sheet, SourceFile, open_source
from etl.readers.base import drop_filler_rows
from etl.readers.open import Limits
from etl.readers.xlsx_parts import column_letters
from etl.template import example_rows
from etl.validate import ROW, Reject
from etl.vocab import DEFAULT, Vocabulary

UNKNOWN_KIND = "unknown"
NOTE_SHEETS = frozenset({"说明", "填表说明", "填写说明", "字段说明", "使用说明", "填报说明"})
KIND_ORDER = {name: i for i, name in enumerate(KINDS)}


class HeaderError(ReadError):
    """A sheet whose header does not give the kind's required fields; carries what /operator needs to map them."""

    def __init__(self, message: str, kind: SourceKind, match: HeaderMatch | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.match = match


@dataclass
class SheetPlan:
    sheet: Sheet
    match: HeaderMatch
    vocab: Vocabulary = DEFAULT
    mapping: SavedMapping | None = None  # the saved 导入方案 this sheet is read with

    @property
    def where(self) -> str:
        return f"工作表“{self.sheet.name}”" if self.sheet.name else "文件"


def _has_cells(sheet: Sheet) -> bool:
    return any(cell is not None and str(cell).strip() for row in sheet.head for cell in row)


def _choose(sheet: Sheet, file_kind: SourceKind | None, several: bool, name: str, vocab: Vocabulary) -> HeaderMatch:
    """The kind and header of one sheet; raises ReadError naming what to do when it cannot be told."""
    where = f"“{name}”的工作表“{sheet.name}”" if several else f"“{name}”"
    named = kind_from_name(sheet.name) if several and sheet.name else None
    if named is None and file_kind is not None and not several:
        named = file_kind
    if named is None:
        found = detect(sheet.head, extra=vocab.aliases)
        if len(found) > 1 and len(found[0].columns) == len(found[1].columns):
            raise ReadError(
                f"{where}的表头同时符合“{found[0].kind.label}”和“{found[1].kind.label}”，无法判断数据类型。"
                "请用 --kind 指定，或按约定给文件命名（如 企业诉求_2026-11.xlsx）"
            )
        named = found[0].kind if found else file_kind
    if named is None:
        raise ReadError(
            f"无法识别{where}的数据类型：文件名前缀和表头都不符合任何已知数据类型。"
            f"请按约定命名文件（如 企业诉求_2026-11.xlsx），或用 --kind 指定（可选：{', '.join(KINDS)}）"
        )
    return _header_of(named, sheet, where, vocab)


def _header_of(kind: SourceKind, sheet: Sheet, where: str, vocab: Vocabulary) -> HeaderMatch:
    match = find_header(kind, sheet.head, vocab.extra_headers(kind))
    if match is None:
        fullest = max(
            (match_row(kind, cells, i) for i, cells in enumerate(sheet.head[:HEADER_SCAN_ROWS])),
            key=lambda m: len(m.written),
            default=None,
        )
        raise HeaderError(
            f"{where}中找不到“{kind.label}”的表头行（前 30 行里没有一行包含至少两个已知列名）。"
            f"请确认表头包含 {'、'.join(f.label for f in (kind.required or kind.fields[:3]))} 等列",
            kind,
            fullest if fullest is not None and len(fullest.written) >= 2 else None,
        )
    if match.missing_required:
        hints = [(label, match.closest(label)) for label in match.missing_required]
        asked = "；".join(f"表头中有“{h}”，是否即“{label}”？" for label, h in hints if h)
        raise HeaderError(
            f"{where}按“{kind.label}”导入，但表头（第 {match.header_index + 1} 行）缺少必需的列："
            f"{'、'.join(match.missing_required)}。{asked}"
            f"文件的表头为：{'、'.join(match.written)}。"
            "请补上这些列或更正列名后重新导入，或在“数据操作”页把表头对应到字段并保存为导入方案",
            kind,
            match,
        )
    return match


def plan_sheets(
    source: SourceFile,
    forced: SourceKind | None,
    vocab: Vocabulary = DEFAULT,
    mappings: Sequence[SavedMapping] = (),
) -> tuple[list[SheetPlan], list[str]]:
    """What to load from each sheet of ``source``, in load order, and notes about the sheets left out."""
    sheets = [s for s in source.sheets if _has_cells(s)]
    if len(sheets) > 1:
        sheets = [s for s in sheets if (s.name or "").strip() not in NOTE_SHEETS] or sheets
    if not sheets:
        if source.hidden:
            raise ReadError(
                f"文件“{source.path.name}”中没有可见的内容：可见的工作表都是空的，隐藏的工作表"
                f"{_names(source.hidden)}未读取。如需导入隐藏的工作表，请在 Excel 中取消隐藏后保存，再导入"
            )
        raise ReadError(f"文件“{source.path.name}”中没有任何内容（所有工作表都是空的）；请重新导出后再导入")
    several = len(sheets) > 1
    file_kind = kind_from_name(source.path.name)
    plans: list[SheetPlan] = []
    notes: list[str] = []
    for sheet in sheets:
        mapping = find_mapping(mappings, sheet.head, forced)
        sheet_vocab = mapping.vocabulary(vocab) if mapping else vocab
        sheet_kind = forced or (KINDS[mapping.kind] if mapping else None)
        try:
            if sheet_kind is not None:
                where = f"工作表“{sheet.name}”" if several else f"“{source.path.name}”"
                match = _header_of(sheet_kind, sheet, where, sheet_vocab)
            else:
                match = _choose(sheet, file_kind, several, source.path.name, sheet_vocab)
        except ReadError as exc:
            if not several:
                raise
            notes.append(f"工作表“{sheet.name}”未导入：{exc}")
            continue
        plans.append(SheetPlan(sheet, match, sheet_vocab, mapping))
    if not plans:
        raise ReadError(f"文件“{source.path.name}”的工作表都无法识别：{'；'.join(notes)}")
    plans.sort(key=lambda p: KIND_ORDER[p.match.kind.name])
    if source.hidden:
        notes.insert(
            0,
            f"已跳过隐藏的工作表{_names(source.hidden)}（未导入），"
            f"导入的是工作表{_names([p.sheet.name or '' for p in plans])}",
        )
    return plans, notes


def _names(names: Sequence[str]) -> str:
    return "、".join(f"“{n}”" for n in names)


def header_notes(plan: SheetPlan, several: bool) -> list[str]:
    m = plan.match
    notes = []
    if several:
        notes.append(f"{plan.where}按“{m.kind.label}”导入（表头在第 {m.header_index + 1} 行）")
    if m.extra:
        notes.append(f"{plan.where}中以下列不属于“{m.kind.label}”，已忽略：{'、'.join(m.extra)}")
    if m.duplicates:
        notes.append(f"{plan.where}中以下列与前面的列含义相同，已使用前面的列：{'、'.join(m.duplicates)}")
    if plan.mapping is not None:
        notes.append(plan.mapping.note())
    return notes


def _title(plan: SheetPlan, path: Path) -> str:
    """The words around a sheet's table: the rows above its header, the sheet's name and the file's."""
    above = plan.sheet.head[: plan.match.header_index]
    cells = [str(c) for row in above for c in row if c is not None and str(c).strip()]
    return " ".join([*cells, plan.sheet.name or "", path.name])


def uncalculated_rejects(plan: SheetPlan, rows: Iterable[int]) -> list[Reject]:
    """The formula cells of ``rows`` (Excel rows) saved without a cached value, in columns the import reads: each
    rejects its row, naming the cell, since the value it shows in Excel is not in the file."""
    found = plan.sheet.uncalculated
    if not found:
        return []
    kind, columns = plan.match.kind, plan.match.columns
    return [
        Reject(
            row,
            kind.field(columns[col]).label,
            f"={formula}" if formula else None,
            f"{column_letters(col)}{row} 单元格是公式，但文件中没有公式的计算结果（未计算，无缓存值）；"
            "请在 Excel 中打开该文件并保存后再导入",
        )
        for row in rows
        for col, formula in found.get(row, ())
        if col in columns
    ]


def _raw_chunks(plan: SheetPlan) -> Iterator[pd.DataFrame]:
    """The sheet's body, then its rows below the body's last that hold only uncalculated formulas (a reader
    ends the sheet at its last value)."""
    last = plan.match.header_index + 1  # the header's Excel row
    for raw in plan.sheet.body(plan.match.header_index + 1):
        last = max(last, int(raw[ROW].max()) if len(raw) else last)
        yield raw
    below = sorted(row for row in plan.sheet.uncalculated if row > last)
    if below:
        yield pd.DataFrame({**{c: [None] * len(below) for c in plan.match.columns}, ROW: below}, dtype=object)


def typed_chunks(plan: SheetPlan, progress: Progress | None, examples: list[int]) -> Iterator[tuple]:
    """The sheet's data rows in chunks: filler rows and a template's example rows dropped (the latter's Excel
    rows added to ``examples``), columns renamed to fields, values normalised, the cells of uncalculated formulas
    rejected."""
    columns = plan.match.columns
    first = min(columns)  # the template's first column, where its example row carries the marker
    for raw in _raw_chunks(plan):
        kept = drop_filler_rows(raw)
        marked = example_rows(kept[first])
        if marked.any():
            examples.extend(int(row) for row in kept.loc[marked, ROW])
            kept = kept[~marked]
        frame = kept[[c for c in columns if c in kept.columns] + [ROW]].rename(columns=columns)
        typed, rejects = normalise_frame(plan.match.kind, frame, plan.vocab)
        if plan.sheet.uncalculated:  # rows kept, and rows blank only because their formulas were never calculated
            blank = raw.drop(columns=ROW).isna().all(axis=1)
            rejects = rejects + uncalculated_rejects(plan, [*kept[ROW], *raw.loc[blank, ROW]])
        if progress is not None:
            progress.advance(len(raw))
        yield typed, rejects


def import_file(
    store: Store,
    settings: Settings,
    path: Path,
    *,
    kind: SourceKind | None = None,
    dry_run: bool = False,
    progress_stream: TextIO | None = None,
) -> list[LoadResult]:
    """Import one file; one result per loaded sheet (one for a CSV), or one failed result if it cannot be read."""
    label = str(path)
    source: SourceFile | None = None
    try:
        vocab = Vocabulary.from_settings(settings)
        limits = Limits(settings.etl.max_file_mb, settings.etl.max_uncompressed_mb, settings.etl.max_columns)
        source = open_source(path, limits)
        plans, notes = plan_sheets(source, kind, vocab, load_mappings(store))
    except (ReadError, ConfigError) as exc:
        known = kind or (exc.kind if isinstance(exc, HeaderError) else None) or kind_from_name(path.name)
        result = LoadResult(
            file=label,
            kind=known.name if known else UNKNOWN_KIND,
            status=FAILED,
            encoding=source.encoding if source else None,
            error=str(exc),
            dry_run=dry_run,
        )
        if isinstance(exc, HeaderError) and exc.match is not None:
            result.mapping = mapping_hint(exc.kind, exc.match, {})
        if not dry_run:
            record_failed_run(store, settings, result, source.checksum if source else None)
        return [result]
    several = len(plans) > 1
    total = sum(p.sheet.total_rows or 0 for p in plans) or None
    progress = Progress(progress_stream, path.name, total) if progress_stream is not None else None
    examples: list[list[int]] = [[] for _ in plans]
    parts = [
        Part(
            plan.match.kind,
            typed_chunks(plan, progress, examples[i]),
            label,
            encoding=source.encoding,
            checksum=source.checksum,
            warnings=[*source.warnings, *(notes if i == 0 else []), *header_notes(plan, several)],
            headers=plan.match.headers,
            title=_title(plan, path),
            examples=examples[i],
        )
        for i, plan in enumerate(plans)
    ]
    results = load_parts(store, settings, parts, dry_run=dry_run)
    if progress is not None:
        progress.close()
    for plan, result in zip(plans, results, strict=True):
        unknown: dict[str, list[str]] = {}
        for r in result.rejects:
            if r.label_of and r.value not in unknown.setdefault(r.label_of, []):
                unknown[r.label_of].append(r.value or "")
        if unknown:
            result.mapping = mapping_hint(plan.match.kind, plan.match, unknown)
    return results


def import_paths(
    store: Store,
    settings: Settings,
    paths: Sequence[Path],
    *,
    kind: SourceKind | None = None,
    dry_run: bool = False,
    progress_stream: TextIO | None = None,
) -> list[LoadResult]:
    """Import several files one after the other (each in its own transaction)."""
    results: list[LoadResult] = []
    for path in paths:
        results.extend(import_file(store, settings, path, kind=kind, dry_run=dry_run, progress_stream=progress_stream))
    return results


__all__ = ["Reject", "import_file", "import_paths", "plan_sheets"]
