"""Faults an unattended deployment meets, provoked for real: the importer killed with SIGKILL mid-load, the
database locked by another writer, the upstream database unreachable, the disk filling up during an import.
Each time the database stays exactly as it was and says so clearly. (A server restart under an open wall is in
``tests/browser/test_hardening.py``.)"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

import cli
from callbacks.status import freshness
from config import Settings, load_settings
from data.clock import local_now
from data.engine import Store
from data.schema import EtlRun
from data.version import source_as_of
from etl.bootstrap import prepare_store
from etl.importer import import_file
from etl.kinds import get_kind
from etl.upstream import run_upstream
from server.health import health_report
from tests.import_fixtures import CORPUS
from tests.prod_server import battlemap_env, start, stop, write_config

SMALL = CORPUS / "appeals_utf8.csv"
ANOTHER = CORPUS / "appeals_gbk.csv"
APPEALS = get_kind("appeals")


def appeals_file(path: Path, rows: int) -> Path:
    """A valid appeals CSV of ``rows`` rows, made from the corpus file with fresh ticket numbers."""
    with SMALL.open(encoding="utf-8") as fh:
        header, *body = list(csv.reader(fh))
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows([f"F{i:08d}", *body[i % len(body)][1:]] for i in range(rows))
    return path


def snapshot(db: Path) -> tuple[dict[str, int], str]:
    """Row counts of every table, and a checksum of the appeal table's rows."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        rows = conn.execute("SELECT * FROM appeal ORDER BY ticket_no").fetchall()
    conn.close()
    return counts, hashlib.sha256(repr(rows).encode()).hexdigest()


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return result


def _deployment(folder: Path, text: str = "", instance: Path | str = "instance") -> tuple[Path, Settings, Path]:
    """A deployment in ``folder`` (config, migrated database holding one imported file): (config, settings, db)."""
    config = write_config(folder, text, instance)
    assert cli.main(["--config", str(config), "etl", "import", str(SMALL)]) == 0
    settings = load_settings(config, environ={})
    return config, settings, settings.instance_dir / "battlemap.db"


def test_an_import_killed_mid_load_changes_nothing_and_the_next_one_runs(tmp_path: Path) -> None:
    config, _settings, db = _deployment(tmp_path)
    big = appeals_file(tmp_path / "appeals_big.csv", 100_000)
    before = snapshot(db)
    log = tmp_path / "import.log"
    importer = start(["etl", "import", str(big), "--kind", "appeals"], battlemap_env(config), log)
    try:
        deadline = time.monotonic() + 120
        while "导入 appeals_big.csv" not in log.read_text(errors="replace"):  # the progress line: rows are loading
            assert importer.poll() is None, f"the import ended before it could be killed:\n{log.read_text()}"
            assert time.monotonic() < deadline, "the import never got under way"
            time.sleep(0.05)
    finally:
        stop(importer, signal.SIGKILL)
    assert importer.returncode == -signal.SIGKILL
    after = snapshot(db)
    assert after[0].pop("etl_lock") == 1  # the dead importer's lock row, committed before its load began
    before[0].pop("etl_lock")
    assert after == before
    assert integrity(db) == "ok"
    # The killed process's import lock does not block the next run (its holder is gone).
    assert cli.main(["--config", str(config), "etl", "import", str(ANOTHER)]) == 0
    counts, _ = snapshot(db)
    assert counts["appeal"] > before[0]["appeal"]
    assert counts["etl_lock"] == 0


