"""Saved import mappings (导入方案): stored with who and when, applied to later files of the same kind and header
set in the importer, the CLI and the inbox; listed and removed by ``battlemap etl mappings``."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from callbacks.operator_mappings import chosen_mapping
from cli import main
from data.audit import entries as audit_entries
from etl.importer import import_file
from etl.inbox import run_inbox
from etl.mappings import MappingError, header_key, load_mappings, remove_mapping, store_mapping
from etl.service import upload_path
from tests.import_fixtures import import_store

REAL = Path(__file__).with_name("corpus") / "real"
ALIASED = "企业诉求_配置别名.csv"
HEADERS = ["诉求编号", "企业名称", "片区", "承办单位", "受理时间", "办理状态"]


def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh store whose instance folder (inbox, uploads) is under ``tmp_path``."""
    store, settings = import_store(tmp_path)
    return store, replace(settings, instance_dir=tmp_path / "instance", etl=replace(
        settings.etl, inbox_dir=tmp_path / "instance" / "inbox", settle_seconds=0))  # fmt: skip


def _copy(name: str, folder: Path, as_name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(REAL / name, folder / as_name))


def test_a_failed_header_offers_its_headers_and_the_kinds_fields(tmp_path: Path):
    store, settings = _store(tmp_path)
    [result] = import_file(store, settings, REAL / ALIASED)
    assert result.status == "failed"
    hint = result.mapping
    assert (hint["kind"], hint["headers"]) == ("appeals", HEADERS)
    assert hint["columns"] == {
        "诉求编号": "ticket_no",
        "企业名称": "enterprise",
        "承办单位": "department",
        "受理时间": "received_at",
        "办理状态": "status",
    }
    assert [f["name"] for f in hint["fields"] if f["required"]] == [
        "ticket_no", "enterprise", "region", "department", "received_at", "status"
    ]  # fmt: skip


def test_unknown_labels_offer_the_allowed_values(tmp_path: Path):
    store, settings = _store(tmp_path)
    [result] = import_file(store, settings, REAL / "企业诉求_未知状态.csv")
    assert result.mapping["unknown"] == {"status": ["待核查", "已作废"]}
    assert result.mapping["allowed"] == {"status": ["办理中", "已办结", "已受理", "已退回"]}


def test_a_saved_mapping_is_audited_and_applied_to_later_files_of_that_source(tmp_path: Path):
    store, settings = _store(tmp_path)
    first = store_mapping(store, settings, "appeals", HEADERS, {"片区": "region"}, {}, "zhang", ALIASED)
    again = store_mapping(store, settings, "appeals", HEADERS, {}, {"status": {"待核查": "办理中"}}, "li")
    assert again == first
    [saved] = load_mappings(store)
    assert (saved.kind, saved.columns, saved.labels) == (
        "appeals",
        {"片区": "region"},
        {"status": {"待核查": "办理中"}},
    )
    assert (saved.created_by, saved.updated_by, saved.source) == ("zhang", "li", None)
    assert saved.created_at <= saved.updated_at
    later = _copy(ALIASED, tmp_path / "in", "12345导出_12月.csv")
    [result] = import_file(store, settings, later)
    assert (result.kind, result.status, result.rows_inserted) == ("appeals", "loaded", 3)
    assert result.warnings == [saved.note()]
    other = import_file(store, settings, REAL / "企业诉求_缺列有近似.csv")  # another header set: not this source
    assert other[0].status == "failed"


def test_the_inbox_applies_a_saved_mapping(tmp_path: Path):
    store, settings = _store(tmp_path)
    store_mapping(store, settings, "appeals", HEADERS, {"片区": "region"}, {}, "zhang")
    _copy(ALIASED, settings.etl.inbox_dir, "来件.csv")
    [outcome] = run_inbox(store, settings)
    assert (outcome.failed, outcome.results[0].rows_inserted) == (False, 3)


def test_a_mapping_naming_an_unknown_field_or_value_is_refused(tmp_path: Path):
    store, settings = _store(tmp_path)
    with pytest.raises(MappingError, match="没有字段 district"):
        store_mapping(store, settings, "appeals", HEADERS, {"片区": "district"}, {}, "zhang")
    with pytest.raises(MappingError, match="不是「办理状态」可用的值"):
        store_mapping(store, settings, "appeals", HEADERS, {}, {"status": {"待核查": "审核"}}, "zhang")
    with pytest.raises(MappingError, match="表头少于两列"):
        store_mapping(store, settings, "appeals", ["片区"], {"片区": "region"}, {}, "zhang")
    assert load_mappings(store) == []


