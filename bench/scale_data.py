"""A province-sized database for the benchmarks: the demo city, then its appeals and reviews repeated (fresh keys,
same references) up to the requested volumes — loaded through ``etl.load.load_frame`` in chunks like any import.

``python -m bench.scale_data PATH [--appeals N] [--reviews N]``; an existing database that already holds the
volumes is reused, so the slow part runs once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from config import Settings, load_settings
from data.engine import Store
from data.schema import Appeal, Review
from etl.bootstrap import has_facts, prepare_store
from etl.demo import generate_demo, load_demo
from etl.kinds import KINDS
from etl.load import load_frame

CHUNK_ROWS = 100_000
KEYS = {"appeals": ("ticket_no", Appeal), "reviews": ("review_no", Review)}


def bench_settings(path: Path, **overrides: object) -> Settings:
    return load_settings(environ={}, database_url=f"sqlite:///{path.resolve()}", load_demo_on_empty=False, **overrides)


def _count(store: Store, model: type) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def _scale_kind(store: Store, settings: Settings, template: pd.DataFrame, kind: str, target: int) -> None:
    """Load copies of ``template`` with new natural keys until the table holds ``target`` rows."""
    key, model = KEYS[kind]
    have = _count(store, model)
    copy = 0
    while have < target:
        rows = min(CHUNK_ROWS, target - have)
        reps = -(-rows // len(template))
        frame = pd.concat([template] * reps, ignore_index=True).iloc[:rows].copy()
        frame[key] = [f"S{copy:03d}{i:08d}" for i in range(rows)]
        started = time.perf_counter()
        result = load_frame(store, settings, KINDS[kind], frame, source=f"bench:{kind}:{copy}")
        if result.status != "loaded":
            raise SystemExit(f"{kind} chunk {copy} failed: {result.error}")
        have += result.rows_inserted
        copy += 1
        rate = rows / (time.perf_counter() - started)
        print(f"  {kind}: {have:>9,d} / {target:,d} rows ({rate:,.0f} rows/s)", file=sys.stderr, flush=True)
        if result.rows_inserted == 0:
            raise SystemExit(f"{kind}: chunk {copy} inserted nothing; keys collide with existing rows")


def build(path: Path, appeals: int, reviews: int) -> Settings:
    """Make (or reuse) the database at ``path`` holding at least ``appeals`` appeals and ``reviews`` reviews."""
    settings = bench_settings(path)
    store, _notes = prepare_store(settings)
    try:
        if not has_facts(store):
            print("loading the demo city …", file=sys.stderr, flush=True)
            load_demo(store, settings)
        if _count(store, Appeal) < appeals or _count(store, Review) < reviews:
            demo = generate_demo(settings)
            _scale_kind(store, settings, demo["appeals"], "appeals", appeals)
            _scale_kind(store, settings, demo["reviews"], "reviews", reviews)
        volumes = f"{_count(store, Appeal):,d} appeals, {_count(store, Review):,d} reviews"
        print(f"database {path}: {volumes}", file=sys.stderr)
    finally:
        store.dispose()
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
