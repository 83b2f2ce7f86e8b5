# ruff: noqa: E501  (expected Chinese messages read best whole)
"""The second corpus (tests/corpus/real, written by tests/corpus/make_real.py): exports shaped like the ones an
office really receives, each with its exact outcome — rows loaded, rows rejected, every reject's row and column."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select

from data.schema import EtlRun
from data.version import data_version
from etl.importer import import_file
from tests.import_fixtures import import_store

REAL = Path(__file__).with_name("corpus") / "real"
STATUS = "「办理状态」的值“{}”不在可选范围（办理中/已办结/已受理/已退回）内"
LEVELS = "非常满意/满意/基本满意/不满意/非常不满意"
HTML_NOTE = "文件“{}”的扩展名是 {}，但内容是网页表格（HTML），已按网页表格读取"
MARS = "「火星区」配置中没有这个县区，请核对名称或在配置文件 [city.regions] 中添加"
NOT_DATE = "「受理时间」的值“{}”不是可识别的日期，请写成 2026-11-03 或 2026年11月3日"
NO_HEADER = (
    "“{}”中找不到“企业诉求台账”的表头行（前 30 行里没有一行包含至少两个已知列名）。"
    "请确认表头包含 诉求编号、企业名称、所属县区、承办单位、受理时间、办理状态 等列"
)
MISSING = (
    "“{name}”按“企业诉求台账”导入，但表头（第 1 行）缺少必需的列：{field}。表头中有“{seen}”，是否即“{field}”？"
    "文件的表头为：{headers}。请补上这些列或更正列名后重新导入，或在“数据操作”页把表头对应到字段并保存为导入方案"
)
PROJECT = "「TZ99」项目编号不存在，请先导入项目清单"
MONTH = "「填报月份」的值“{}”不是可识别的月份，请写成 2026-10 或 2026年10月"
PERIOD = "「期间」的值“{}”不是可识别的期间，请写成 2026-10（月）、2026Q3（季度）或 2026（年）"


@dataclass(frozen=True)
class Case:
    kind: str
    status: str = "loaded"
    rows_read: int = 3
    inserted: int = 3
    rejects: tuple[tuple[int, str, str | None, str], ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    first: str | None = None  # imported before (the references it needs)
    etl: tuple[tuple[str, object], ...] = ()  # [etl] settings of the case
    encoding: str | None = "UTF-8"


def failed(error: str, encoding: str | None = "UTF-8") -> Case:
    """A file not loaded; its kind is still known, by its name (企业诉求_…) or the header it was read as."""
    return Case("appeals", "failed", 0, 0, error=error, encoding=encoding)


def html(name: str, suffix: str, **kw) -> Case:  # type: ignore[no-untyped-def]
    return Case("appeals", warnings=(HTML_NOTE.format(name, suffix),), **kw)


CASES: dict[str, Case] = {
    # 1 · headers
    "企业诉求_区县倒序.csv": Case("appeals"),
    "企业诉求_表头带单位和星号.csv": Case("appeals"),
    "企业诉求_序号前缀.csv": Case("appeals", warnings=("文件中以下列不属于“企业诉求台账”，已忽略：序号",)),
    "企业诉求_繁体表头.csv": Case("appeals"),
    "企业诉求_词缀.csv": Case("appeals"),
    "12345工单导出_20261105.csv": Case(
        "appeals", warnings=("文件中以下列不属于“企业诉求台账”，已忽略：序号、坐席工号",)
    ),
    "企业诉求_两列同义.csv": Case(
        "appeals", warnings=("文件中以下列与前面的列含义相同，已使用前面的列：企业名称(全称)",)
    ),
    "企业诉求_表头在第5行.csv": Case("appeals"),
    "企业诉求_缺列有近似.csv": failed(
        MISSING.format(
            name="企业诉求_缺列有近似.csv",
            field="受理时间",
            seen="接收时间",
            headers="诉求编号、企业名称、所属县区、承办单位、接收时间、办理状态",
        )
    ),
    "企业诉求_配置别名.csv": failed(
        MISSING.format(
            name="企业诉求_配置别名.csv",
            field="所属县区",
            seen="片区",
            headers="诉求编号、企业名称、片区、承办单位、受理时间、办理状态",
        )
    ),
    "企业诉求_配置别名.csv|aliases": Case("appeals", etl=(("aliases", {"appeals": {"region": ("片区",)}}),)),
    "企业诉求_只有标题.csv": failed(NO_HEADER.format("企业诉求_只有标题.csv")),
    # 2 · labels
    "企业诉求_其他平台状态.csv": Case("appeals", rows_read=10, inserted=10),
    "企业诉求_未知状态.csv": Case(
        "appeals",
        rows_read=6,
        inserted=1,
        rejects=(
            *((row, "办理状态", "待核查", STATUS.format("待核查")) for row in (2, 3, 5, 6)),
            (7, "办理状态", "已作废", STATUS.format("已作废")),
        ),
    ),
    "企业诉求_配置状态.csv": Case(
        "appeals", rows_read=2, inserted=1, rejects=((2, "办理状态", "待核查", STATUS.format("待核查")),)
    ),
    "企业诉求_配置状态.csv|labels": Case(
        "appeals", rows_read=2, inserted=2, etl=(("labels", {"appeals": {"status": {"待核查": "办理中"}}}),)
    ),
    "企业诉求_标签写法.csv": Case("appeals", inserted=2, rejects=((3, "办理状态", "ｙｉ", STATUS.format("ｙｉ")),)),
    "好差评_等级写法.csv": Case(
        "reviews",
        rows_read=5,
        inserted=4,
        rejects=((6, "评价等级", "一般般", f"「评价等级」的值“一般般”无法识别，应为 1–5 的数字或 {LEVELS}"),),
    ),
    "项目_类型写法.csv": Case(
        "projects",
        inserted=2,
        rejects=((4, "项目类型", "重大项目", "「项目类型」的值“重大项目”不在可选范围（为企办实事/重点项目）内"),),
    ),
    # 3 · numbers, dates, periods
    "清障_批次序数.csv": Case(
        "clearance",
        rows_read=7,
        inserted=5,
        rejects=(
            (7, "销号批次", "第3.5批", "「销号批次」的值“第3.5批”应为整数"),
            (8, "销号批次", "最后一批", "「销号批次」的值“最后一批”不是数字，请改为数字后重新导入"),
        ),
    ),
    "一件事_数字写法.csv": Case("service_items"),
    "项目_计划投资写法.csv": Case(
        "projects",
        rows_read=4,
        rejects=((5, "计划投资（万元）", "八百万", "「计划投资」的值“八百万”不是数字，请改为数字后重新导入"),),
    ),
    "进展_月份写法.csv": Case(
        "progress",
        rows_read=9,
        inserted=6,
        rejects=tuple(
            (row, "填报月份", v, MONTH.format(v)) for row, v in ((8, "2026-13"), (9, "10月"), (10, "2026年1-10月"))
        ),
        first="项目_计划投资写法.csv",
    ),
    "进展_月份数字单元格.xlsx": Case(
        "progress",
        rows_read=5,
        inserted=4,
        rejects=(
            (
                2,
                "填报月份",
                "2026.1",
                "「填报月份」的值“2026.1”是 Excel 数字，无法判断是 1 月还是 10 月（Excel 会把 2026.10 存成 2026.1）；"
                "请把该列设为文本，或写成 2026-10、2026年10月",
            ),
        ),
        first="项目_计划投资写法.csv",
        encoding=None,
    ),
    "经济指标_期间写法.csv": Case(
        "econ_metrics",
        rows_read=10,
        inserted=8,
        rejects=(
            (10, "期间", "2026年1-10月", PERIOD.format("2026年1-10月")),
            (11, "期间", "十月", PERIOD.format("十月")),
        ),
    ),
    "营商环境评价_季度写法.csv": Case(
        "indicator_eval",
        rows_read=5,
        inserted=4,
        rejects=(
            (
                6,
                "评价期",
                "2026年上半年",
                "「评价期」的值“2026年上半年”不是可识别的季度，请写成 2026Q3 或 2026年第三季度",
            ),
        ),
    ),
    "骏马奖_季度写法.csv": Case(
        "awards",
        inserted=2,
        rejects=((4, "季度", "三季度", "「季度」的值“三季度”不是可识别的季度，请写成 2026Q3 或 2026年第三季度"),),
    ),
    # 5 · every error of a row; every row rejected
    "企业诉求_一行多错.csv": Case(
        "appeals",
        inserted=1,
        rejects=(
            (2, "企业名称", None, "必填项「企业名称」为空"),
            (2, "受理时间", "上周三", NOT_DATE.format("上周三")),
            (2, "办理状态", "待核查", STATUS.format("待核查")),
            (2, "满意度", "很好", f"「满意度」的值“很好”无法识别，应为 1–5 的数字或 {LEVELS}"),
            (3, "承办单位", None, "必填项「承办单位」为空"),
            (3, "办结时间", "2026-11-01 08:00:00", "办结时间早于受理时间"),
            (3, "满意度", "9", "「满意度」超出范围（应为 1–5）"),
        ),
    ),
    "企业诉求_全部拒绝.csv": Case(
        "appeals", "rejected", inserted=0, rejects=tuple((row, "所属县区", "火星区", MARS) for row in (2, 3, 4))
    ),
    "企业诉求_全部拒绝.xlsx": Case(
        "appeals",
        "rejected",
        inserted=0,
        rejects=tuple((row, "受理时间", "明天", NOT_DATE.format("明天")) for row in (2, 3, 4)),
        encoding=None,
    ),
    "企业诉求_未知县区与其他错误.csv": Case(
        "appeals",
        rows_read=4,
        inserted=1,
        rejects=(
            (2, "所属县区", "火星区", MARS),
            (2, "办理状态", "待核查", STATUS.format("待核查")),
            (3, "企业名称", None, "必填项「企业名称」为空"),
            (3, "所属县区", "火星区", MARS),
            (3, "受理时间", "明天", NOT_DATE.format("明天")),
            (5, "所属县区", "火星区", MARS),
        ),
    ),
    "进展_未知项目与月份.csv": Case(
        "progress",
        inserted=1,
        rejects=(
            (3, "项目编号", "TZ99", PROJECT),
            (3, "填报月份", "10月", MONTH.format("10月")),
            (4, "项目编号", "TZ99", PROJECT),
            (4, "形象进度", "130.0", "「形象进度」超出范围（应为 0–100）"),
        ),
        first="项目_计划投资写法.csv",
    ),
    "企业诉求_占位符.csv": Case(
        "appeals", rows_read=2, inserted=1, rejects=((3, "企业名称", None, "必填项「企业名称」为空"),)
    ),
    "企业诉求_偏移与合并.xlsx": Case(
        "appeals", rows_read=2, inserted=1, rejects=((5, "办理状态", "上周", STATUS.format("上周")),), encoding=None
    ),
    # 4 · Excel's text marker, HTML tables
    "企业诉求_撇号.csv": Case("appeals", rows_read=2, inserted=2),
    "企业诉求_撇号.xlsx": Case("appeals", rows_read=1, inserted=1, encoding=None),
    "企业诉求_网页表格.xls": html("企业诉求_网页表格.xls", ".xls"),
    "企业诉求_网页表格_gbk.xls": html("企业诉求_网页表格_gbk.xls", ".xls", encoding="GB2312"),
    "企业诉求_网页表格_big5.xls": html("企业诉求_网页表格_big5.xls", ".xls", rows_read=1, inserted=1, encoding="BIG5"),
    "企业诉求_网页表格_合并.xlsx": html("企业诉求_网页表格_合并.xlsx", ".xlsx"),
    "企业诉求_网页表格_两行表头.htm": Case("appeals"),
    "企业诉求_网页多表格.htm": Case(
        "appeals",
        warnings=("工作表“表格1”未导入：" + NO_HEADER.format("企业诉求_网页多表格.htm”的工作表“表格1"),),
    ),
    "企业诉求_网页未闭合.xls": html("企业诉求_网页未闭合.xls", ".xls", rows_read=1, inserted=1),
    "企业诉求_网页实体.html": Case("appeals", rows_read=1, inserted=1),
    "企业诉求_网页无表格.xls": failed(
        "文件“企业诉求_网页无表格.xls”是网页（HTML）文件，但其中没有数据表格（<table>）。"
        "请在原系统中重新导出为 Excel（.xlsx）或 CSV 后再导入",
        None,
    ),
    # 8 · limits
    "企业诉求_解压过大.xlsx": failed(
        "文件“企业诉求_解压过大.xlsx”解压后有 2 MB（压缩包内声明的大小），超过上限 1 MB（配置 [etl] max_uncompressed_mb），"
        "未读取。这样的工作簿可能是恶意文件或含大量空白单元格；请删除多余的行列或拆分后再导入",
        None,
    ),
    "企业诉求_网页表格.xls|max_file_mb": Case(
        "appeals",
        "failed",
        0,
        0,
        error=f"文件“企业诉求_网页表格.xls”有 {(REAL / '企业诉求_网页表格.xls').stat().st_size:,} 字节，超过导入上限 0.0001 MB"
        "（配置 [etl] max_file_mb），未读取。"
        "请按月份或县区拆分成几个较小的文件后分别导入",
        etl=(("max_file_mb", 0.0001),),
        encoding=None,
    ),
}
CASES["企业诉求_解压过大.xlsx"] = replace(CASES["企业诉求_解压过大.xlsx"], etl=(("max_uncompressed_mb", 1.0),))


def _import(tmp_path: Path, case: Case, name: str):  # type: ignore[no-untyped-def]
    tmp_path.mkdir(parents=True, exist_ok=True)
    store, settings = import_store(tmp_path)
    settings = replace(settings, etl=replace(settings.etl, **dict(case.etl)))
    if case.first:
        import_file(store, settings, REAL / case.first)
    with store.read() as conn:
        before = data_version(conn)
    return store, before, import_file(store, settings, REAL / name.split("|")[0])


def test_the_real_corpus_has_at_least_40_variants_each_with_an_expected_outcome():
    files = {p.name for p in REAL.iterdir()}
    assert files == {name.split("|")[0] for name in CASES}
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_export_outcome(name: str, tmp_path: Path):
    case = CASES[name]
    store, before, results = _import(tmp_path, case, name)
    [result] = results
    assert (result.kind, result.status, result.encoding) == (case.kind, case.status, case.encoding)
    assert result.error == case.error
    assert (result.rows_read, result.rows_inserted, result.rows_updated) == (case.rows_read, case.inserted, 0)
    assert [(r.row, r.column, r.value, r.reason) for r in result.rejects] == list(case.rejects)
    assert result.rows_rejected == len({r[0] for r in case.rejects})
    assert result.warnings == list(case.warnings)
    with store.read() as conn:
        run = conn.execute(select(EtlRun.status, EtlRun.rows_rejected).where(EtlRun.id == result.run_id)).one()
        version = data_version(conn)
    assert tuple(run) == (case.status, result.rows_rejected)
    assert version == before + (case.status == "loaded")  # a file that loads nothing changes nothing


def _rows(store, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def test_other_platforms_statuses_land_in_the_products_lifecycle(tmp_path: Path):
    store, _before, _results = _import(tmp_path, CASES["企业诉求_其他平台状态.csv"], "企业诉求_其他平台状态.csv")
    assert _rows(store, "select ticket_no, status from appeal order by ticket_no") == [
        ("ST001", "已受理"),
        ("ST002", "办理中"),
        ("ST003", "已办结"),
        ("ST004", "已办结"),
        ("ST005", "已办结"),
        ("ST006", "已办结"),
        ("ST007", "已办结"),
        ("ST008", "已退回"),
        ("ST009", "办理中"),
        ("ST010", "已办结"),
    ]


def test_labels_written_with_spaces_full_width_or_traditional_characters(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["企业诉求_标签写法.csv"], "企业诉求_标签写法.csv")
    assert _rows(
        store, "select ticket_no, status, satisfaction, urgency, is_repeat, resolution from appeal order by 1"
    ) == [
        ("LW001", "已办结", 5, "紧急", 1, "解释说明"),
        ("LW003", "已办结", 5, "特急", 0, "未解决"),
    ]


def test_traditional_headers_values_and_names(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["企业诉求_繁体表头.csv"], "企业诉求_繁体表头.csv")
    assert _rows(store, "select ticket_no, status, satisfaction from appeal order by 1") == [
        ("TC001", "已办结", 4),
        ("TC002", "办理中", None),
        ("TC003", "已办结", 5),
    ]
    big5, _b, _r = _import(tmp_path / "b", CASES["企业诉求_网页表格_big5.xls"], "企业诉求_网页表格_big5.xls")
    assert _rows(
        big5,
        "select a.status, r.name, d.name from appeal a join region r on r.id = a.region_id"
        " join department d on d.id = a.department_id",
    ) == [("已办结", "淮川区", "市税务局")]


def test_periods_are_stored_in_one_canonical_form(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["经济指标_期间写法.csv"], "经济指标_期间写法.csv")
    assert _rows(store, "select metric, period, value, yoy from econ_metric order by metric") == [
        ("一般公共预算收入", "2026Q3", 50.0, None),
        ("固定资产投资", "2026-10", 300.0, None),
        ("地区生产总值", "2026Q3", 1234.5, 5.2),
        ("市场主体数", "2026", 120000.0, None),
        ("新增市场主体", "2026", 9000.0, None),
        ("社会消费品零售总额", "2026-10", 120.0, None),
        ("规上工业增加值", "2026-10", 98.1, 6.1),
        ("进出口总额", "2026Q3", 80.0, None),
    ]
    months, _b, _r = _import(tmp_path / "m", CASES["进展_月份写法.csv"], "进展_月份写法.csv")
    assert _rows(months, "select month, physical_pct from progress order by month") == [
        ("2026-06", 10.0), ("2026-07", 20.0), ("2026-08", 30.0), ("2026-09", 40.0), ("2026-10", 50.0), ("2026-11", 60.0)
    ]  # fmt: skip
    cells, _b, _r = _import(tmp_path / "c", CASES["进展_月份数字单元格.xlsx"], "进展_月份数字单元格.xlsx")
    assert _rows(cells, "select p.project_no, g.month from progress g join project p on p.id = g.project_id order by 1, 2") == [
        ("TZ02", "2026-11"), ("TZ02", "2026-12"), ("TZ03", "2026-01"), ("TZ03", "2026-09")
    ]  # fmt: skip
    quarters, _b, _r = _import(tmp_path / "q", CASES["营商环境评价_季度写法.csv"], "营商环境评价_季度写法.csv")
    assert _rows(quarters, "select period, rank from indicator_eval order by period") == [
        ("2025Q4", 8), ("2026Q1", 6), ("2026Q2", 5), ("2026Q3", 3)
    ]  # fmt: skip


def test_numbers_with_ordinals_units_and_full_width_digits(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["清障_批次序数.csv"], "清障_批次序数.csv")
    assert _rows(store, "select issue_no, batch from clearance_issue order by 1") == [
        ("QZ01", 3), ("QZ02", 3), ("QZ03", 3), ("QZ04", 12), ("QZ05", 2)
    ]  # fmt: skip
    items, _b, _r = _import(tmp_path / "s", CASES["一件事_数字写法.csv"], "一件事_数字写法.csv")
    assert _rows(items, "select item_no, materials_before, materials_after, days_before, monthly_volume from service_item order by 1") == [
        ("YJ01", 12, 5, 20.0, 1234), ("YJ02", 12, 3, 3.5, 2000), ("YJ03", 8, 4, 10.0, None)
    ]  # fmt: skip


def test_the_leading_apostrophe_is_not_part_of_any_value(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["企业诉求_撇号.csv"], "企业诉求_撇号.csv")
    assert _rows(
        store,
        "select a.ticket_no, e.name, a.credit_code, a.status, a.received_at from appeal a"
        " join enterprise e on e.id = a.enterprise_id order by 1",
    ) == [
        ("20261103001", "淮川恒达科技有限公司", "91341100MA2NXK7Q1F", "已办结", "2026-11-03 09:15:00.000000"),
        ("20261103002", "淮川鑫源机械有限公司", None, "办理中", "2026-11-04 10:00:00.000000"),
    ]
    assert _rows(store, "select count(*) from enterprise where name like '''%'") == [(0,)]
    cells, _b, _r = _import(tmp_path / "c", CASES["企业诉求_撇号.xlsx"], "企业诉求_撇号.xlsx")
    assert _rows(cells, "select a.ticket_no, r.name from appeal a join region r on r.id = a.region_id") == [
        ("20261103003", "淮川区")
    ]


def test_html_spans_fill_every_cell_they_cover(tmp_path: Path):
    store, _b, _r = _import(tmp_path, CASES["企业诉求_网页表格_合并.xlsx"], "企业诉求_网页表格_合并.xlsx")
    assert _rows(store, "select a.ticket_no, r.name from appeal a join region r on r.id = a.region_id order by 1") == [
        ("HS001", "淮川区"), ("HS002", "淮川区"), ("HS003", "西山区")
    ]  # fmt: skip
    entities, _b, _r = _import(tmp_path / "e", CASES["企业诉求_网页实体.html"], "企业诉求_网页实体.html")
    assert _rows(
        entities, "select e.name, a.received_at from appeal a join enterprise e on e.id = a.enterprise_id"
    ) == [("淮川恒达&科技有限公司", "2026-11-03 09:15:00.000000")]


def test_unknown_labels_are_grouped_so_one_mapping_fixes_them_all(tmp_path: Path):
    _store, _b, [result] = _import(tmp_path, CASES["企业诉求_未知状态.csv"], "企业诉求_未知状态.csv")
    assert result.reject_groups() == [("办理状态", "待核查", STATUS.format("待核查"), [2, 3, 5, 6])]
    assert result.as_dict()["reject_groups"] == [
        {"column": "办理状态", "value": "待核查", "reason": STATUS.format("待核查"), "rows": [2, 3, 5, 6]}
    ]


def test_an_unknown_district_is_reported_with_the_rows_other_errors_and_adds_nothing(tmp_path: Path):
    name = "企业诉求_未知县区与其他错误.csv"
    store, _b, [result] = _import(tmp_path, CASES[name], name)
    assert result.reject_groups() == [("所属县区", "火星区", MARS, [2, 3, 5])]
    assert _rows(store, "select count(*) from department where name = '新设的办公室'") == [(0,)]
    assert _rows(store, "select ticket_no from appeal") == [("RX003",)]
