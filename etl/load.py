"""Load one source into the store: validate, resolve references, derive, upsert — one transaction, audited.

This is the single way data gets in: the file importer, the upstream reader and the demo generator all hand
their rows (canonical field names, typed values) to :func:`load_frame`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import DBAPIError

from config import Settings
from data.clock import local_now
from data.engine import Store, StoreError
from data.schema import DataVersion, EtlReject, EtlRun, Milestone, Project
from data.summaries import refresh_summaries
from etl.arrangement import arrangement_days
from etl.calendar import apply_arrangement
from etl.derive import derive
from etl.kinds import SourceKind
from etl.kinds.calendar import HOLIDAYS
from etl.quarters import close_quarters
from etl.readers.base import ReadError
from etl.references import reference_rejects, resolve_references
from etl.upsert import upsert_frame
from etl.validate import ROW, Reject, blank_invalid_credit_codes, milestone_weight_rejects, validate

LOADED, FAILED, SKIPPED, REJECTED = "loaded", "failed", "skipped", "rejected"
LOAD_CACHE_MB = 128  # SQLite page cache of a load: a million rows' ten appeal indexes mostly stay in memory
NOT_LOADED = (FAILED, REJECTED)  # a file with these is not loaded: exit code 1, moved to the inbox's failed/


@dataclass
class LoadResult:
    """What one load did; ``as_dict`` is the JSON contract of ``battlemap etl import --json``."""

    file: str
    kind: str
    status: str
    encoding: str | None = None
    rows_read: int = 0
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    run_id: int | None = None
    dry_run: bool = False
    mapping: dict | None = None  # what /operator shows to map the file's headers or labels once (etl.mappings)
    upload: tuple[str, str] | None = None  # (folder, name) of an /operator upload under <instance>/uploads

    @property
    def data_changed(self) -> bool:
        """Whether the import wrote the file's rows (a new data version): never for a dry run or a file not loaded."""
        return not self.dry_run and self.status == LOADED

    @property
    def rows_rejected(self) -> int:
        """Rows rejected (a row with three problems is one row with three rejects)."""
        return len({r.row for r in self.rejects if r.row is not None}) + sum(r.row is None for r in self.rejects)

    def reject_groups(self) -> list[tuple[str | None, str | None, str, list[int]]]:
        """Rejects sharing column, value and reason, most rows first: ``(column, value, reason, rows)`` — one
        label mapped once fixes every row of its group."""
        groups: dict[tuple[str | None, str | None, str], list[int]] = {}
        for r in self.rejects:
            if r.row is not None:
                groups.setdefault((r.column, r.value, r.reason), []).append(r.row)
        return sorted(
            ((*key, rows) for key, rows in groups.items() if len(rows) > 1), key=lambda g: (-len(g[3]), g[3][0])
        )

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "status": self.status,
            "encoding": self.encoding,
            "rows_read": self.rows_read,
            "rows_inserted": self.rows_inserted,
            "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged,
            "rows_rejected": self.rows_rejected,
            "rejects": [r.as_dict() for r in self.rejects],
            "warnings": self.warnings,
            "error": self.error,
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "data_changed": self.data_changed,
            "reject_groups": [
                {"column": c, "value": v, "reason": reason, "rows": rows} for c, v, reason, rows in self.reject_groups()
            ],
        }


class _DryRun(Exception):
    """Raised inside the load transaction to roll a dry run back."""


@dataclass
class Part:
    """One source's rows of one kind: typed chunks, each with the rejects found while reading it.

    A file is one part (a workbook one part per sheet); all parts handed to :func:`load_parts` together are
    written in one transaction.
    """

    kind: SourceKind
    chunks: Iterable[tuple[pd.DataFrame, list[Reject]]]
    source: str
    encoding: str | None = None
    checksum: str | None = None
    warnings: list[str] = field(default_factory=list)
    rows_read: int | None = None  # when the caller counted the rows itself
    headers: dict[str, str] = field(default_factory=dict)  # field label → the header the operator wrote
    title: str = ""  # the words around the table (title rows, sheet and file name): an arrangement's year
    examples: list[int] = field(default_factory=list)  # a template's example rows skipped, filled as chunks are read


def _run_values(result: LoadResult, finished: datetime | None) -> dict:
    return {
        "finished_at": finished,
        "status": result.status,
        "encoding": result.encoding,
        "rows_read": result.rows_read,
        "rows_inserted": result.rows_inserted,
        "rows_updated": result.rows_updated,
        "rows_unchanged": result.rows_unchanged,
        "rows_rejected": result.rows_rejected,
        "message": result.error or ("\n".join(result.warnings) or None),
    }