def test_a_locked_database_makes_the_import_wait_retry_and_fail_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    config, _settings, db = _deployment(tmp_path, "[database]\nbusy_timeout_seconds = 0.2\nbusy_retries = 2\n")
    before = snapshot(db)
    other_writer = sqlite3.connect(db, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        capsys.readouterr()
        assert cli.main(["--config", str(config), "etl", "import", str(ANOTHER)]) == 1
        message = capsys.readouterr().err
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert "数据库写锁被另一个连接占用" in message
    assert "已等待 0.2 秒、重试 2 次仍未释放" in message and "busy_timeout_seconds" in message
    assert "Traceback" not in message
    assert snapshot(db) == before
    assert cli.main(["--config", str(config), "etl", "import", str(ANOTHER)]) == 0  # the lock gone, it loads


def test_an_unreachable_upstream_is_recorded_as_failed_and_shown_stale(tmp_path: Path) -> None:
    upstream = (
        '[[etl.upstream]]\nname = "12345"\nkind = "appeals"\n'
        'url = "postgresql://reader@127.0.0.1:9/hotline?connect_timeout=2"\n'
        'query = "SELECT * FROM v_appeals WHERE updated_at >= :watermark"\n'
    )
    _config, settings, db = _deployment(tmp_path, upstream)
    store, _notes = prepare_store(settings)
    with store.write() as conn:  # appeals last arrived two days ago (cadence: a day)
        conn.execute(update(EtlRun.__table__).values(finished_at=local_now(settings.timezone) - timedelta(days=2)))
    before = snapshot(db)

    [result] = run_upstream(store, settings)

    assert result.status == "failed"
    assert "读取上游数据库“12345”失败" in result.error and "[[etl.upstream]]" in result.error
    counts, checksum = snapshot(db)
    assert (counts["appeal"], checksum) == (before[0]["appeal"], before[1])  # nothing lost
    assert counts["etl_run"] == before[0]["etl_run"] + 1  # the failed run is on record
    with store.read() as conn:
        marker = freshness(source_as_of(conn), settings)
    assert marker["stale"] == ["企业诉求台账"] and marker["stale_kinds"] == ["appeals"]  # the wall's stale marker
    report, code = health_report(store, settings)
    assert code == 200 and report["stale"] == ["企业诉求台账"] and report["status"] == "degraded"
    store.dispose()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 3 MB tmpfs mounted in ``tmp_path`` (root only); None where mounting is not allowed."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = (
        shutil.which("mount") is not None
        and (
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True)
        ).returncode
        == 0
    )
    yield mount_point if mounted else None
    if mounted:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill_disk_in_process(store: Store) -> None:
    """Without a tiny filesystem: SQLite's own disk-full error, raised by the driver on the first appeal insert."""
    from sqlalchemy import event

    @event.listens_for(store.writer, "before_cursor_execute")
    def _disk_full(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO appeal "):
            raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_during_an_import_fails_clearly_and_corrupts_nothing(
    tmp_path: Path, tiny_disk: Path | None
) -> None:
    _config, settings, db = _deployment(tmp_path, instance=(tiny_disk or tmp_path) / "instance")
    store, _notes = prepare_store(settings)
    if tiny_disk is None:
        _fill_disk_in_process(store)
    before = snapshot(db)

    [result] = import_file(store, settings, appeals_file(tmp_path / "appeals_fill.csv", 50_000), kind=APPEALS)

    assert result.status == "failed"
    assert "磁盘空间不足" in result.error and "整体回滚" in result.error and str(db) in result.error
    counts, checksum = snapshot(db)
    assert (counts["appeal"], checksum) == (before[0]["appeal"], before[1])
    assert integrity(db) == "ok"
    store.dispose()


def test_a_full_disk_through_the_cli_rolls_back_releases_the_lock_and_prints_json(
    tmp_path: Path, tiny_disk: Path | None, capsys: pytest.CaptureFixture
) -> None:
    if tiny_disk is None:
        pytest.skip("needs a tmpfs (root)")
    config, _settings, db = _deployment(tmp_path, instance=tiny_disk / "instance")
    before = snapshot(db)
    big = appeals_file(tmp_path / "appeals_full.csv", 100_000)
    capsys.readouterr()

    code = cli.main(["--config", str(config), "etl", "import", "--json", str(big), "--kind", "appeals"])

    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err
    [result] = json.loads(out)
    assert result["status"] == "failed" and "磁盘空间不足" in result["error"]
    counts, checksum = snapshot(db)
    assert (counts["appeal"], checksum) == (before[0]["appeal"], before[1])
    assert counts["etl_lock"] == 0  # the lock is gone
    assert integrity(db) == "ok"


@pytest.fixture
def read_only_view(tmp_path: Path) -> Iterator[tuple[Path, Path] | None]:
    """(a writable folder, the same folder bind-mounted read-only) — None where mounting is not allowed (root only)."""
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    bound = subprocess.run(["mount", "--bind", str(source), str(view)], capture_output=True).returncode == 0
    if bound and subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(view)], check=False)
        bound = False
    yield (source, view) if bound else None
    if bound:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_read_only_database_gives_a_clear_message_and_json(
    tmp_path: Path, read_only_view: tuple[Path, Path] | None, capsys: pytest.CaptureFixture
) -> None:
    if read_only_view is None:
        pytest.skip("needs a read-only bind mount (root)")
    source, view = read_only_view
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _deployment(tmp_path / "a", instance=source / "instance")
    config = write_config(tmp_path / "b", "", view / "instance")
    db = view / "instance" / "battlemap.db"
    before = snapshot(db)
    capsys.readouterr()
    code = cli.main(["--config", str(config), "etl", "import", "--json", str(ANOTHER)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in out + err, out + err
    [result] = json.loads(out)
    assert result["status"] == "failed"
    assert "数据库文件只读" in result["error"] and str(db) in result["error"]
    assert snapshot(db) == before
