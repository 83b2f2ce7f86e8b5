"""Import templates: every kind's template, filled below its marked example row, loads just the real rows (the
example is skipped with a notice, an untouched template loads nothing), and its 说明 sheet says what each field
takes."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from sqlalchemy import select

from cli import main
from config import Settings
from etl.importer import import_file
from etl.kinds import KINDS, SourceKind
from etl.report import result_text
from etl.template import example, template_name, template_xlsx
from tests.import_fixtures import import_store


def _real_rows(kind: SourceKind, settings: Settings) -> list[list[object]]:
    """Two rows that import cleanly below a template's example: the example's values unmarked, then the same
    with its key changed (the enterprise's name, 淮川示例科技有限公司, holds 示例 as data)."""
    first = [example(kind, f, settings) for f in kind.fields]
    if kind.name == "holidays":
        return [first, [2026, "元旦", "1月1日至3日", None, 3, None, None]]
    keys = [f for f in kind.fields if f.db_column in kind.key_columns]
    own = [f for f in keys if f.ref is None and not f.choices] or [f for f in keys if f.ref in KINDS_REFERRED]
    varied = {"int": lambda v: v + 1, "month": "2026-11", "period": "2026-11", "quarter": "2026Q4"}.get(
        own[0].type, lambda v: f"{v}2"
    )
    if kind.name == "milestones":  # a project's milestone weights add up to 1
        first[[f.name for f in kind.fields].index("weight")] = 0.5
    second = list(first)
    i = kind.fields.index(own[0])
    second[i] = varied(first[i]) if callable(varied) else varied
    return [first, second]


KINDS_REFERRED = ("enterprise", "cadre", "project")  # refs to a kind whose second template row is the same + "2"


def _filled(kind: SourceKind, settings: Settings, path: Path) -> Path:
    path.write_bytes(template_xlsx(kind, settings))
    book = openpyxl.load_workbook(path)
    for row in _real_rows(kind, settings):
        book.worksheets[0].append(row)
    book.save(path)
    return path


def test_every_template_filled_below_its_example_loads_the_two_real_rows_and_names_the_example(tmp_path: Path):
    store, settings = import_store(tmp_path)
    outcomes = {}
    for kind in KINDS.values():  # load order: a template's references are the earlier templates' rows
        [result] = import_file(store, settings, _filled(kind, settings, tmp_path / template_name(kind)))
        notes = [w for w in result.warnings if "示例" in w]
        outcomes[kind.name] = (result.status, result.rows_read, result.rows_inserted, result.rejects, notes)
    skipped = ["第 2 行为模板示例行，已跳过（未导入，也不计为被拒绝的行）"]
    two_rows = {name: ("loaded", 2, 2, [], skipped) for name in KINDS}
    assert outcomes == {**two_rows, "holidays": ("loaded", 2, 10, [], skipped)}  # 国庆 7 days + 元旦 3 days
    with store.read() as conn:
        tickets = conn.execute(select(KINDS["appeals"].table.c.ticket_no).order_by("ticket_no")).scalars().all()
        names = conn.execute(select(KINDS["enterprises"].table.c.name).order_by("name")).scalars().all()
    assert tickets == ["GD20261103001", "GD202611030012"]  # the example's 【示例】GD20261103001 is not stored
    assert names == ["淮川示例科技有限公司", "淮川示例科技有限公司2"]  # 示例 in a name is data, not the marker


def test_an_untouched_template_loads_nothing_and_says_only_the_example_was_there(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_导入模板.xlsx"
    path.write_bytes(template_xlsx(KINDS["appeals"], settings))
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted, result.rows_rejected) == ("skipped", 0, 0, 0)
    assert result.warnings == [
        "第 2 行为模板示例行，已跳过（未导入，也不计为被拒绝的行）",
        "除模板示例行外没有数据行，未导入任何内容；请在示例行下方填写真实数据后再导入",
    ]
    assert not result.data_changed
    assert "已导入" not in result_text(result)


def test_the_marker_survives_a_csv_save_and_only_the_marker_skips_a_row(tmp_path: Path):
    """Saved as CSV (Excel may keep a leading apostrophe); a row whose text merely holds 示例 — even 【示例 in
    another column — is data."""
    store, settings = import_store(tmp_path)
    kind = KINDS["appeals"]
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(kind, settings)))
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    rows[1][0] = f"'{rows[1][0]}"
    real = [example(kind, f, settings) for f in kind.fields]
    real[[f.name for f in kind.fields].index("squad")] = None  # no squad is registered in this database
    content = kind.fields.index(
        next(f for f in kind.fields if f.type in ("str", "text") and f.ref is None and f.name != "ticket_no")
    )
    real[content] = "【示例】企业反映示例问题"
    other = [*real]
    other[0] = "示例GD002"
    path = tmp_path / "企业诉求_2026-11.csv"
    path.write_text(
        "\n".join(",".join("" if v is None else str(v) for v in r) for r in [rows[0], rows[1], real, other]),
        encoding="utf-8-sig",
    )
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted, result.rejects) == ("loaded", 2, 2, [])
    assert "第 2 行为模板示例行，已跳过（未导入，也不计为被拒绝的行）" in result.warnings
    with store.read() as conn:
        tickets = conn.execute(select(KINDS["appeals"].table.c.ticket_no).order_by("ticket_no")).scalars().all()
    assert tickets == ["GD20261103001", "示例GD002"]


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
