"""The store: Alembic migrations from empty, matching the models, seeded dimensions, SQLite pragmas."""

import datetime as dt
import warnings
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from data.engine import open_store
from data.migrate import current_revision, head_revision, upgrade
from data.schema import ActionGroup, Base, Department, Indicator, Region, Workday
from etl.bootstrap import has_facts, prepare_store
from tests.store_fixtures import fresh_store


def test_migrations_from_empty_create_exactly_the_models(tmp_path: Path):
    store = open_store(f"sqlite:///{tmp_path / 'm.db'}")
    assert current_revision(store) is None
    upgrade(store)
    assert current_revision(store) == head_revision()
    assert set(inspect(store.writer).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    with store.writer.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLite cannot reflect the expression index; it is checked below
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    with store.read() as conn:
        index_sql = conn.exec_driver_sql(
            "select sql from sqlite_master where name = 'uq_indicator_eval_period_indicator'"
        ).scalar_one()
    assert "coalesce(indicator_id, 0)" in index_sql


def test_upgrade_twice_keeps_data(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    with store.write() as conn:
        conn.execute(Department.__table__.insert().values(name="临时部门"))
    upgrade(store)
    prepare_store(settings)
    with store.read() as conn:
        assert conn.execute(select(Department.id).where(Department.name == "临时部门")).first() is not None


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path: Path):
    store, _ = fresh_store(tmp_path)
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_dimensions_are_seeded_from_config_idempotently(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    prepare_store(settings)  # a second start must not duplicate anything
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(Region)).scalar() == 15  # city + 8 + 6
        assert conn.execute(select(func.count()).select_from(ActionGroup)).scalar() == 6
        # the 18 areas, and the key-area ranking (重点指标领域) at position 0
        assert conn.execute(select(func.count()).select_from(Indicator)).scalar() == 19
        assert conn.execute(select(func.count()).select_from(Department)).scalar() == len(settings.departments)
        first = conn.execute(select(Indicator.name).order_by(Indicator.position)).scalars().all()[:2]
        assert first == ["重点指标领域", "开办企业"]
        park = conn.execute(select(Region).where(Region.name == "东湖工业园")).one()
        assert (park.type, park.parent_code, park.tile_x, park.tile_y) == ("park", "HC02", 4, 2)
    assert not has_facts(store)


def test_workday_calendar_has_official_holidays_and_makeup_days(tmp_path: Path):
    store, _ = fresh_store(tmp_path)
    with store.read() as conn:
        days = dict(conn.execute(select(Workday.day, Workday.is_workday)).all())
        notes = dict(conn.execute(select(Workday.day, Workday.note)).all())
    assert days[dt.date(2026, 10, 1)] is False and notes[dt.date(2026, 10, 1)] == "国庆节"
    assert days[dt.date(2026, 1, 4)] is True and notes[dt.date(2026, 1, 4)] == "调休上班"  # a Sunday at work
    assert days[dt.date(2026, 11, 27)] is True
