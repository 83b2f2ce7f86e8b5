"""A damaged or missing database: the server still starts, the wall shows its last good snapshot (kept on disk)
with the stale mark, ``/health`` says ``down`` with a short reason and no SQL, and ``battlemap db check`` finds
the damage and says how to restore from a backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

import cli
from app import VIEWS_EXTENSION, create_app
from config import Settings, load_settings
from data.engine import open_store
from server.health import health_report
from tests.fixtures_metrics import build_metric_db
from tests.prod_server import write_config

SQL_WORDS = ("SELECT", "FROM", "[SQL", "sqlite3.", "Traceback")
PROJECT = "企业服务中心改造"  # a project name of the metric fixture, shown on the wall's projects page


def _settings(tmp_path: Path, db: Path) -> Settings:
    return load_settings(
        environ={}, database_url=f"sqlite:///{db}", load_demo_on_empty=False, instance_dir=tmp_path / "instance"
    )


def corrupt(db: Path) -> None:
    """Overwrite the file's pages after the first with garbage (the header stays, so SQLite opens it)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xa5" * (size - 4096))


def not_a_database(db: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is no database " * 500)


def _checkpointed(store) -> None:  # type: ignore[no-untyped-def]
    """Close ``store`` with everything written into the database file itself (no WAL left beside it)."""
    store.dispose()
    conn = sqlite3.connect(make_url(store.url).database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize("damage", [corrupt, not_a_database], ids=["pages", "header"])
def test_health_says_down_with_a_short_reason_and_no_sql(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "m.db"
    _checkpointed(build_metric_db(db))
    damage(db)
    store = open_store(f"sqlite:///{db}")
    settings = _settings(tmp_path, db)
    for _probe in range(3):  # every probe, not most of them
        report, code = health_report(store, settings)
        assert code == 503 and report["status"] == "down"
        assert report["database"]["reachable"] is False
        text = json.dumps(report, ensure_ascii=False)
        assert [w for w in SQL_WORDS if w in text] == []
        assert report["database"]["error"].startswith("数据库文件已损坏")
        assert len(report["database"]["error"]) <= 200
    store.dispose()


def _page_text(app) -> str:  # type: ignore[no-untyped-def]
    views = app.server.extensions[VIEWS_EXTENSION]
    _key, pages = views.pages()
    plain = [p.to_plotly_json() if hasattr(p, "to_plotly_json") else p for p in pages]
    return json.dumps(plain, default=str, ensure_ascii=False)


def test_the_server_starts_on_a_corrupted_database_and_shows_the_last_good_wall(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    store = build_metric_db(db)
    settings = _settings(tmp_path, db)
    good = create_app(settings, store, start_views=False)
    assert good.server.extensions[VIEWS_EXTENSION].refresh()
    assert PROJECT in _page_text(good)
    _checkpointed(store)
    corrupt(db)

    app = create_app(settings)  # opened, migrated and checked here: must not raise
    client = app.server.test_client()
    assert client.get("/wall").status_code == 200
    health = client.get("/health")
    assert health.status_code == 503 and health.get_json()["status"] == "down"
    assert PROJECT in _page_text(app)  # the last good snapshot, from disk
    status = client.get("/api/status").get_json()
    assert status["version"] is not None
    assert status["stale"] == ["数据库暂不可用，显示的是上次的数据"]
    assert "projects" in status["stale_kinds"]
    login = client.get("/login")
    assert login.status_code == 200


def test_the_server_starts_on_a_missing_database_folder_it_cannot_create(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database's folder should be")
    settings = _settings(tmp_path, blocker / "battlemap.db")
    app = create_app(settings)
    client = app.server.test_client()
    assert client.get("/wall").status_code == 200
    health = client.get("/health")
    assert health.status_code == 503
    assert [w for w in SQL_WORDS if w in health.get_data(as_text=True)] == []


def test_db_check_finds_the_damage_and_says_how_to_restore(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = write_config(tmp_path, "")
    assert cli.main(["--config", str(config), "db", "upgrade"]) == 0
    capsys.readouterr()
    assert cli.main(["--config", str(config), "db", "check"]) == 0
    assert "完好" in capsys.readouterr().out
    settings = load_settings(config, environ={})
    db = settings.instance_dir / "battlemap.db"
    _checkpointed(open_store(settings.database_url))
    corrupt(db)
    assert cli.main(["--config", str(config), "db", "check"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "已损坏" in err and "battlemap db restore" in err and "--force" in err
