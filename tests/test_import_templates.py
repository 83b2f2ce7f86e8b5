"""Import templates: every kind's template imports cleanly as it is handed out, and its 说明 sheet says what each
field takes."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cli import main
from etl.importer import import_file
from etl.kinds import KINDS
from etl.template import template_name, template_xlsx
from tests.import_fixtures import import_store


def test_every_template_imports_its_example_row_without_a_reject(tmp_path: Path):
    store, settings = import_store(tmp_path)
    outcomes = {}
    for kind in KINDS.values():  # load order: a template's references are the earlier templates' examples
        path = tmp_path / template_name(kind)
        path.write_bytes(template_xlsx(kind, settings))
        [result] = import_file(store, settings, path)
        warnings = [] if kind.name == "holidays" else result.warnings  # the arrangement notes what the year lacks
        outcomes[kind.name] = (result.kind, result.status, result.rows_inserted, result.rejects, warnings)
    one_row = {name: (name, "loaded", 1, [], []) for name in KINDS}
    assert outcomes == {**one_row, "holidays": ("holidays", "loaded", 7, [], [])}  # 国庆节 10月1日至7日: 7 days


def test_the_notes_sheet_lists_every_field_with_required_format_and_allowed_values(tmp_path: Path):
    _store, settings = import_store(tmp_path)
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(KINDS["appeals"], settings))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["企业诉求", "说明"]
    header = [c.value for c in book["企业诉求"][1]]
    assert header == [f.label for f in KINDS["appeals"].fields]
    rows = {r[0]: r[1:4] for r in book["说明"].iter_rows(min_row=3, values_only=True)}
    assert set(rows) == set(header)
    assert rows["诉求编号"] == ("必填", "文本", None)
    assert rows["受理时间"] == ("必填", "日期时间，如 2026-11-03 09:15、2026年11月3日 9时15分", None)
    assert rows["紧急程度"][:2] == ("选填", "文本")
    assert rows["紧急程度"][2].startswith("特急/紧急/一般；也可写 特别紧急、加急、急、普通、非紧急")
    assert rows["满意度"][2].startswith("1–5 的数字；也可写 非常满意、很满意")
    assert rows["办理状态"][2].startswith("办理中/已办结/已受理/已退回；也可写 受理、待办理")


def test_the_template_command_writes_the_file(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert main(["etl", "template", "clearance", "-o", str(tmp_path)]) == 0
    written = tmp_path / "清障_导入模板.xlsx"
    assert capsys.readouterr().out == (
        f"已生成“清障问题清单”导入模板：{written}（“说明”工作表列出每个字段是否必填、格式和可选值）\n"
    )
    assert openpyxl.load_workbook(tmp_path / "清障_导入模板.xlsx").sheetnames == ["清障", "说明"]
