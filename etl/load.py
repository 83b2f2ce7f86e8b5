"""Load one source into the store: validate, resolve references, derive, upsert — one transaction, audited.

This is the single way data gets in: the file importer, the upstream reader and the demo generator all hand
their rows (canonical field names, typed values) to :func:`load_frame`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, insert, update

from config import Settings
from data.clock import local_now
from data.engine import Store
from data.schema import DataVersion, EtlReject, EtlRun
from etl.derive import derive
from etl.kinds import SourceKind
from etl.references import resolve_references
from etl.upsert import frame_records, upsert
from etl.validate import ROW, Reject, validate

LOADED, FAILED, SKIPPED = "loaded", "failed", "skipped"


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

    @property
    def rows_rejected(self) -> int:
        return len(self.rejects)

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
        }


class _DryRun(Exception):
    """Raised inside the load transaction to roll a dry run back."""


def _record_run(
    conn: Connection, result: LoadResult, started: datetime, finished: datetime, checksum: str | None
) -> int:
    run_id = conn.execute(
        insert(EtlRun.__table__).values(
            kind=result.kind,
            source=result.file,
            started_at=started,
            finished_at=finished,
            status=result.status,
            encoding=result.encoding,
            checksum=checksum,
            rows_read=result.rows_read,
            rows_inserted=result.rows_inserted,
            rows_updated=result.rows_updated,
            rows_unchanged=result.rows_unchanged,
            rows_rejected=result.rows_rejected,
            message=result.error or ("\n".join(result.warnings) or None),
        )
    ).inserted_primary_key[0]
    if result.rejects:
        conn.execute(
            insert(EtlReject.__table__),
            [{"run_id": run_id, "file": result.file, **r.as_dict()} for r in result.rejects],
        )
    return run_id


def bump_data_version(conn: Connection, when: datetime) -> None:
    conn.execute(
        update(DataVersion.__table__)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, changed_at=when)
    )


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
    started = local_now(settings.timezone)
    if ROW not in frame.columns:
        frame = frame.assign(**{ROW: range(2, len(frame) + 2)})
    result = LoadResult(
        file=source,
        kind=kind.name,
        status=LOADED,
        encoding=encoding,
        rows_read=len(frame) if rows_read is None else rows_read,
        rejects=list(rejects or []),
        warnings=list(warnings or []),
    )
    good, invalid = validate(kind, frame)
    result.rejects.extend(invalid)
    try:
        with store.write() as conn:
            resolved, unknown, notes = resolve_references(conn, kind, good)
            result.rejects.extend(unknown)
            result.warnings.extend(notes)
            prepared = derive(conn, kind.name, resolved, settings)
            now = local_now(settings.timezone)
            result.rejects.sort(key=lambda r: (r.row is None, r.row or 0))
            run_id = _record_run(conn, result, started, now, checksum)
            counts = upsert(
                conn,
                kind.table,
                kind.key_columns,
                frame_records(prepared, kind.table),
                {"source": source, "etl_run_id": run_id, "updated_at": now},
            )
            result.rows_inserted, result.rows_updated, result.rows_unchanged = (
                counts.inserted,
                counts.updated,
                counts.unchanged,
            )
            conn.execute(
                update(EtlRun.__table__)
                .where(EtlRun.id == run_id)
                .values(
                    rows_inserted=counts.inserted,
                    rows_updated=counts.updated,
                    rows_unchanged=counts.unchanged,
                    rows_rejected=result.rows_rejected,
                    finished_at=local_now(settings.timezone),
                )
            )
            bump_data_version(conn, now)
            result.run_id = run_id
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.run_id = None
    except Exception as exc:  # the whole load is rolled back; the run and its reason are still recorded
        result.status = FAILED
        result.error = f"{type(exc).__name__}: {exc}"
        result.rows_inserted = result.rows_updated = result.rows_unchanged = 0
        with store.write() as conn:
            result.run_id = _record_run(conn, result, started, local_now(settings.timezone), checksum)
    return result
