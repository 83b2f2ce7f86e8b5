"""The single load path: validation, references, idempotent upsert, audit, all-or-nothing, snapshot reads."""

import datetime as dt
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from data.schema import Appeal, DataVersion, Department, Enterprise, EtlReject, EtlRun
from data.version import as_of, data_version, source_as_of
from etl import load as load_module
from etl.kinds import get_kind
from etl.load import load_frame
from tests.store_fixtures import fresh_store

APPEALS = get_kind("appeals")


def appeals_frame(n: int = 3, start: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ticket_no": [f"A{i:06d}" for i in range(start, start + n)],
            "enterprise": [f"淮川市测试{i % 5}有限公司" for i in range(n)],
            "region": ["淮川区"] * n,
            "department": ["市税务局"] * n,
            "received_at": [dt.datetime(2026, 9, 30, 10, 0)] * n,
            "status": ["已办结"] * n,
            "satisfaction": [5] * n,
            "urgency": ["一般"] * n,
        }
    )


def count(store, model) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_rows_are_validated_resolved_and_audited(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    frame = pd.DataFrame(
        {
            "ticket_no": ["A1", "A2", "A3", "A4", "A1", None],
            "enterprise": ["甲公司", "乙公司", "丙公司", "丁公司", "甲公司", "戊公司"],
            "region": ["淮川区", "东湖区", "火星区", "HC04", "淮川区", "淮川区"],
            "department": ["市税务局", "市新设局", "市税务局", "市税务局", "市税务局", "市税务局"],
            "received_at": [dt.datetime(2026, 9, 30, 10)] * 6,
            "closed_at": [None, None, None, dt.datetime(2026, 9, 1), None, None],
            "status": ["已办结"] * 6,
            "satisfaction": [5, None, 4, 4, 4, 3],
        }
    )
    result = load_frame(store, settings, APPEALS, frame, source="t.csv")
    assert result.status == "loaded"
    assert (result.rows_read, result.rows_inserted, result.rows_rejected) == (6, 2, 4)
    assert [(r.row, r.column, r.reason) for r in result.rejects] == [
        (4, "所属县区", "「火星区」配置中没有这个县区，请核对名称或在配置文件 [city.regions] 中添加"),
        (5, "办结时间", "办结时间早于受理时间"),
        (6, "诉求编号", "编号与第 2 行重复，本行未导入"),
        (7, "诉求编号", "必填项「诉求编号」为空"),
    ]
    assert result.warnings == ["新增部门 1 个：市新设局"]
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(EtlReject)).scalar() == 4
        run = conn.execute(select(EtlRun)).one()
        assert (run.status, run.rows_inserted, run.rows_rejected) == ("loaded", 2, 4)
        assert conn.execute(select(Department.type).where(Department.name == "市新设局")).scalar() == "新增"
        assert conn.execute(select(func.count()).select_from(Enterprise)).scalar() == 2
        # 一般 = 5 working days after 30 Sep 2026: Oct 8, 9, 10 (make-up Saturday), 12, 13
        due = conn.execute(select(Appeal.due_at).where(Appeal.ticket_no == "A1")).scalar()
        assert due == dt.datetime(2026, 10, 13, 23, 59, 59)
        assert data_version(conn) == 1
        assert set(source_as_of(conn)) == {"appeals"}
        assert as_of(conn) == run.finished_at


def test_reimport_changes_nothing_and_a_correction_updates_in_place(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    first = load_frame(store, settings, APPEALS, appeals_frame(4), source="a.csv")
    again = load_frame(store, settings, APPEALS, appeals_frame(4), source="a.csv")
    assert (first.rows_inserted, again.rows_inserted, again.rows_updated, again.rows_unchanged) == (4, 0, 0, 4)
    corrected = appeals_frame(4)
    corrected.loc[2, "satisfaction"] = 2
    fixed = load_frame(store, settings, APPEALS, corrected, source="a-fixed.csv")
    assert (fixed.rows_inserted, fixed.rows_updated, fixed.rows_unchanged) == (0, 1, 3)
    assert count(store, Appeal) == 4
    with store.read() as conn:
        row = conn.execute(
            select(Appeal.satisfaction, Appeal.source, Appeal.etl_run_id).where(Appeal.ticket_no == "A000003")
        ).one()
    assert tuple(row) == (2, "a-fixed.csv", fixed.run_id)


def test_a_failed_load_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store, settings = fresh_store(tmp_path)
    load_frame(store, settings, APPEALS, appeals_frame(3), source="ok.csv")

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(load_module, "bump_data_version", broken)
    result = load_frame(store, settings, APPEALS, appeals_frame(5, start=100), source="bad.csv")
    assert result.status == "failed"
    assert result.error == "OSError: disk I/O error"
    assert (result.rows_inserted, result.run_id is not None) == (0, True)
    assert count(store, Appeal) == 3
    assert count(store, Enterprise) == 3  # the enterprises the failed load added are gone too
    with store.read() as conn:
        runs = conn.execute(select(EtlRun.source, EtlRun.status).order_by(EtlRun.id)).all()
        assert [tuple(r) for r in runs] == [("ok.csv", "loaded"), ("bad.csv", "failed")]
        assert conn.execute(select(DataVersion.version)).scalar() == 1


def test_dry_run_reports_without_writing(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    result = load_frame(store, settings, APPEALS, appeals_frame(3), source="d.csv", dry_run=True)
    assert (result.status, result.rows_inserted, result.run_id) == ("loaded", 3, None)
    assert count(store, Appeal) == 0
    assert count(store, EtlRun) == 0


def test_a_reader_during_a_write_never_sees_a_half_written_table(tmp_path: Path):
    store, settings = fresh_store(tmp_path)
    load_frame(store, settings, APPEALS, appeals_frame(1000), source="base.csv")
    batch = appeals_frame(40_000, start=10_000)
    seen: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            with store.read() as conn:
                appeals = conn.execute(select(func.count()).select_from(Appeal)).scalar_one()
                runs = conn.execute(select(func.count()).select_from(EtlRun)).scalar_one()
            seen.append(appeals if runs == (1 if appeals == 1000 else 2) else -1)
            done.wait(0.002)  # let the writer have the interpreter between reads

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = load_frame(store, settings, APPEALS, batch, source="big.csv")
    finally:
        done.set()
        thread.join()
    assert result.rows_inserted == 40_000
    assert seen, "the reader never ran"
    assert set(seen) <= {1000, 41_000}, f"half-written states seen: {sorted(set(seen) - {1000, 41_000})[:5]}"
    assert 1000 in seen  # the reader really did read while the write was under way
