"""The bad-input corpus (tests/corpus/files, written by tests/corpus/make_corpus.py): every file's exact outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from data.schema import Appeal, Department, EtlRun, Milestone
from etl.importer import import_file
from tests.import_fixtures import CORPUS, import_store

DISTRICT_UNKNOWN = "「火星区」配置中没有这个县区，请核对名称或在配置文件 [city.regions] 中添加"
BAD_DATE = "「受理时间」的值“{}”不是可识别的日期，请写成 2026-11-03 或 2026年11月3日"
SATISFACTION_UNKNOWN = "「满意度」的值“{}”无法识别，应为 1–5 的数字或 非常满意/满意/基本满意/不满意/非常不满意"
WEIGHTS = "项目 XM01 的节点权重合计为 0.9（含已导入的节点），应为 1；请修正该项目各节点的权重后重新导入"


@dataclass(frozen=True)
class Expect:
    kind: str
    status: str = "loaded"
    encoding: str | None = "UTF-8"
    rows_read: int = 3
    inserted: int = 3
    rejects: tuple[tuple[int, str, str | None, str], ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    first: str | None = None  # a file imported before this one (references it needs)
    sheets: tuple[tuple[str, int, int], ...] = field(default=())  # further parts: (kind, rows_read, inserted)


def failed(error: str, encoding: str | None = None, kind: str = "appeals") -> Expect:
    """A file not loaded; its kind is still known from its name (appeals_…) unless nothing tells it."""
    return Expect(kind, "failed", encoding, 0, 0, error=error)


CASES: dict[str, Expect] = {
    "appeals_utf8.csv": Expect("appeals"),
    "appeals_utf8_bom.csv": Expect("appeals", encoding="UTF-8 (BOM)"),
    "appeals_gbk.csv": Expect("appeals", encoding="GBK"),
    "appeals_gb18030.csv": Expect("appeals", encoding="GB18030"),
    "appeals_utf16_tab.txt": Expect("appeals", encoding="UTF-16"),
    "appeals_tab_separated.tsv": Expect("appeals"),
    "appeals_aliases.csv": Expect("appeals"),
    "appeals_ragged_row.csv": Expect("appeals", rows_read=2, inserted=2),
    "appeals_date_forms.csv": Expect("appeals", rows_read=7, inserted=7),
    "appeals_excel_dates.xlsx": Expect("appeals", encoding=None, rows_read=2, inserted=2),
    "appeals_fullwidth.csv": Expect("appeals", rows_read=1, inserted=1),
    "appeals_labels.csv": Expect("appeals", rows_read=4, inserted=4),
    "appeals_injection.csv": Expect("appeals"),
    "appeals_is_csv.xlsx": Expect(
        "appeals", warnings=("文件“appeals_is_csv.xlsx”的扩展名是 .xlsx，但内容是文本（CSV），已按 CSV 读取",)
    ),
    "appeals_legacy.xls": Expect("appeals", encoding=None),
    "企业诉求_合并单元格.xlsx": Expect("appeals", encoding=None),
    "企业诉求_两行表头.xlsx": Expect("appeals", encoding=None),
    "企业诉求_标题行与合计.xlsx": Expect(
        "appeals", encoding=None, inserted=2, rejects=((6, "所属县区", "火星区", DISTRICT_UNKNOWN),)
    ),
    "appeals_duplicate_keys.csv": Expect(
        "appeals", rows_read=4, rejects=((5, "诉求编号", "DK001", "编号与第 2 行重复，本行未导入"),)
    ),
    "appeals_unknown_district.csv": Expect(
        "appeals", inserted=2, rejects=((3, "所属县区", "火星区", DISTRICT_UNKNOWN),)
    ),
    "appeals_bad_credit_code.csv": Expect(
        "appeals",
        warnings=(
            "统一社会信用代码校验不通过（GB 32100-2015 校验位、长度或字符不符）2 处，这些代码已置空、其余内容照常导入："
            "第 2 行“91341100MA2NXK7Q1X”；第 4 行“1234”。请向报送单位核实正确代码",
        ),
    ),
    "appeals_closed_before_received.csv": Expect(
        "appeals", inserted=2, rejects=((4, "办结时间", "2026-11-01 10:00:00", "办结时间早于受理时间"),)
    ),
    "appeals_satisfaction_range.csv": Expect(
        "appeals",
        inserted=1,
        rejects=(
            (2, "满意度", "7", "「满意度」超出范围（应为 1–5）"),
            (4, "满意度", "很好", SATISFACTION_UNKNOWN.format("很好")),
        ),
    ),
    "appeals_bad_dates.csv": Expect(
        "appeals",
        inserted=1,
        rejects=(
            (3, "受理时间", "2026-13-45", BAD_DATE.format("2026-13-45")),
            (4, "受理时间", "上周三", BAD_DATE.format("上周三")),
        ),
    ),
    "appeals_required_blank.csv": Expect(
        "appeals",
        inserted=1,
        rejects=((3, "诉求编号", None, "必填项「诉求编号」为空"), (4, "承办单位", None, "必填项「承办单位」为空")),
    ),
    "appeals_new_department.csv": Expect("appeals", warnings=("新增部门 1 个：市低空经济发展办公室",)),
    "appeals_header_only.csv": Expect(
        "appeals", "skipped", rows_read=0, inserted=0, warnings=("没有数据行（只有表头），未导入任何内容",)
    ),
    "appeals_empty.csv": failed("文件“appeals_empty.csv”是空文件（0 字节），没有可导入的内容；请重新导出后再导入"),
    "appeals_garbage.xlsx": failed(
        "文件“appeals_garbage.xlsx”不是有效的 Excel 文件（内容既不是 .xlsx 也不是 .xls，可能已损坏或只是改了扩展名）。"
        "请用 Excel 打开原始文件，另存为 .xlsx 后再导入"
    ),
    "appeals_password.xlsx": failed(
        "文件“appeals_password.xlsx”设置了打开密码（已加密），无法读取。"
        "请在 Excel 中打开，在“文件 → 信息 → 保护工作簿”中删除密码后保存，再导入"
    ),
    "appeals_truncated.xlsx": failed(
        "文件“appeals_truncated.xlsx”无法作为 Excel 工作簿读取（ZipError: invalid Zip archive: Could not find EOCD）。"
        "文件可能已损坏；请用 Excel 打开后另存为 .xlsx 再导入"
    ),
    "appeals_not_text.csv": failed(
        "文件“appeals_not_text.csv”既不是 Excel 工作簿，也不是可识别编码的 CSV 文本。"
        "请导出为 .xlsx 或 CSV（UTF-8/GBK）后再导入"
    ),
    "appeals_missing_column.csv": failed(
        "“appeals_missing_column.csv”按“企业诉求台账”导入，但表头（第 1 行）缺少必需的列：受理时间。"
        "文件的表头为：诉求编号、企业名称、统一社会信用代码、所属县区、承办单位、办理时限、办结时间、办理状态、满意度、诉求内容。"
        "请补上这些列或更正列名后重新导入，或在“数据操作”页把表头对应到字段并保存为导入方案",
        "UTF-8",
    ),
    "export_unrecognised.csv": failed(
        "无法识别“export_unrecognised.csv”的数据类型：文件名前缀和表头都不符合任何已知数据类型。"
        "请按约定命名文件（如 企业诉求_2026-11.xlsx），或用 --kind 指定（可选：enterprises, cadres, assignments, "
        "visits, squads, appeals, clearance, projects, milestones, progress, reviews, refusals, service_items, "
        "indicator_eval, econ_metrics, awards, reform_measures, clean_wind, holidays）",
        "UTF-8",
        "unknown",
    ),
    "export_20261101.csv": Expect("reviews", rows_read=2, inserted=2),
    "清障问题_2026.csv": Expect(
        "clearance",
        rows_read=2,
        inserted=1,
        rejects=((3, "整改类型", "马上改", "「整改类型」的值“马上改”不在可选范围（立行立改/限期整改/长期攻坚）内"),),
    ),
    "营商环境评价_2026.csv": Expect("indicator_eval"),
    "经济指标_2026-10.csv": Expect("econ_metrics", rows_read=1, inserted=1),
    "awards_2026Q3.csv": Expect(
        "awards", inserted=2, rejects=((4, "奖项", "飞马奖", "「奖项」的值“飞马奖”不在可选范围（骏马奖/蜗牛奖）内"),)
    ),
    "项目台账_多工作表.xlsx": Expect(
        "projects",
        encoding=None,
        rows_read=2,
        inserted=2,
        warnings=("工作表“项目”按“为企办实事/重点项目”导入（表头在第 2 行）",),
        sheets=(("milestones", 3, 3), ("progress", 2, 2)),
    ),
    "节点_权重不为1.csv": Expect(
        "milestones",
        "rejected",
        inserted=0,
        rejects=(
            (2, "权重", "0.3", WEIGHTS),
            (3, "权重", "0.6", WEIGHTS),
            (4, "项目编号", "XM09", "「XM09」项目编号不存在，请先导入项目清单"),
        ),
        first="项目台账_多工作表.xlsx",
    ),
}


def test_the_corpus_has_at_least_30_files_and_each_has_an_expected_outcome():
    names = {p.name for p in CORPUS.iterdir()}
    assert len(names) >= 30
    assert names == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_file_outcome(name: str, tmp_path: Path):
    expect = CASES[name]
    store, settings = import_store(tmp_path)
    if expect.first:
        import_file(store, settings, CORPUS / expect.first)
    results = import_file(store, settings, CORPUS / name)
    head, rest = results[0], results[1:]
    assert (head.kind, head.status, head.encoding) == (expect.kind, expect.status, expect.encoding)
    assert head.error == expect.error
    assert (head.rows_read, head.rows_inserted, head.rows_updated) == (expect.rows_read, expect.inserted, 0)
    assert [(r.row, r.column, r.value, r.reason) for r in head.rejects] == list(expect.rejects)
    assert head.warnings == list(expect.warnings)
    assert [(r.kind, r.rows_read, r.rows_inserted) for r in rest] == list(expect.sheets)
    with store.read() as conn:
        run = conn.execute(select(EtlRun.status, EtlRun.rows_rejected).where(EtlRun.id == head.run_id)).one()
    assert tuple(run) == (expect.status, len(expect.rejects))


def _appeals(store, *columns):  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return {r[0]: tuple(r[1:]) for r in conn.execute(select(Appeal.ticket_no, *columns).order_by(Appeal.ticket_no))}


def test_every_date_form_reads_as_the_same_day(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "appeals_date_forms.csv")
    received = {k: v[0].isoformat(sep=" ") for k, v in _appeals(store, Appeal.received_at).items()}
    assert received == {
        "DT001": "2026-11-03 00:00:00",
        "DT002": "2026-11-03 00:00:00",
        "DT003": "2026-11-03 00:00:00",
        "DT004": "2026-11-03 00:00:00",
        "DT005": "2026-11-03 00:00:00",
        "DT006": "2026-11-03 09:15:00",
        "DT007": "2026-11-03 09:15:00",
    }


def test_excel_dates_serials_and_full_width_text(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "appeals_excel_dates.xlsx")
    import_file(store, settings, CORPUS / "appeals_fullwidth.csv")
    got = _appeals(store, Appeal.received_at, Appeal.closed_at, Appeal.satisfaction)
    assert {k: (str(a), str(b), s) for k, (a, b, s) in got.items()} == {
        "XD001": ("2026-11-03 09:15:00", "2026-11-04 12:00:00", None),
        "XD002": ("2026-11-03 00:00:00", "None", None),
        "FW001": ("2026-11-03 09:15:00", "None", 5),
    }


def test_status_satisfaction_and_yes_no_labels_map_to_codes(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "appeals_labels.csv")
    assert _appeals(store, Appeal.status, Appeal.satisfaction, Appeal.is_repeat) == {
        "LB001": ("已办结", 5, True),
        "LB002": ("已办结", 3, False),
        "LB003": ("办理中", None, False),
        "LB004": ("已办结", 2, True),
    }


def test_formula_and_script_text_is_stored_as_plain_text(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "appeals_injection.csv")
    contents = {k: v[0] for k, v in _appeals(store, Appeal.content).items()}
    assert contents["IJ001"] == '=HYPERLINK("http://evil.example/","点我")'
    assert contents["IJ002"] == "<script>alert('x')</script>"
    with store.read() as conn:
        assert conn.execute(select(Appeal.enterprise_id).where(Appeal.ticket_no == "IJ003")).scalar() is not None


def test_merged_cells_two_row_headers_and_legacy_xls(tmp_path: Path):
    store, settings = import_store(tmp_path)
    for name in ("企业诉求_合并单元格.xlsx", "企业诉求_两行表头.xlsx", "appeals_legacy.xls"):
        import_file(store, settings, CORPUS / name)
    with store.read() as conn:
        rows = conn.execute(
            select(Appeal.ticket_no, Appeal.status, Appeal.closed_at)
            .where(Appeal.ticket_no.in_(["TR001", "TR002"]))
            .order_by(Appeal.ticket_no)
        ).all()
        districts = dict(
            conn.exec_driver_sql(
                "select a.ticket_no, r.name from appeal a join region r on r.id = a.region_id"
                " where a.ticket_no in ('MG002', 'XL002', 'XL003')"
            ).all()
        )
    assert [(t, s, str(c)) for t, s, c in rows] == [
        ("TR001", "已办结", "2026-11-05 16:00:00"),
        ("TR002", "办理中", "None"),
    ]
    assert districts == {"MG002": "淮川区", "XL002": "东湖区", "XL003": "东湖区"}


def test_invalid_credit_codes_are_blanked_and_the_rest_of_the_row_kept(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "appeals_bad_credit_code.csv")
    assert _appeals(store, Appeal.credit_code) == {"CC001": (None,), "CC002": (None,), "CC003": (None,)}


def test_multi_sheet_workbook_values_with_units_and_percentages(tmp_path: Path):
    store, settings = import_store(tmp_path)
    import_file(store, settings, CORPUS / "项目台账_多工作表.xlsx")
    with store.read() as conn:
        weights = conn.execute(select(Milestone.seq, Milestone.weight).order_by(Milestone.project_id, Milestone.seq))
        progress = conn.exec_driver_sql(
            "select p.project_no, g.month, g.investment_to_date, g.physical_pct, p.investment_plan, p.is_blocked"
            " from progress g join project p on p.id = g.project_id order by p.project_no"
        ).all()
        added = conn.execute(select(Department.type).where(Department.name == "东湖工业园管委会")).scalar()
    assert [tuple(w) for w in weights] == [(1, 0.3), (2, 0.7), (1, 1.0)]
    assert [tuple(p) for p in progress] == [
        ("XM01", "2026-10", 800.0, 65.0, 1200.0, 0),
        ("XM02", "2026-10", 6000.0, 70.0, 8500.5, 1),
    ]
    assert added == "园区管委会"
