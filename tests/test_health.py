"""``/health``: database reachability and latency, each source's last load and lateness, the scheduler's
heartbeat, the version — 200 while the database answers, 503 when it does not; security headers on every page."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path

from flask import Flask
from sqlalchemy import update

from config import Settings
from data.clock import local_now
from data.engine import Store, open_store
from data.schema import EtlRun
from etl.heartbeat import heartbeat_path, write_heartbeat
from etl.importer import import_file
from server import install
from server.security import SECURITY_HEADERS
from tests.import_fixtures import CORPUS
from tests.store_fixtures import fresh_store

APPEALS_LABEL = "企业诉求台账"


def _health(store: Store, settings: Settings) -> tuple[int, dict]:
    server = Flask("health-test")
    install(server, store, settings)
    response = server.test_client().get("/health")
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


def _store_with_appeals(tmp_path: Path) -> tuple[Store, Settings]:
    store, settings = fresh_store(tmp_path, instance_dir=tmp_path / "instance")
    [result] = import_file(store, settings, CORPUS / "appeals_utf8.csv")
    assert result.status == "loaded"
    return store, settings


def test_a_healthy_store_reports_everything(tmp_path: Path) -> None:
    store, settings = _store_with_appeals(tmp_path)
    write_heartbeat(settings)
    code, body = _health(store, settings)
    assert code == 200
    assert body["status"] == "ok"
    assert body["version"] == version("battlemap")
    assert body["database"]["reachable"] is True
    assert body["database"]["backend"] == "sqlite"
    assert body["database"]["latency_ms"] >= 0
    assert body["database"]["data_version"] == 1
    appeals = next(s for s in body["sources"] if s["kind"] == "appeals")
    assert appeals["label"] == APPEALS_LABEL and appeals["stale"] is False and appeals["last_loaded"]
    assert body["stale"] == []
    assert APPEALS_LABEL not in body["never_loaded"] and "清障问题清单" in body["never_loaded"]
    assert body["import_running"] is False
    scheduler = body["scheduler"]
    assert scheduler["alive"] is True and scheduler["pid"] == os.getpid()
    assert 0 <= scheduler["heartbeat_age_seconds"] < 3 * scheduler["heartbeat_seconds"]
    assert scheduler["mode"] == "in-process"


def test_a_late_source_and_a_silent_scheduler_make_it_degraded_not_down(tmp_path: Path) -> None:
    store, settings = _store_with_appeals(tmp_path)
    with store.write() as conn:  # the last load of appeals finished 25 hours ago; its cadence is 24 hours
        long_ago = local_now(settings.timezone) - timedelta(hours=25)
        conn.execute(update(EtlRun.__table__).values(finished_at=long_ago))
    heartbeat_path(settings).parent.mkdir(parents=True, exist_ok=True)
    heartbeat_path(settings).write_text(json.dumps({"pid": 1, "host": "h", "at": time.time() - 600}))
    code, body = _health(store, settings)
    assert code == 200
    assert body["status"] == "degraded"
    assert body["stale"] == [APPEALS_LABEL]
    assert body["scheduler"]["alive"] is False
    assert body["scheduler"]["heartbeat_age_seconds"] >= 600


def test_no_heartbeat_means_no_scheduler(tmp_path: Path) -> None:
    store, settings = fresh_store(tmp_path, instance_dir=tmp_path / "instance")
    code, body = _health(store, settings)
    assert code == 200
    assert body["scheduler"]["alive"] is False
    assert body["scheduler"]["heartbeat_age_seconds"] is None
    assert body["status"] == "degraded"


def test_an_unreachable_database_answers_503(tmp_path: Path) -> None:
    _store, settings = fresh_store(tmp_path, instance_dir=tmp_path / "instance")
    unreachable = open_store("postgresql://nobody@127.0.0.1:9/nothing?connect_timeout=2")
    try:
        code, body = _health(unreachable, settings)
    finally:
        unreachable.dispose()
    assert code == 503
    assert body["status"] == "down"
    assert body["database"]["reachable"] is False
    assert body["database"]["backend"] == "postgresql"
    assert body["database"]["error"] == "数据库无法连接或读取（详见服务器日志）"
    assert body["sources"] == []


def test_every_page_of_the_app_carries_the_security_headers(tmp_path: Path) -> None:
    from app import create_app

    store, settings = fresh_store(tmp_path, instance_dir=tmp_path / "instance", load_demo_on_empty=False)
    client = create_app(settings, store).server.test_client()
    for path in ("/wall", "/health", "/api/status", "/login"):
        response = client.get(path)
        assert response.status_code in (200, 302, 404), path
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "Werkzeug" not in client.get("/wall").headers.get("Server", "")
