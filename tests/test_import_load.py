"""Loading files: idempotent re-imports, corrections, all-or-nothing files, a large file read in chunks while a
concurrent reader only ever sees the table before or after the load."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from data.schema import Appeal, EtlRun, Milestone, Progress, Project
from etl import importer, load
from etl.importer import import_file
from etl.readers import delimited
from tests.import_fixtures import CORPUS, import_store

BIG_ROWS = 200_000
HEADER = "诉求编号,企业名称,统一社会信用代码,所属县区,承办单位,受理时间,办理时限,办理状态,满意度"


def count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_the_same_file_again_changes_nothing_and_a_corrected_file_updates_its_rows(tmp_path: Path):
    store, settings = import_store(tmp_path)
    first = import_file(store, settings, CORPUS / "appeals_utf8.csv")[0]
    again = import_file(store, settings, CORPUS / "appeals_utf8.csv")[0]
    assert (first.rows_inserted, again.rows_inserted, again.rows_updated, again.rows_unchanged) == (3, 0, 0, 3)
    corrected = tmp_path / "appeals_corrected.csv"
    text = (CORPUS / "appeals_utf8.csv").read_text(encoding="utf-8")
    corrected.write_text(text.replace(",,,办理中,,", ",,2026-11-06 10:00,已办结,满意,"), encoding="utf-8")
    fixed = import_file(store, settings, corrected)[0]
    assert (fixed.rows_inserted, fixed.rows_updated, fixed.rows_unchanged) == (0, 1, 2)
    assert count(store, Appeal) == 3
    with store.read() as conn:
        row = conn.execute(
            select(Appeal.status, Appeal.satisfaction, Appeal.source, Appeal.etl_run_id).where(
                Appeal.ticket_no == "U8002"
            )
        ).one()
    assert tuple(row) == ("已办结", 4, str(corrected), fixed.run_id)


def test_a_file_that_breaks_halfway_loads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store, settings = import_store(tmp_path)
    monkeypatch.setattr(delimited, "CHUNK_ROWS", 10)  # 40 good rows are upserted before the bad line is read
    lines = [HEADER] + [f"HB{i:03d},淮川恒达科技有限公司,,淮川区,市税务局,2026-11-03,,办理中," for i in range(60)]
    lines[45] += ",多余,多余,多余"
    path = tmp_path / "appeals_halfway.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted) == ("failed", 0)
    assert result.error == (
        "文件“appeals_halfway.csv”第 46 行有 12 列，多于表头的 9 列。"
        "请检查该行是否有多余的分隔符（逗号）或未闭合的引号，修正后重新导入"
    )
    assert count(store, Appeal) == 0
    with store.read() as conn:
        assert conn.execute(select(EtlRun.status)).scalars().all() == ["failed"]


def test_a_workbook_loads_all_its_sheets_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store, settings = import_store(tmp_path)
    import etl.importer as importer

    real = importer.normalise_frame

    def fail_on_progress(kind, frame, vocab):  # type: ignore[no-untyped-def]
        if kind.name == "progress":
            raise OSError("disk I/O error")
        return real(kind, frame, vocab)

    monkeypatch.setattr(importer, "normalise_frame", fail_on_progress)
    results = import_file(store, settings, CORPUS / "项目台账_多工作表.xlsx")
    assert [(r.kind, r.status) for r in results] == [
        ("projects", "failed"),
        ("milestones", "failed"),
        ("progress", "failed"),
    ]
    assert results[2].error == "OSError: disk I/O error"
    assert results[0].error == "同一文件中“项目月度进展”部分失败，本部分也未导入"
    assert (count(store, Project), count(store, Milestone), count(store, Progress)) == (0, 0, 0)


def write_big_csv(path: Path, rows: int) -> None:
    """GBK CSV with a title row; row ``rows - 10`` repeats the key of the first data row (another chunk)."""
    with path.open("w", encoding="gbk", newline="") as fh:
        fh.write("2026年企业诉求台账（大文件）\n" + HEADER + "\n")
        for i in range(rows):
            key = 0 if i == rows - 10 else i
            enterprise = f"淮川企业{i % 3000}有限公司"
            fh.write(f"BF{key:07d},{enterprise},,淮川区,市税务局,2026-11-03 09:00,2026-11-10,已办结,满意\n")


def test_a_large_file_loads_in_chunks_and_a_concurrent_reader_never_sees_it_half_loaded(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "appeals_big.csv"
    write_big_csv(path, BIG_ROWS)
    results = []
    worker = threading.Thread(target=lambda: results.extend(import_file(store, settings, path)))
    seen: set[int] = set()
    reads_during_load = 0
    worker.start()
    while worker.is_alive():
        seen.add(count(store, Appeal))
        reads_during_load += 1
        time.sleep(0.02)  # leave the writer most of the interpreter
    worker.join()
    seen.add(count(store, Appeal))
    result = results[0]
    assert (result.status, result.encoding, result.rows_read, result.rows_inserted) == (
        "loaded",
        "GBK",
        BIG_ROWS,
        BIG_ROWS - 1,
    )
    assert [(r.row, r.value, r.reason) for r in result.rejects] == [
        (BIG_ROWS - 10 + 3, "BF0000000", "编号与第 3 行重复，本行未导入")
    ]
    assert reads_during_load > 0
    assert seen == {0, BIG_ROWS - 1}


def test_a_load_has_a_large_page_cache_and_leaves_the_default_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store, settings = import_store(tmp_path)
    during: list[int] = []
    real = load.load_parts
    monkeypatch.setattr(
        importer,
        "load_parts",
        lambda *a, **k: real(
            *a, **k, before_commit=lambda c: during.append(c.exec_driver_sql("PRAGMA cache_size").scalar())
        ),
    )
    with store.writer.connect() as conn:
        default = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    result = import_file(store, settings, CORPUS / "appeals_utf8.csv")[0]
    assert (result.status, during) == ("loaded", [-load.LOAD_CACHE_MB * 1024])
    with store.writer.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == default == -2000