def _record_run(
    conn: Connection, result: LoadResult, started: datetime, finished: datetime | None, checksum: str | None
) -> int:
    return conn.execute(
        insert(EtlRun.__table__).values(
            kind=result.kind, source=result.file, started_at=started, checksum=checksum, **_run_values(result, finished)
        )
    ).inserted_primary_key[0]


def _record_rejects(conn: Connection, run_id: int, result: LoadResult) -> None:
    result.rejects.sort(key=lambda r: (r.row is None, r.row or 0))
    if result.rejects:
        conn.execute(
            insert(EtlReject.__table__),
            [{"run_id": run_id, "file": result.file, **r.as_dict()} for r in result.rejects],
        )


def bump_data_version(conn: Connection, when: datetime) -> None:
    conn.execute(
        update(DataVersion.__table__)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, changed_at=when)
    )


def _stored_milestone_weights(conn: Connection, project_nos: list[str]) -> dict[tuple[str, int], float | None]:
    rows = conn.execute(
        select(Project.project_no, Milestone.seq, Milestone.weight)
        .join(Milestone, Milestone.project_id == Project.id)
        .where(Project.project_no.in_(project_nos))
    )
    return {(no, seq): weight for no, seq, weight in rows}


def _credit_code_warning(blanked: list[tuple[int, str]]) -> str:
    listed = "；".join(f"第 {row} 行“{value}”" for row, value in blanked[:20])
    more = f" 等共 {len(blanked)} 处" if len(blanked) > 20 else ""
    return (
        f"统一社会信用代码校验不通过（GB 32100-2015 校验位、长度或字符不符）{len(blanked)} 处，"
        f"这些代码已置空、其余内容照常导入：{listed}{more}。请向报送单位核实正确代码"
    )


def _load_part(
    conn: Connection, settings: Settings, part: Part, result: LoadResult, run_id: int, now: datetime
) -> None:
    """Validate, resolve, derive and upsert every chunk of ``part`` inside the caller's transaction."""
    kind = part.kind
    seen: dict[object, int] = {}
    blanked: list[tuple[int, str]] = []
    counted = 0
    lineage = {"source": part.source, "etl_run_id": run_id, "updated_at": now}
    arranged: list[pd.DataFrame] = []
    for frame, read_rejects in part.chunks:
        if ROW not in frame.columns:
            frame = frame.assign(**{ROW: range(counted + 2, counted + len(frame) + 2)})
        counted += len(frame) + len({r.row for r in read_rejects} - set(frame[ROW]))
        result.rejects.extend(read_rejects)
        frame, codes = blank_invalid_credit_codes(frame)
        blanked.extend(codes)
        unknown = reference_rejects(conn, kind, frame)  # on every row, so a row's every error is reported at once
        good, invalid = validate(kind, frame, seen, [*read_rejects, *unknown])
        result.rejects.extend([*unknown, *invalid])
        if kind.name == "milestones" and not good.empty:
            stored = _stored_milestone_weights(conn, sorted(good["project"].dropna().unique()))
            weights = milestone_weight_rejects(good, stored)
            result.rejects.extend(weights)
            good = good[~good[ROW].isin([r.row for r in weights])]
        if kind.name == HOLIDAYS.name:
            good, unreadable = arrangement_days(good, part.title)
            result.rejects.extend(unreadable)
            arranged.append(good)
        resolved, notes = resolve_references(conn, kind, good)
        result.warnings.extend(n for n in notes if n not in result.warnings)
        prepared = derive(conn, kind.name, resolved, settings)
        counts = upsert_frame(conn, kind.table, kind.key_columns, prepared, lineage)
        result.rows_inserted += counts.inserted
        result.rows_updated += counts.updated
        result.rows_unchanged += counts.unchanged
    result.rows_read = counted if part.rows_read is None else part.rows_read
    order = {f.label: i for i, f in enumerate(kind.fields)}
    result.rejects.sort(key=lambda r: (r.row is None, r.row or 0, order.get(r.column or "", len(order))))
    if part.headers:
        result.rejects = [replace(r, column=part.headers.get(r.column or "", r.column)) for r in result.rejects]
    if part.examples:
        rows = "、".join(map(str, part.examples))
        result.warnings.append(f"第 {rows} 行为模板示例行，已跳过（未导入，也不计为被拒绝的行）")
    if blanked:
        result.warnings.append(_credit_code_warning(blanked))
    if kind.name == HOLIDAYS.name:
        days = pd.concat(arranged, ignore_index=True) if arranged else pd.DataFrame(columns=["day", "year"])
        result.warnings.extend(apply_arrangement(conn, settings, days, len(result.rejects)))


