"""Exports as offices and attackers really send them, written here (not by the corpus generators): Excel's Chinese
date format with 上午/下午, tick and cross marks for 是/否, the signature block under a table, overlong cells."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from data.schema import Appeal, Enterprise
from etl.importer import import_file
from tests.import_fixtures import import_store

HEADER = "诉求编号,企业名称,所属县区,承办单位,受理时间,办理状态,是否重复"


def ledger(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(
    ticket: str, received: str = "2026-01-05 09:30", repeat: str = "否", enterprise: str = "淮川恒达科技有限公司"
) -> str:
    return f"{ticket},{enterprise},淮川区,市税务局,{received},办理中,{repeat}"


def stored(store, column):  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return dict(conn.execute(select(Appeal.ticket_no, column).order_by(Appeal.ticket_no)).all())


def test_excel_chinese_date_format_with_morning_and_afternoon_reads_as_the_clock_says(tmp_path: Path):
    store, settings = import_store(tmp_path)
    forms = {
        "A1": "2026年1月5日 上午9:30",
        "A2": "2026年1月5日 下午3:30",
        "A3": "2026/1/5 下午 3:30:15",
        "A4": "2026-01-05 上午12:10",  # ten past midnight, as Excel writes it
        "A5": "2026-01-05 下午12:10",  # ten past noon
        "A6": "2026年1月5日 晚上8点",
        "A7": "2026-01-05 9:30 PM",
    }
    path = ledger(tmp_path, "企业诉求_上午下午.csv", [HEADER, *(row(t, v) for t, v in forms.items())])
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted, result.rejects) == ("loaded", 7, [])
    times = [v.strftime("%H:%M:%S") for v in stored(store, Appeal.received_at).values()]
    assert times == ["09:30:00", "15:30:00", "15:30:15", "00:10:00", "12:10:00", "20:00:00", "21:30:00"]


def test_an_afternoon_mark_on_an_impossible_hour_is_rejected_not_guessed(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = ledger(tmp_path, "企业诉求_下午25点.csv", [HEADER, row("B1", "2026-01-05 下午25:00"), row("B2")])
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted) == ("loaded", 1)
    assert [r.as_dict() for r in result.rejects] == [
        {
            "row": 2,
            "column": "受理时间",
            "value": "2026-01-05 下午25:00",
            "reason": "「受理时间」的值“2026-01-05 下午25:00”不是可识别的日期，请写成 2026-11-03 或 2026年11月3日",
        }
    ]


def test_tick_and_cross_marks_are_yes_and_no(tmp_path: Path):
    store, settings = import_store(tmp_path)
    marks = {"C1": "✓", "C2": "✔", "C3": "☑", "C4": "✗", "C5": "✘", "C6": "☒", "C7": "√", "C8": "×"}
    path = ledger(tmp_path, "企业诉求_勾叉.csv", [HEADER, *(row(t, repeat=m) for t, m in marks.items())])
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted, result.rejects) == ("loaded", 8, [])
    assert stored(store, Appeal.is_repeat) == {
        "C1": True, "C2": True, "C3": True, "C4": False, "C5": False, "C6": False, "C7": True, "C8": False
    }  # fmt: skip


def test_the_signature_block_under_a_table_is_not_a_data_row(tmp_path: Path):
    store, settings = import_store(tmp_path)
    lines = [
        "淮川市12345热线企业诉求工单台账,,,,,,",
        "统计时间：2026年1月1日至2026年1月31日,,,,,,",
        HEADER,
        row("D1"),
        "小计,1,,,,,",
        row("D2"),
        "合计,2,,,,,",
        "填表人：张三,,审核人：李四,,,,",
        "联系电话：0551-88888888,,,,,,",
        "填报单位（盖章）：淮川区营商环境办,,,,,,",
        "制表日期：2026年2月1日,,,,,,",
    ]
    result = import_file(store, settings, ledger(tmp_path, "企业诉求_签名栏.csv", lines))[0]
    assert (result.status, result.rows_read, result.rows_inserted, result.rejects) == ("loaded", 2, 2, [])


def test_a_cell_longer_than_its_column_rejects_the_row_naming_the_limit(tmp_path: Path):
    store, settings = import_store(tmp_path)
    long_ticket, long_name = "X" * 100_000, "企" * 201
    path = ledger(tmp_path, "企业诉求_超长.csv", [HEADER, row(long_ticket), row("E2", enterprise=long_name), row("E3")])
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted) == ("loaded", 1)
    assert [(r.row, r.column, len(r.value or ""), r.reason) for r in result.rejects] == [
        (2, "诉求编号", 100_000, "「诉求编号」的值有 100000 个字符，超过该列上限 50 个字符；请核对该单元格"),
        (3, "企业名称", 201, "「企业名称」的值有 201 个字符，超过该列上限 200 个字符；请核对该单元格"),
    ]
    with store.read() as conn:
        assert conn.execute(select(Enterprise.name)).scalars().all() == ["淮川恒达科技有限公司"]


def test_script_and_style_inside_an_html_export_are_not_cell_text(tmp_path: Path):
    store, settings = import_store(tmp_path)
    head = "".join(f"<th>{h}</th>" for h in [*HEADER.split(","), "诉求内容"])
    cells = "".join(f"<td>{c}</td>" for c in row("F1").split(","))
    page = (
        "<html><head><meta charset='utf-8'><style>td{color:red}</style><script>var a='<td>x</td>';</script></head>"
        f"<body><table><tr>{head}</tr><tr>{cells}<td>门前<script>document.cookie</script>道路<style>b{{}}</style>施工</td></tr>"
        "</table></body></html>"
    )
    path = tmp_path / "企业诉求_网页.xls"
    path.write_text(page, encoding="utf-8")
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_inserted, result.rejects) == ("loaded", 1, [])
    assert stored(store, Appeal.content) == {"F1": "门前道路施工"}


def test_an_xml_spreadsheet_2003_saved_as_xls_loads_with_its_merged_title_skipped_columns_and_typed_cells(
    tmp_path: Path,
):
    store, settings = import_store(tmp_path)

    def cells(values: list[str], kind: str = "String") -> str:
        return "".join(f'<Cell><Data ss:Type="{kind}">{v}</Data></Cell>' for v in values)

    sheet = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="诉求"><Table>'
        '<Row><Cell ss:MergeAcross="6"><Data ss:Type="String">2026年1月企业诉求台账</Data></Cell></Row>'
        f"<Row>{cells(HEADER.split(','))}</Row>"
        '<Row><Cell><Data ss:Type="Number">2026010501</Data></Cell>'
        f"{cells(['淮川恒达科技有限公司', '淮川区', '市税务局'])}"
        '<Cell><Data ss:Type="DateTime">2026-01-05T09:30:00.000</Data></Cell>'
        f"{cells(['办理中'])}</Row>"
        f'<Row ss:Index="5">{cells(["G2", "淮川恒达科技有限公司", "淮川区", "市税务局"])}'
        f'<Cell ss:Index="6"><Data ss:Type="String">已办结</Data></Cell></Row>'
        "</Table></Worksheet></Workbook>"
    )
    path = tmp_path / "企业诉求_XML表格.xls"
    path.write_text(sheet, encoding="utf-8")
    result = import_file(store, settings, path)[0]
    assert (result.status, result.rows_read, result.rows_inserted) == ("loaded", 2, 1)
    assert [r.as_dict() for r in result.rejects] == [
        {"row": 5, "column": "受理时间", "value": None, "reason": "必填项「受理时间」为空"}
    ]
    assert {k: str(v) for k, v in stored(store, Appeal.received_at).items()} == {"2026010501": "2026-01-05 09:30:00"}


def test_a_broken_xml_spreadsheet_fails_saying_what_it_is(tmp_path: Path):
    store, settings = import_store(tmp_path)
    path = tmp_path / "企业诉求_断了.xls"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>',
        encoding="utf-8",
    )
    result = import_file(store, settings, path)[0]
    assert result.status == "failed"
    assert result.error.startswith("文件“企业诉求_断了.xls”是 XML 表格（Excel 2003 XML），但内容不完整或有误（")
    assert result.error.endswith("）。请用 Excel 打开后另存为 .xlsx 再导入")
