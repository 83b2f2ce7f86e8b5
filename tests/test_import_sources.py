"""The inbox folder, an upstream database read by watermark, the import lock and the scheduler's jobs."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select

from cli import main
from config import EtlConfig, ScheduledJob, UpstreamSource
from data.schema import Appeal, EtlWatermark
from etl.inbox import pending_files, run_inbox
from etl.lock import ImportBusy, current_lock, import_lock, try_acquire
from etl.scheduler import build_scheduler, start_background_scheduler
from etl.upstream import read_source
from tests.import_fixtures import CORPUS, import_store


def with_etl(settings, **changes):  # type: ignore[no-untyped-def]
    return replace(settings, etl=replace(settings.etl, **changes))


def drop(inbox: Path, name: str, mtime: float) -> Path:
    target = inbox / name
    shutil.copy(CORPUS / name, target)
    os.utime(target, (mtime, mtime))
    return target


def test_inbox_processes_files_in_arrival_order_and_never_deletes_them(tmp_path: Path):
    store, settings = import_store(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    settings = with_etl(settings, inbox_dir=inbox, settle_seconds=0)
    drop(inbox, "appeals_unknown_district.csv", 1_000)
    drop(inbox, "appeals_password.xlsx", 2_000)
    drop(inbox, "appeals_utf8.csv", 3_000)
    (inbox / "~$appeals_utf8.xlsx").write_bytes(b"lock file of an open workbook")
    outcomes = run_inbox(store, settings)
    assert [(o.source.name, o.failed, o.moved_to.parent.name) for o in outcomes] == [
        ("appeals_unknown_district.csv", False, "archive"),
        ("appeals_password.xlsx", True, "failed"),
        ("appeals_utf8.csv", False, "archive"),
    ]
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == ["~$appeals_utf8.xlsx"]
    for o in outcomes:
        assert o.moved_to.read_bytes() == (CORPUS / o.source.name).read_bytes()
        assert o.report.name == o.moved_to.name + ".报告.txt"
    report = outcomes[0].report.read_text(encoding="utf-8-sig")
    assert "结果：已导入（企业诉求台账）：读取 3 行，新增 2，更新 0，未变 0，拒绝 1" in report
    assert "  第 3 行「所属县区」列，值“火星区”：「火星区」配置中没有这个县区" in report
    failed = outcomes[1].report.read_text(encoding="utf-8-sig")
    assert "原因：文件“appeals_password.xlsx”设置了打开密码（已加密），无法读取。" in failed
    assert "整个文件均未导入，数据库保持导入前的状态；请按上述原因修正后重新导入。" in failed
    assert run_inbox(store, settings) == []


def test_a_file_still_being_copied_waits_for_the_next_run(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    old = drop(inbox, "appeals_utf8.csv", 1_000)
    drop(inbox, "appeals_gbk.csv", 1_990)
    assert pending_files(inbox, settle_seconds=30, now=2_000) == [old]


def test_etl_run_command_reports_and_exits_1_when_a_file_failed(tmp_path: Path, monkeypatch, capsys):
    config = tmp_path / "battlemap.toml"
    config.write_text('[app]\ninstance_dir = "inst"\n[etl]\ninbox = "in"\nsettle_seconds = 0\n', encoding="utf-8")
    monkeypatch.setenv("BATTLEMAP_CONFIG", str(config))
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'run.db'}")
    inbox = tmp_path / "inst" / "in"
    inbox.mkdir(parents=True)
    drop(inbox, "appeals_gbk.csv", 1_000)
    drop(inbox, "appeals_empty.csv", 2_000)
    assert main(["etl", "run"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("appeals_gbk.csv → archive/（已导入）")
    assert lines[1] == "  结果：已导入（企业诉求台账）：读取 3 行，新增 3，更新 0，未变 0，拒绝 0"
    assert lines[2].startswith("appeals_empty.csv → failed/（导入失败）")


def hotline_row(ticket: str, enterprise: str, district: str, status: str, rating: str | None, changed: str) -> tuple:
    return (ticket, enterprise, district, "市税务局", changed[:16], status, rating, changed)


def make_upstream(path: Path, rows: list[tuple]) -> None:
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS hotline (工单编号 TEXT, 诉求企业 TEXT, 区县 TEXT, 承办单位 TEXT,"
            " 受理时间 TEXT, 状态 TEXT, 满意度 TEXT, updated_at TEXT)"
        )
        db.executemany("INSERT INTO hotline VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def test_upstream_database_is_read_incrementally_by_watermark(tmp_path: Path):
    store, settings = import_store(tmp_path)
    hotline = tmp_path / "hotline.db"
    make_upstream(
        hotline,
        [
            hotline_row("H1", "淮川恒达科技有限公司", "淮川区", "办理中", None, "2026-11-01 09:00:00"),
            hotline_row("H2", "淮川鑫源机械有限公司", "东湖区", "已办结", "满意", "2026-11-02 10:00:00"),
        ],
    )
    source = UpstreamSource(
        name="12345",
        kind="appeals",
        url=f"sqlite:///{hotline}",
        query="SELECT * FROM hotline WHERE updated_at >= :watermark ORDER BY updated_at",
    )
    first = read_source(store, settings, source)
    assert (first.file, first.status, first.rows_read, first.rows_inserted) == ("upstream:12345", "loaded", 2, 2)
    make_upstream(
        hotline,
        [
            hotline_row("H1", "淮川恒达科技有限公司", "淮川区", "已办结", "非常满意", "2026-11-03 08:00:00"),
            hotline_row("H3", "淮川华信物流有限公司", "火星区", "办理中", None, "2026-11-03 09:00:00"),
        ],
    )
    second = read_source(store, settings, source)
    assert (second.rows_read, second.rows_inserted, second.rows_updated, second.rows_unchanged) == (3, 0, 1, 1)
    assert [(r.row, r.column, r.value) for r in second.rejects] == [(3, "区县", "火星区")]
    third = read_source(store, settings, source)
    assert (third.status, third.rows_read, third.rows_unchanged) == ("rejected", 1, 0)
    with store.read() as conn:
        watermark = conn.execute(select(EtlWatermark.watermark)).scalar_one()
        h1 = conn.execute(select(Appeal.status, Appeal.satisfaction).where(Appeal.ticket_no == "H1")).one()
    assert watermark == "2026-11-03 09:00:00"
    assert tuple(h1) == ("已办结", 5)


def test_upstream_query_failing_is_recorded_not_raised(tmp_path: Path):
    store, settings = import_store(tmp_path)
    source = UpstreamSource("broken", "appeals", f"sqlite:///{tmp_path / 'none.db'}", "SELECT * FROM missing")
    result = read_source(store, settings, source)
    assert result.status == "failed"
    assert result.error.startswith("读取上游数据库“broken”失败：")
    assert result.run_id == 1


def test_the_import_lock_admits_one_import_at_a_time(tmp_path: Path):
    store, settings = import_store(tmp_path)
    with import_lock(store, settings) as holder:
        assert current_lock(store)["holder"] == holder
        assert try_acquire(store, settings, "another-process").holder == holder
        with pytest.raises(ImportBusy, match="另一个导入正在进行"), import_lock(store, settings):
            pass
        with pytest.raises(ImportBusy):
            run_inbox(store, with_etl(settings, inbox_dir=tmp_path / "inbox"))
    assert current_lock(store) is None
    expired = with_etl(settings, lock_minutes=-1)
    assert try_acquire(store, expired, "crashed-import") is None
    assert try_acquire(store, settings, "next-import") is None  # a lock past its time is taken over
    assert current_lock(store)["holder"] == "next-import"


def test_the_scheduler_builds_jobs_from_config_in_shanghai_time(tmp_path: Path):
    _store, settings = import_store(tmp_path)
    settings = with_etl(
        settings,
        inbox_dir=tmp_path / "inbox",
        misfire_grace_seconds=120,
        jobs=(
            ScheduledJob("inbox", "inbox", "interval", {"minutes": 5}),
            ScheduledJob("upstream", "upstream", "cron", {"hour": "1", "minute": "30"}),
        ),
    )
    scheduler = build_scheduler(settings)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert str(scheduler.timezone) == "Asia/Shanghai"
    assert sorted(jobs) == ["close_quarters", "inbox", "upstream"]
    assert str(jobs["close_quarters"].trigger) == "cron[hour='0', minute='1']"
    assert (jobs["inbox"].max_instances, jobs["inbox"].coalesce, jobs["inbox"].misfire_grace_time) == (1, True, 120)
    assert str(jobs["upstream"].trigger) == "cron[hour='1', minute='30']"
    assert jobs["inbox"].trigger.interval.total_seconds() == 300
    (tmp_path / "inbox").mkdir()
    drop(tmp_path / "inbox", "appeals_utf8.csv", 1_000)
    assert jobs["inbox"].func() == 1  # the job function itself processes the inbox
    assert jobs["upstream"].func() == 0  # no upstream source configured


def test_start_background_scheduler_runs_in_process(tmp_path: Path):
    _store, settings = import_store(tmp_path)
    settings = with_etl(settings, jobs=(ScheduledJob("inbox", "inbox", "interval", {"hours": 1}),))
    scheduler = start_background_scheduler(settings)
    try:
        assert isinstance(scheduler, BackgroundScheduler)
        assert scheduler.running
        assert sorted(j.id for j in scheduler.get_jobs()) == ["close_quarters", "inbox"]  # listed by next run time
    finally:
        scheduler.shutdown(wait=False)


def test_default_config_schedules_the_inbox_and_upstream_jobs():
    from config import load_settings

    etl = load_settings(environ={}).etl
    assert isinstance(etl, EtlConfig)
    assert [(j.name, j.action, j.trigger, j.fields) for j in etl.jobs] == [
        ("inbox", "inbox", "interval", {"minutes": 5}),
        ("upstream", "upstream", "cron", {"minute": "15"}),
    ]
    assert (etl.scheduler_in_app, etl.coalesce, etl.misfire_grace_seconds) == (True, True, 300)