def test_the_header_set_ignores_order_and_spelling_details():
    assert header_key(["诉求编号", "片区"]) == header_key([" 片区 ", "诉求编号（必填）"])
    assert header_key(["诉求编号", "片区"]) != header_key(["诉求编号", "片区", "备注"])
    assert header_key(["诉求编号"]) is None


def test_mappings_command_lists_and_removes(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    db = tmp_path / "cli.db"
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{db}")
    assert main(["etl", "mappings"]) == 0
    assert capsys.readouterr().out.startswith("还没有保存的导入方案")
    (tmp_path / "x").mkdir()
    store, settings = import_store(tmp_path / "x")
    store_mapping(
        store, settings, "appeals", HEADERS, {"片区": "region"}, {"status": {"待核查": "办理中"}}, "zhang", ALIASED
    )
    store.dispose()
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'x' / 'import.db'}")
    assert main(["etl", "mappings"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("#1  企业诉求台账  保存：zhang ") and lines[0].endswith(f"来源文件：{ALIASED}")
    assert lines[1:] == [
        "    表头：诉求编号、企业名称、片区、承办单位、受理时间、办理状态",
        "    表头“片区” → 「所属县区」",
        "    「办理状态」“待核查” → 办理中",
    ]
    assert main(["etl", "mappings", "remove", "1"]) == 0
    assert capsys.readouterr().out == "已删除导入方案 #1；以后表头相同的文件不再按它读取\n"
    assert main(["etl", "mappings", "remove", "1"]) == 1
    assert "没有编号为 1 的导入方案" in capsys.readouterr().err


def test_the_operator_form_choices_become_a_mapping(tmp_path: Path):
    columns, labels = chosen_mapping(
        ["片区", "", "诉求编号"],
        [{"field": "region"}, {"field": "park"}, {"field": "ticket_no"}],
        ["办理中", None, "4"],
        [
            {"field": "status", "value": "待核查"},
            {"field": "status", "value": "已作废"},
            {"field": "satisfaction", "value": "很好"},
        ],
        "appeals",
    )
    assert columns == {"片区": "region", "诉求编号": "ticket_no"}
    assert labels == {"status": {"待核查": "办理中"}, "satisfaction": {"很好": 4}}
    _store_, settings = _store(tmp_path)
    folder = settings.instance_dir / "uploads" / "20261202-101010-000001"
    folder.mkdir(parents=True)
    (folder / "a.csv").write_text("x")
    assert upload_path(settings, "20261202-101010-000001", "a.csv") == folder / "a.csv"
    assert upload_path(settings, "..", "a.csv") is None
    assert upload_path(settings, "20261202-101010-000001", "../../etc/passwd") is None
    assert remove_mapping(_store_, 99) is False


def test_an_upload_mapped_on_the_operator_page_is_saved_and_imported_again(tmp_path: Path):
    from datetime import datetime

    from etl import service

    store, settings = _store(tmp_path)
    content = (REAL / "企业诉求_未知状态.csv").read_bytes()
    [first] = service.import_uploads(store, settings, [("来件.csv", content)], datetime(2026, 12, 2, 10, 0), "wang")
    assert (first.status, first.rows_inserted, first.upload) == ("loaded", 1, ("20261202-100000-000000", "来件.csv"))
    assert first.mapping["unknown"] == {"status": ["待核查", "已作废"]}
    labels = {"status": {"待核查": "办理中", "已作废": "已退回"}}
    mapping_id, [again] = service.save_mapping_and_reimport(
        store, settings, first.upload, "appeals", first.mapping["headers"], {}, labels, "wang"
    )
    assert (mapping_id, again.status, again.rows_inserted, again.rows_unchanged, again.rejects) == (
        1,
        "loaded",
        5,
        1,
        [],
    )
    assert load_mappings(store)[0].created_by == "wang"
    with store.read() as conn:
        logged = [(e.actor, e.action, e.target, e.detail) for e in audit_entries(conn)][::-1]
    assert logged == [
        ("wang", "import", "来件.csv", "企业诉求台账 · 已导入：读取 6 行，新增 1，更新 0，未变 0，拒绝 5"),
        ("wang", "mapping.save", "#1 appeals", "来件.csv；取值对照 2 项"),
        ("wang", "import", "来件.csv", "企业诉求台账 · 已导入：读取 6 行，新增 5，更新 0，未变 1，拒绝 0"),
    ]
    with pytest.raises(service.MappingError, match="找不到这次上传的文件"):
        service.save_mapping_and_reimport(store, settings, ("..", "来件.csv"), "appeals", HEADERS, {}, {}, "wang")
