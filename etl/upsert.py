"""Insert-or-update by natural key: new keys are inserted, changed rows updated, identical rows left alone."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Boolean, Connection, Date, DateTime, Float, Integer, Table, bindparam, func, select, tuple_

CHUNK = 5_000
LINEAGE = ("source", "etl_run_id", "updated_at")
NULL_KEY = 0  # a nullable key column (indicator_eval.indicator_id: null = overall) compares as 0


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def _python_values(series: pd.Series, column_type: object) -> list:
    """The column's values as the Python objects the database driver returns, ``None`` for blanks."""
    if isinstance(column_type, DateTime):
        values = pd.to_datetime(series).dt.floor("s")
        return [None if pd.isna(v) else v.to_pydatetime() for v in values]
    if isinstance(column_type, Date):
        values = pd.to_datetime(series)
        return [None if pd.isna(v) else v.date() for v in values]
    if isinstance(column_type, Boolean):
        return [None if pd.isna(v) else bool(v) for v in series]
    if isinstance(column_type, Integer):
        return [None if pd.isna(v) else int(v) for v in series]
    if isinstance(column_type, Float):
        return [None if pd.isna(v) else float(v) for v in series]
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else str(v) for v in series]


def frame_records(frame: pd.DataFrame, table: Table) -> list[dict]:
    """Rows of ``frame`` restricted to ``table``'s columns, converted to driver-native Python values."""
    columns = [c for c in frame.columns if c in table.c and c not in ("id", *LINEAGE)]
    values = {c: _python_values(frame[c], table.c[c].type) for c in columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*values.values(), strict=True)] if columns else []


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _key_exprs(table: Table, key: tuple[str, ...]) -> list:
    return [func.coalesce(table.c[k], NULL_KEY) if table.c[k].nullable else table.c[k] for k in key]


def _key_of(record: dict, table: Table, key: tuple[str, ...]) -> tuple:
    return tuple(NULL_KEY if record.get(k) is None and table.c[k].nullable else record.get(k) for k in key)


def _same(old: object, new: object) -> bool:
    if isinstance(old, float) and isinstance(new, float):
        return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
        return old.replace(microsecond=0) == new.replace(microsecond=0)
    return old == new


def upsert(conn: Connection, table: Table, key: tuple[str, ...], records: list[dict], lineage: dict) -> UpsertCounts:
    """Write ``records`` into ``table`` by natural ``key``; lineage columns are set on every written row."""
    counts = UpsertCounts()
    if not records:
        return counts
    compared = [c for c in records[0] if c not in key]
    exprs = _key_exprs(table, key)
    update_stmt = (
        table.update().where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in (*compared, *lineage)})
    )
    for chunk in _chunks(records, CHUNK):
        keys = [_key_of(r, table, key) for r in chunk]
        where = exprs[0].in_([k[0] for k in keys]) if len(key) == 1 else tuple_(*exprs).in_(keys)
        existing = {
            tuple(row[: len(key)]): row
            for row in conn.execute(select(*exprs, table.c.id, *(table.c[c] for c in compared)).where(where))
        }
        inserts, updates = [], []
        for k, record in zip(keys, chunk, strict=True):
            row = existing.get(k)
            if row is None:
                inserts.append({**record, **lineage})
            elif all(_same(row[len(key) + 1 + i], record[c]) for i, c in enumerate(compared)):
                counts.unchanged += 1
            else:
                updates.append({**record, **lineage, "_id": row[len(key)]})
        if inserts:
            conn.execute(table.insert(), inserts)
        if updates:
            conn.execute(update_stmt, updates)
        counts.inserted += len(inserts)
        counts.updated += len(updates)
    return counts
