"""A province-sized database for the benchmarks: the demo city, then its appeals and reviews copied in SQL (fresh
keys, same references and dates) up to the requested volumes, and the summaries rebuilt as a load rebuilds them.

The copies are made by one ``INSERT … SELECT`` per table from the demo's own rows crossed with a recursive CTE of
copy numbers, inside one transaction with the table's secondary indexes dropped and rebuilt afterwards (a million
rows in well under a minute, where loading them through the importer took most of an hour). The summaries and the
data version are then refreshed by ``data.summaries.refresh_summaries`` and ``etl.load.bump_data_version``, the code
every import runs. The finished file is cached under ``/tmp/battlemap-bench`` keyed by the schema head, the demo's
anchor day and the volumes, so a rerun the same day starts at once.

``python -m bench.scale_data PATH [--appeals N] [--reviews N]``: the database at PATH (copied from the cache).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from config import Settings, load_settings
from data.clock import local_now, local_today
from data.engine import open_store
from data.migrate import head_revision
from data.summaries import refresh_summaries
from etl.bootstrap import prepare_store
from etl.demo import load_demo
from etl.load import bump_data_version

CACHE = Path(tempfile.gettempdir()) / "battlemap-bench"
# Each fact table copied, with the natural key the copies get fresh values of.
KEYS = {"appeal": "ticket_no", "review": "review_no"}


def bench_settings(path: Path, **overrides: object) -> Settings:
    return load_settings(environ={}, database_url=f"sqlite:///{path.resolve()}", load_demo_on_empty=False, **overrides)


def _copy_rows(db: sqlite3.Connection, table: str, target: int) -> int:
    """Add copies of ``table``'s rows (natural key ``S<copy><id>``) until it holds ``target`` rows; returns how
    many were added. The secondary indexes are dropped first and made again after, in the same transaction."""
    have = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if have == 0 or have >= target:
        return 0
    key = KEYS[table]
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})") if row[1] not in ("id", key, "source")]
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,)
    ).fetchall()
    copies = -(-(target - have) // have)
    listed = ", ".join(columns)
    db.execute("BEGIN")
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    db.execute(
        f"WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < {copies}) "
        f"INSERT INTO {table} ({key}, source, {listed}) "
        f"SELECT printf('S%03d%08d', copy.n, t.id), 'bench:{table}', {', '.join('t.' + c for c in columns)} "
        f"FROM copy CROSS JOIN (SELECT * FROM {table} ORDER BY id) AS t ORDER BY copy.n, t.id LIMIT {target - have}"
    )
    for _name, sql in indexes:
        db.execute(sql)
    db.execute("COMMIT")
    return target - have


def _scale(path: Path, settings: Settings, appeals: int, reviews: int) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache while the indexes are rebuilt
        for table, target in (("appeal", appeals), ("review", reviews)):
            started = time.perf_counter()
            added = _copy_rows(db, table, target)
            print(f"  {table}: +{added:,d} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    store = open_store(settings.database_url, settings.database, settings.timezone)
    try:
        started = time.perf_counter()
        with store.write() as conn:
            refresh_summaries(conn, ("appeal", "review"))
            bump_data_version(conn, local_now(settings.timezone))
        print(f"  summaries rebuilt in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    finally:
        store.dispose()


def cached(appeals: int, reviews: int) -> Path:
    """The cached database of the demo city scaled to ``appeals`` and ``reviews`` (at least the demo's own), made
    now when missing. Treat it as read-only: :func:`build` gives a copy to change."""
    name = f"scale-{head_revision()}-{local_today(load_settings(environ={}).timezone)}-{appeals}-{reviews}.db"
    path = CACHE / name
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="building-", dir=CACHE) as tmp:
        building = Path(tmp) / name
        settings = bench_settings(building)
        store, _notes = prepare_store(settings)
        try:
            print("loading the demo city …", file=sys.stderr, flush=True)
            load_demo(store, settings)
        finally:
            store.dispose()
        _scale(building, settings, appeals, reviews)
        with closing(sqlite3.connect(building)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole database in the one file that is cached
        building.replace(path)
    print(f"database {path} built in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return path


def build(path: Path, appeals: int, reviews: int) -> Settings:
    """Make the database at ``path`` a copy of the cached one holding ``appeals`` appeals and ``reviews`` reviews
    (kept as it is when it was copied after the cache was made, with whatever a benchmark added to it since)."""
    settings = bench_settings(path)
    source = cached(appeals, reviews)
    if path.resolve() != source.resolve() and (not path.exists() or path.stat().st_mtime < source.stat().st_mtime):
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, path)
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    build(args.path, args.appeals, args.reviews)
    return 0


if __name__ == "__main__":
    sys.exit(main())
