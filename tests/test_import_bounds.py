"""Workbooks as scripts and other systems write them, and tables too wide to read: a table wider than ``[etl]
max_columns`` is refused before its rows are read (CSV, .xlsx, HTML, XML 2003); hidden sheets are not imported;
formula cells saved without a cached value reject their row instead of loading a blank; a large sheet is streamed,
and every table is read in chunks whose cells, not rows, are bounded."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from itertools import repeat
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import select

from bench.etl import write_shared_strings_xlsx
from data.schema import Appeal
from etl.importer import import_file
from etl.readers import base, excel, shared_strings
from etl.readers.base import CHUNK_CELLS, ReadError, row_frames
from etl.readers.open import Limits, open_source
from etl.readers.xlsx_parts import column_index, column_letters, shared_strings_size, sheet_parts
from tests.import_fixtures import import_store

HEADER = ["诉求编号", "企业名称", "所属县区", "承办单位", "受理时间", "办理状态"]
REAL = Path(__file__).with_name("corpus") / "real"
WIDE = "文件“{name}”{sheet}有 {n:,} 列，超过导入上限 {limit:,} 列（配置 [etl] max_columns），未读取。" + (
    "请删除多余的列，或在原系统中只导出需要的列后再导入"
)
UNCALCULATED = (
    "{cell} 单元格是公式，但文件中没有公式的计算结果（未计算，无缓存值）；请在 Excel 中打开该文件并保存后再导入"
)


def appeal(ticket: str, enterprise: str = "淮川恒达科技有限公司") -> list[object]:
    return [ticket, enterprise, "淮川区", "市税务局", "2026-11-03 09:15", "已办结"]


def tickets(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return list(conn.execute(select(Appeal.ticket_no).order_by(Appeal.ticket_no)).scalars())


def narrow(tmp_path: Path, limit: int):  # type: ignore[no-untyped-def]
    store, settings = import_store(tmp_path)
    return store, replace(settings, etl=replace(settings.etl, max_columns=limit))


# ---- [etl] max_columns


def test_max_columns_defaults_to_1000_and_is_read_from_the_config(tmp_path: Path):
    _store, settings = import_store(tmp_path)
    assert settings.etl.max_columns == 1000


def test_a_csv_wider_than_max_columns_is_refused_naming_the_file_and_the_limit(tmp_path: Path, monkeypatch):
    store, settings = narrow(tmp_path, 8)
    path = tmp_path / "企业诉求_宽表.csv"
    header = [*HEADER, *(f"备注{i}" for i in range(1, 4))]
    path.write_text(",".join(header) + "\n" + ",".join(map(str, appeal("W1"))) + "\n", encoding="utf-8")
    monkeypatch.setattr(pd, "read_csv", None)  # the refusal comes before the body is parsed
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read) == ("failed", 0)
    assert result.error == WIDE.format(name=path.name, sheet="", n=9, limit=8)
    assert tickets(store) == []


def test_a_50000_column_csv_is_refused_at_once_counting_what_its_first_256_kb_show(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_5万列.csv"
    header = [*HEADER, *(f"c{i:05d}" for i in range(50_000))]  # 30 characters, then 7 a column
    path.write_text(",".join(header) + "\n" + ",".join(map(str, appeal("W1"))) + "\n", encoding="utf-8")
    [result] = import_file(store, settings, path)
    # 262,144 characters read: 6 headers, (262,144 - 30) // 7 = 37,444 whole columns and 1 cut short
    assert result.error == (
        "文件“企业诉求_5万列.csv”至少有 37,451 列，超过导入上限 1,000 列（配置 [etl] max_columns），未读取。"
        "请删除多余的列，或在原系统中只导出需要的列后再导入"
    )


def test_an_xlsx_whose_dimension_passes_max_columns_is_refused_before_calamine_reads_it(tmp_path: Path, monkeypatch):
    store, settings = narrow(tmp_path, 1000)
    path = tmp_path / "企业诉求_宽表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(appeal("W1"))
    book.active.cell(row=2, column=1500, value="多余")
    book.save(path)
    monkeypatch.setattr(excel, "CalamineWorkbook", None)
    [result] = import_file(store, settings, path)
    assert result.error == WIDE.format(name=path.name, sheet="", n=1500, limit=1000)


def test_a_workbook_names_the_sheet_that_is_too_wide(tmp_path: Path):
    path = tmp_path / "宽表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    wide = book.create_sheet("明细")
    wide.append([f"列{i}" for i in range(1, 13)])
    book.save(path)
    with pytest.raises(ReadError) as raised:
        open_source(path, Limits(max_columns=10))
    assert str(raised.value) == WIDE.format(name=path.name, sheet="的工作表“明细”", n=12, limit=10)


def test_an_html_table_whose_row_spans_more_than_max_columns_is_refused(tmp_path: Path):
    path = tmp_path / "企业诉求_宽网页.xls"
    cells = "".join(f"<td>{h}</td>" for h in HEADER) + '<td colspan="5">备注</td>'
    path.write_text(f"<html><body><table><tr>{cells}</tr></table></body></html>", encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        open_source(path, Limits(max_columns=10))
    assert str(raised.value) == WIDE.format(name=path.name, sheet="", n=11, limit=10)


def test_an_xml_2003_table_declaring_or_having_more_columns_is_refused(tmp_path: Path):
    def spreadsheet(table_attrs: str, cells: str) -> Path:
        path = tmp_path / "企业诉求_宽.xml"
        path.write_text(
            '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="台账">'
            f"<Table {table_attrs}><Row>{cells}</Row></Table></Worksheet></Workbook>",
            encoding="utf-8",
        )
        return path

    declared = spreadsheet('ss:ExpandedColumnCount="50000"', '<Cell><Data ss:Type="String">诉求编号</Data></Cell>')
    with pytest.raises(ReadError) as raised:
        open_source(declared, Limits(max_columns=1000))
    assert str(raised.value) == WIDE.format(name=declared.name, sheet="的工作表“台账”", n=50_000, limit=1000)
    far = spreadsheet("", '<Cell ss:Index="3000"><Data ss:Type="String">x</Data></Cell>')
    with pytest.raises(ReadError) as raised:
        open_source(far, Limits(max_columns=1000))
    assert str(raised.value) == WIDE.format(name=far.name, sheet="的工作表“台账”", n=3000, limit=1000)


# ---- hidden sheets


def test_a_hidden_first_sheet_is_skipped_and_the_report_names_the_sheet_read(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_隐藏工作表.xlsx"
    book = openpyxl.Workbook()
    old = book.active
    old.title = "旧台账"
    old.append(HEADER)
    old.append(appeal("OLD1"))
    old.sheet_state = "hidden"
    secret = book.create_sheet("底稿")
    secret.append(HEADER)
    secret.append(appeal("SECRET1"))
    secret.sheet_state = "veryHidden"
    shown = book.create_sheet("台账")
    shown.append(HEADER)
    shown.append(appeal("NEW1"))
    shown.append(appeal("NEW2"))
    book.active = 2
    book.save(path)
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", 2, 2)
    assert result.warnings == ["已跳过隐藏的工作表“旧台账”、“底稿”（未导入），导入的是工作表“台账”"]
    assert tickets(store) == ["NEW1", "NEW2"]


def test_a_workbook_whose_only_data_is_on_a_hidden_sheet_says_so(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_只有隐藏.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "封面"
    data = book.create_sheet("台账")
    data.append(HEADER)
    data.append(appeal("H1"))
    data.sheet_state = "hidden"
    book.save(path)
    [result] = import_file(store, settings, path)
    assert result.status == "failed"
    assert result.error == (
        "文件“企业诉求_只有隐藏.xlsx”中没有可见的内容：可见的工作表都是空的，隐藏的工作表“台账”未读取。"
        "如需导入隐藏的工作表，请在 Excel 中取消隐藏后保存，再导入"
    )


# ---- formulas without a cached value


def test_formula_cells_saved_without_a_cached_value_reject_their_rows_naming_the_cell(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_公式.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([*HEADER, "备注"])
    sheet.append([*appeal("F1"), "=1+1"])  # a formula in a column the import ignores: harmless
    sheet.append([*appeal("F2", enterprise='=CONCAT("淮川","恒达科技有限公司")'), None])
    sheet.append(['="F"&ROW()', *appeal("")[1:], None])
    sheet.append(appeal("F4"))
    sheet.append(["=A2", "=B2", "=C2", "=D2", "=E2", "=F2"])  # a row of formulas only: not a blank row
    book.save(path)  # openpyxl writes formulas as Excel would before it calculates them: <f> without <v>
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", 5, 2)
    formulas = [(3, "B", '=CONCAT("淮川","恒达科技有限公司")'), (4, "A", '="F"&ROW()')]
    formulas += [(6, column_letters(i), f"={column_letters(i)}2") for i in range(len(HEADER))]
    assert [r.as_dict() for r in result.rejects] == [
        {
            "row": row,
            "column": HEADER[column_index(col)],
            "value": value,
            "reason": UNCALCULATED.format(cell=f"{col}{row}"),
        }
        for row, col, value in formulas
    ]
    assert tickets(store) == ["F1", "F4"]


def test_a_formula_with_its_cached_value_loads_that_value(tmp_path: Path):
    """What Excel saves: the formula and its last result (``<v>``); an empty string result is a value too."""
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_公式已计算.xlsx"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(appeal("C1"))
    book.save(path)
    cached = tmp_path / "企业诉求_有缓存.xlsx"
    _rewrite_sheet(
        path,
        cached,
        lambda xml: xml.replace(
            b'<c r="A2" t="inlineStr"><is><t>C1</t></is></c>', b'<c r="A2" t="str"><f>"C"&amp;1</f><v>C1</v></c>'
        ),
    )
    [result] = import_file(store, settings, cached)
    assert (result.status, result.rows_inserted, result.rejects) == ("loaded", 1, [])
    assert tickets(store) == ["C1"]


def _rewrite_sheet(source: Path, target: Path, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)


# ---- memory: large sheets streamed, chunks bounded by cells


def test_a_wide_table_is_read_in_chunks_of_at_most_chunk_cells_cells_lazily():
    frames = row_frames(repeat(["x"] * 1000), 0, 1000)  # an endless table: only a lazy reader returns at all
    first, second = next(frames), next(frames)
    assert (len(first), len(second)) == (1500, 1500)
    assert first.shape[1] - 1 == 1000 and len(first) * 1000 <= CHUNK_CELLS
    assert (first["_row"].iloc[0], second["_row"].iloc[0]) == (1, 1501)
    assert base.chunk_rows(14) == 100_000


FILES = REAL.parent / "files"
WORKBOOKS = [
    *(FILES / n for n in ("appeals_excel_dates.xlsx", "企业诉求_两行表头.xlsx", "企业诉求_合并单元格.xlsx")),
    *(FILES / n for n in ("企业诉求_标题行与合计.xlsx", "项目台账_多工作表.xlsx")),
    *(REAL / n for n in ("企业诉求_偏移与合并.xlsx", "企业诉求_全部拒绝.xlsx", "企业诉求_撇号.xlsx")),
    REAL / "进展_月份数字单元格.xlsx",
]


@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_a_sheet_above_the_stream_size_is_streamed_cell_for_cell_as_calamine_reads_it(path: Path, monkeypatch):
    whole, _hidden = excel.read_workbook(path, "xlsx")
    monkeypatch.setattr(excel, "CalamineWorkbook", None)  # streamed sheets never load the workbook whole
    streamed, _hidden = excel.read_workbook(path, "xlsx", stream_bytes=0)
    assert [s.name for s in streamed] == [s.name for s in whole]
    for a, b in zip(whole, streamed, strict=True):
        assert _padded(b.head) == _padded(a.head)
        pd.testing.assert_frame_equal(pd.concat(list(b.body(0))), pd.concat(list(a.body(0))))


def _padded(rows: list[list[object]]) -> list[list[object]]:
    width = max((len(r) for r in rows), default=0)
    return [[*r, *[None] * (width - len(r))] for r in rows]


def test_a_streamed_sheet_imports_as_the_whole_sheet_does(tmp_path: Path, monkeypatch):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_大表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["2026年企业诉求台账"])
    book.active.append(HEADER)
    for i in range(1, 6):
        book.active.append(appeal(f"S{i}"))
    book.active.append(["=A3", *appeal("")[1:]])
    book.save(path)
    monkeypatch.setattr(excel, "STREAM_BYTES", 0)
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", 6, 5)
    assert [(r.row, r.column, r.value) for r in result.rejects] == [(8, "诉求编号", "=A3")]
    assert tickets(store) == ["S1", "S2", "S3", "S4", "S5"]


def _streamed_names(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    streamed: list[str] = []
    real = excel._streamed_rows

    def recording(path: Path, name: str, strings):  # type: ignore[no-untyped-def]
        streamed.append(name)
        return real(path, name, strings)

    monkeypatch.setattr(excel, "_streamed_rows", recording)
    return streamed


def test_sheets_are_streamed_once_those_calamine_holds_would_pass_the_stream_size(monkeypatch):
    path = FILES / "项目台账_多工作表.xlsx"
    with zipfile.ZipFile(path) as book:
        sizes = [p.size for p in sheet_parts(book) if not p.hidden]
    streamed = _streamed_names(monkeypatch)
    sheets, _hidden = excel.read_workbook(path, "xlsx", stream_bytes=sizes[0] + sizes[1] - 1)
    assert sizes == [2135, 1593, 1123]  # the first is held, the second would pass the size, the third still fits
    assert set(streamed) == {sheets[1].name}


# ---- memory: a workbook mostly of shared strings


def test_the_shared_strings_count_towards_the_stream_size_so_a_strings_heavy_workbook_is_streamed(
    tmp_path: Path, monkeypatch
):
    path = tmp_path / "企业诉求_共享字符串.xlsx"
    rows, _declared, strings = write_shared_strings_xlsx(path, 0.5)
    with zipfile.ZipFile(path) as book:
        [part] = sheet_parts(book)
        assert shared_strings_size(book) == strings > part.size  # mostly strings
    streamed = _streamed_names(monkeypatch)
    excel.read_workbook(path, "xlsx", stream_bytes=excel.STRINGS_WEIGHT * strings + part.size)
    assert streamed == []  # calamine holds the strings (weighted) and the sheet: within the size
    excel.read_workbook(path, "xlsx", stream_bytes=excel.STRINGS_WEIGHT * strings + part.size - 1)
    assert set(streamed) == {"企业诉求"}  # the sheet alone would fit; with the strings it would not
    store, settings = import_store(tmp_path)
    monkeypatch.setattr(excel, "STREAM_BYTES", excel.STRINGS_WEIGHT * strings)
    monkeypatch.setattr(excel, "CalamineWorkbook", None)  # streamed: calamine never opens the workbook
    [result] = import_file(store, settings, path)
    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", rows, rows)
    assert tickets(store)[:2] == ["GD00000000", "GD00000001"]


def test_a_streamed_sheet_reads_its_shared_strings_from_a_spilled_table_once(tmp_path: Path, monkeypatch):
    path = tmp_path / "企业诉求_共享字符串.xlsx"
    write_shared_strings_xlsx(path, 0.2, content_chars=30)
    whole, _hidden = excel.read_workbook(path, "xlsx")
    spills: list[int] = []
    real = shared_strings.SpilledStrings.__init__

    def counting(self, source, size):  # type: ignore[no-untyped-def]
        spills.append(size)
        real(self, source, size)

    monkeypatch.setattr(shared_strings.SpilledStrings, "__init__", counting)
    streamed, _hidden = excel.read_workbook(path, "xlsx", stream_bytes=0)
    pd.testing.assert_frame_equal(pd.concat(list(streamed[0].body(0))), pd.concat(list(whole[0].body(0))))
    assert _padded(streamed[0].head) == _padded(whole[0].head)
    assert len(spills) == 1  # the head and the body share one table


def test_rich_text_and_phonetic_runs_read_as_openpyxl_reads_them(tmp_path: Path):
    path = tmp_path / "sst.xml"
    path.write_bytes(
        f'<sst xmlns="{shared_strings.MAIN}"><si><t>淮川区</t></si><si><r><t>东湖</t></r><r><rPr/><t>区</t></r>'
        "<rPh><t>dong</t></rPh></si><si><t/></si><si><t>a_x005F_b &amp; c</t></si></sst>".encode()
    )
    with path.open("rb") as source:
        table = shared_strings.SpilledStrings(source, path.stat().st_size)
    assert [table[i] for i in range(len(table))] == ["淮川区", "东湖区", "", "a_b & c"]
    table.close()
