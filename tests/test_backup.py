"""``battlemap db backup`` / ``db restore``: backup → change the data → restore gives the data as it was at the
backup, on SQLite and PostgreSQL; a restore over existing data needs --force; a bad backup file is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import delete, select

import cli
from config import load_settings
from data.engine import Store, open_store
from data.schema import Appeal, DataVersion, EtlRun
from etl.bootstrap import prepare_store
from etl.importer import import_file
from tests.import_fixtures import CORPUS
from tests.postgres_fixture import PostgresServer, postgres_server  # noqa: F401  (fixture)
from tests.prod_server import write_config


def fingerprint(store: Store) -> tuple[int, int, str]:
    """(appeals, runs, checksum of every appeal row) — what a restore must bring back exactly."""
    with store.read() as conn:
        rows = conn.execute(select(Appeal.__table__).order_by(Appeal.ticket_no)).all()
        runs = len(conn.execute(select(EtlRun.id)).all())
    return len(rows), runs, hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()


def _version(store: Store) -> int:
    with store.read() as conn:
        return conn.execute(select(DataVersion.version)).scalar_one()


def _round_trip(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture, backup_name: str) -> None:
    config = write_config(tmp_path, f'database_url = "{database_url}"\n')
    settings = load_settings(config, environ={})
    store, _notes = prepare_store(settings)
    assert import_file(store, settings, CORPUS / "appeals_utf8.csv")[0].status == "loaded"
    at_backup = fingerprint(store)
    assert at_backup[0] > 0
    backup = tmp_path / "backups" / backup_name
    base = ["--config", str(config), "db"]

    assert cli.main([*base, "backup", str(backup)]) == 0
    assert backup.stat().st_size > 0
    assert cli.main([*base, "backup", str(backup)]) == 1  # never overwrites a backup
    assert "已存在" in capsys.readouterr().err

    with store.write() as conn:  # the data changes after the backup: rows deleted, another file loaded
        conn.execute(delete(Appeal.__table__).where(Appeal.ticket_no.in_(select(Appeal.ticket_no).limit(3))))
    assert import_file(store, settings, CORPUS / "appeals_gbk.csv")[0].status == "loaded"
    changed, version_before = fingerprint(store), _version(store)
    assert changed != at_backup

    assert cli.main([*base, "restore", str(backup)]) == 1
    assert "--force" in capsys.readouterr().err
    assert fingerprint(store) == changed  # refused: nothing touched

    assert cli.main([*base, "restore", str(backup), "--force"]) == 0
    store.dispose()
    reopened = open_store(settings.database_url)
    try:
        assert fingerprint(reopened) == at_backup
        assert _version(reopened) > version_before  # every wall sees a new version and refetches
    finally:
        reopened.dispose()
        store.dispose()


def test_sqlite_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'live.db'}", tmp_path, capsys, "battlemap.db")


def test_postgresql_backup_and_restore(
    postgres_server: PostgresServer,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
) -> None:
    _round_trip(postgres_server.create_database("backup"), tmp_path, capsys, "battlemap.dump")


def test_a_file_that_is_no_backup_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = write_config(tmp_path)
    bogus = tmp_path / "not-a-backup.db"
    bogus.write_text("这不是数据库")
    assert cli.main(["--config", str(config), "db", "restore", str(bogus), "--force"]) == 1
    assert "不是 SQLite 数据库文件" in capsys.readouterr().err
    assert cli.main(["--config", str(config), "db", "restore", str(tmp_path / "missing.db")]) == 1
    assert "找不到备份文件" in capsys.readouterr().err
