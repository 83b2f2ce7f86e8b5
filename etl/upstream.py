"""Upstream database sources: per kind a SQLAlchemy URL and query, read incrementally by an updated-at watermark.

The query gets ``:watermark`` (the largest watermark value loaded so far, or ``initial_watermark``) and should
select rows with ``watermark_column >= :watermark``: rows on the boundary are read again and come out unchanged.
Its columns may be named by canonical field name, Chinese header or alias. The new watermark is stored in the
same transaction as the rows it covers, so a failed load reads the same rows again next time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, create_engine, delete, insert, select, text

from config import Settings, UpstreamSource
from data.clock import local_now
from data.engine import Store
from data.schema import EtlWatermark
from etl.headers import match_row
from etl.kinds import get_kind
from etl.load import FAILED, LoadResult, Part, load_parts, record_failed_run
from etl.lock import import_lock
from etl.normalise import normalise_frame
from etl.validate import ROW
from etl.vocab import Vocabulary

CHUNK_ROWS = 50_000


def source_label(source: UpstreamSource) -> str:
    return f"upstream:{source.name}"


def stored_watermark(store: Store, source: UpstreamSource) -> str:
    with store.read() as conn:
        value = conn.execute(select(EtlWatermark.watermark).where(EtlWatermark.source == source.name)).scalar()
    return value or source.initial_watermark


def _watermark_text(value: object) -> str:
    return value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)


def read_source(store: Store, settings: Settings, source: UpstreamSource, *, dry_run: bool = False) -> LoadResult:
    """Load the rows of ``source`` changed since its watermark (the caller holds the import lock)."""
    kind = get_kind(source.kind)
    label = source_label(source)
    engine = create_engine(source.url)
    watermark = stored_watermark(store, source)
    newest: list[object] = []
    try:
        conn = engine.connect()
        frames = pd.read_sql(text(source.query), conn, params={"watermark": watermark}, chunksize=CHUNK_ROWS)
        first = next(frames, None)
    except Exception as exc:
        engine.dispose()
        reason = f"读取上游数据库“{source.name}”失败：{exc}。请检查配置 [[etl.upstream]] 的 url 和 query"
        result = LoadResult(label, kind.name, FAILED, error=reason)
        record_failed_run(store, settings, result, None)
        return result
    try:
        columns = [] if first is None else list(first.columns)
        vocab = Vocabulary.from_settings(settings)
        match = match_row(kind, columns, 0, vocab.extra_headers(kind))
        if first is not None and match.missing_required:
            result = LoadResult(
                label,
                kind.name,
                FAILED,
                error=f"上游“{source.name}”的查询结果缺少必需的列：{'、'.join(match.missing_required)}。"
                "请在 query 中补上（列名可用字段名、中文表头或别名）",
            )
            record_failed_run(store, settings, result, None)
            return result
        extra = [c for c in match.extra if c != source.watermark_column]
        warnings = [f"查询结果中以下列未使用：{'、'.join(extra)}"] if extra else []

        def chunks() -> Iterator[tuple]:
            offset = 0
            for frame in [first, *frames] if first is not None else []:
                if source.watermark_column in frame.columns and frame[source.watermark_column].notna().any():
                    newest.append(frame[source.watermark_column].dropna().max())
                renamed = frame.iloc[:, list(match.columns)].set_axis(list(match.columns.values()), axis=1)
                renamed[ROW] = range(offset + 1, offset + 1 + len(renamed))
                offset += len(renamed)
                yield normalise_frame(kind, renamed, vocab)

        def move_watermark(db: Connection) -> None:
            if not newest:
                return
            value = _watermark_text(max(newest))
            db.execute(delete(EtlWatermark.__table__).where(EtlWatermark.source == source.name))
            db.execute(
                insert(EtlWatermark.__table__).values(
                    source=source.name, watermark=value, updated_at=local_now(settings.timezone)
                )
            )

        part = Part(kind, chunks(), label, warnings=warnings, headers=match.headers)
        return load_parts(store, settings, [part], dry_run=dry_run, before_commit=move_watermark)[0]
    finally:
        conn.close()
        engine.dispose()


def run_upstream(store: Store, settings: Settings, *, wait_seconds: float = 0.0) -> list[LoadResult]:
    """Read every configured upstream source, one transaction each, under the import lock."""
    with import_lock(store, settings, wait_seconds=wait_seconds):
        return [read_source(store, settings, source) for source in settings.etl.upstream]
