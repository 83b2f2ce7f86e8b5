"""Shared pytest fixtures (append new ones; keep each generic)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Connection

from data.engine import Store, open_store
from data.migrate import upgrade
from tests.fixtures_metrics import build_metric_db, load_metric_fixture

_METRIC_POSTGRES_URL = os.environ.get("BATTLEMAP_TEST_POSTGRES_URL")


@pytest.fixture(scope="session", params=["sqlite", *(["postgresql"] if _METRIC_POSTGRES_URL else [])])
def metric_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding the small hand-made metric fixture of ``tests/fixtures_metrics.py``; treat it as read-only.

    With ``BATTLEMAP_TEST_POSTGRES_URL`` set (a throwaway database: its public schema is emptied), every test using
    it runs on PostgreSQL too.
    """
    if request.param == "sqlite":
        store = build_metric_db(tmp_path_factory.mktemp("metrics") / "metrics.db")
    else:
        store = open_store(_METRIC_POSTGRES_URL)
        with store.write() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        upgrade(store)
        load_metric_fixture(store)
    yield store
    store.dispose()


@pytest.fixture
def metric_conn(metric_db: Store) -> Iterator[Connection]:
    """A read connection (one snapshot) on ``metric_db``."""
    with metric_db.read() as conn:
        yield conn


@pytest.fixture(scope="module")
def programme_conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    """A read connection on the metric fixture with the programmes' rows (``tests/fixtures_programmes.py``)."""
    from tests.fixtures_programmes import build_programme_db

    store = build_programme_db(tmp_path_factory.mktemp("programmes") / "programmes.db")
    with store.read() as conn:
        yield conn
    store.dispose()