@contextmanager
def load_cache(conn: Connection) -> Iterator[None]:
    """A page cache of :data:`LOAD_CACHE_MB` for the load's SQLite connection, the default (2 MB) again after it:
    at the default, inserting into a large table's indexes is mostly cache misses."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_MB * 1024}")
    try:
        yield
    finally:
        with suppress(DBAPIError):  # a connection that failed keeps its error, not this one's
            conn.exec_driver_sql(f"PRAGMA cache_size={before}")


def _failure_text(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ReadError) else f"{type(exc).__name__}: {exc}"


def load_parts(
    store: Store,
    settings: Settings,
    parts: Sequence[Part],
    *,
    dry_run: bool = False,
    before_commit: Callable[[Connection], None] | None = None,
) -> list[LoadResult]:
    """Load every part in one transaction: all of them with their ``etl_run`` records, rejects and a new data
    version, or — if anything fails — none of them, with only failed runs recorded. ``before_commit`` runs
    last inside the transaction (the upstream reader moves its watermark there). A dry run rolls back."""
    started = local_now(settings.timezone)
    results = [
        LoadResult(
            file=p.source,
            kind=p.kind.name,
            status=LOADED,
            encoding=p.encoding,
            warnings=list(p.warnings),
            dry_run=dry_run,
        )
        for p in parts
    ]
    current = 0
    try:
        with store.write() as conn, load_cache(conn):
            now = local_now(settings.timezone)
            close_quarters(conn, settings, now)  # a closed quarter is issued before data that came after it
            for index, (part, result) in enumerate(zip(parts, results, strict=True)):
                current = index
                result.run_id = _record_run(conn, result, started, None, part.checksum)
                _load_part(conn, settings, part, result, result.run_id, now)
                if result.rows_read == 0:
                    result.status = SKIPPED
                    result.warnings.append(
                        "除模板示例行外没有数据行，未导入任何内容；请在示例行下方填写真实数据后再导入"
                        if part.examples
                        else "没有数据行（只有表头），未导入任何内容"
                    )
                elif result.rows_rejected >= result.rows_read:
                    result.status = REJECTED
                _record_rejects(conn, result.run_id, result)
                conn.execute(
                    update(EtlRun.__table__)
                    .where(EtlRun.id == result.run_id)
                    .values(**_run_values(result, local_now(settings.timezone)))
                )
            loaded = {part.kind.table.name for part, r in zip(parts, results, strict=True) if r.status == LOADED}
            if loaded:
                refresh_summaries(conn, loaded)
                bump_data_version(conn, now)
            if before_commit is not None:
                before_commit(conn)
            if dry_run:
                raise _DryRun
    except _DryRun:
        for result in results:
            result.run_id = None
    except Exception as exc:  # the whole load is rolled back; the runs and the reason are still recorded
        for i, result in enumerate(results):
            result.status = FAILED
            failed_part = parts[current].kind.label
            result.error = _failure_text(exc) if i == current else f"同一文件中“{failed_part}”部分失败，本部分也未导入"
            result.rows_inserted = result.rows_updated = result.rows_unchanged = 0
        for part, result in zip(parts, results, strict=True):
            try:
                record_failed_run(store, settings, result, part.checksum, started)
            except StoreError as unrecorded:  # the disk is still full, or the file read-only
                result.error = f"{result.error}（本次失败未能记入导入日志：{unrecorded}）"
    return results


def record_failed_run(
    store: Store, settings: Settings, result: LoadResult, checksum: str | None, started: datetime | None = None
) -> None:
    """Audit a source that could not be loaded (in its own transaction): its run, reason and any rejects."""
    finished = local_now(settings.timezone)
    with store.write() as conn:
        result.run_id = _record_run(conn, result, started or finished, finished, checksum)
        _record_rejects(conn, result.run_id, result)


def load_frame(
    store: Store,
    settings: Settings,
    kind: SourceKind,
    frame: pd.DataFrame,
    *,
    source: str,
    encoding: str | None = None,
    checksum: str | None = None,
    rows_read: int | None = None,
    rejects: list[Reject] | None = None,
    warnings: list[str] | None = None,
    dry_run: bool = False,
) -> LoadResult:
    """Load ``frame`` (canonical field names; ``_row`` = Excel row numbers, else 2, 3, …) as ``kind``.

    Every good row is written in one transaction together with its ``etl_run`` record, its rejects and a new
    data version; if anything fails the transaction is rolled back whole and only a failed run is recorded.
    ``rejects``/``warnings`` carry what an earlier stage (the reader) already found.
    """
    part = Part(
        kind,
        [(frame, list(rejects or []))],
        source,
        encoding,
        checksum,
        list(warnings or []),
        rows_read=len(frame) if rows_read is None else rows_read,
    )
    return load_parts(store, settings, [part], dry_run=dry_run)[0]
