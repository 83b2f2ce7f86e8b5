"""Importing the programmes' kinds as offices send them: 对标提升清单 (GBK, title row, aliases, labels, Chinese dates,
合计 row), the 为企服务专班 roster (a workbook with a merged title) and the squad column of appeals and 清障 issues,
清风行动 counts (BOM, full-width digits, a name column that is never stored), and the 一件事 services' origin —
each bad value rejected with its row, column and reason."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from sqlalchemy import select

from data.schema import Appeal, CleanWindCount, ClearanceIssue, ReformMeasure, ServiceItem, Squad
from etl.importer import import_file
from etl.kinds import KINDS
from tests.import_fixtures import import_store

MEASURE_HEADER = ["编号", "微改革事项", "责任部门", "对标类型", "对标城市", "对标指标", "计划开始日期", "计划落地日期",
                  "完成日期", "状态", "成效", "备注"]  # fmt: skip


DATE_HINT = "请写成 2026-11-03 或 2026年11月3日"


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _rejects(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(r.row, r.column, r.value, r.reason) for r in result.rejects]


def test_reform_measures_in_gbk_with_a_title_row_aliases_labels_and_bad_rows(tmp_path: Path):
    store, settings = import_store(tmp_path)
    rows = [
        ["2026年对标提升清单（微改革）"],
        MEASURE_HEADER,
        [
            "DB001",
            "开办半日结",
            "市市场监管局",
            "省内对标",
            "青阳市",
            "开办企业",
            "2026年3月1日",
            "2026/6/30",
            "20260620",
            "已完成",
            "压减至半日",
            "内部备注",
        ],
        [
            "DB002",
            "登记不见面",
            "市自然资源和规划局",
            "外省",
            "杭州市",
            "登记财产",
            "2026-05-01",
            "2026-09-30",
            "",
            "进行中",
            "",
            "",
        ],
        ["DB003", "搁置的措施", "市税务局", "省外", "上海市", "纳税", "", "2026-10-10", "", "搁置", "", ""],
        ["DB004", "日期错", "市税务局", "省外", "上海市", "纳税", "", "2026-13-01", "", "推进中", "", ""],
        ["DB005", "落地无日期", "市税务局", "省内", "滨江市", "纳税", "", "2026-10-01", "", "已落地", "", ""],
        ["DB006", "对标范围错", "市税务局", "国外", "新加坡", "纳税", "", "2026-10-01", "", "推进中", "", ""],
        [
            "DB007",
            "有日期未落地",
            "市税务局",
            "省内",
            "滨江市",
            "纳税",
            "",
            "2026-10-01",
            "2026-09-01",
            "推进中",
            "",
            "",
        ],
        ["合计", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    (result,) = import_file(store, settings, _csv(tmp_path / "对标提升清单_2026.csv", rows, "gbk"))
    assert (result.kind, result.status, result.encoding) == ("reform_measures", "loaded", "GBK")
    assert (result.rows_read, result.rows_inserted) == (7, 2)
    assert _rejects(result) == [
        (5, "状态", "搁置", "「推进状态」的值“搁置”不在可选范围（已落地/推进中/未启动）内"),
        (6, "计划落地日期", "2026-13-01", f"「计划完成日期」的值“2026-13-01”不是可识别的日期，{DATE_HINT}"),
        (7, "完成日期", None, "推进状态为“已落地”，但未填写落地日期；请补填落地日期"),
        (8, "对标类型", "国外", "「对标范围」的值“国外”不在可选范围（省内/省外）内"),
        (9, "完成日期", "2026-09-01 00:00:00", "已填写落地日期，但推进状态不是“已落地”；请核对状态或日期"),
    ]  # fmt: skip
    assert result.warnings == ["文件中以下列不属于“对标提升清单（微改革）”，已忽略：备注"]
    with store.read() as conn:
        stored = conn.execute(
            select(
                ReformMeasure.measure_no,
                ReformMeasure.benchmark_scope,
                ReformMeasure.planned_start,
                ReformMeasure.planned_on,
                ReformMeasure.done_on,
                ReformMeasure.status,
                ReformMeasure.is_blocked,
            ).order_by(ReformMeasure.measure_no)
        ).all()
    as_text = [
        (no, scope, *(str(day) for day in days), status, blocked) for no, scope, *days, status, blocked in stored
    ]
    assert as_text == [
        ("DB001", "省内", "2026-03-01", "2026-06-30", "2026-06-20", "已落地", False),
        ("DB002", "省外", "2026-05-01", "2026-09-30", "None", "推进中", False),
    ]
    (again,) = import_file(store, settings, tmp_path / "对标提升清单_2026.csv")
    assert (again.rows_inserted, again.rows_updated, again.rows_unchanged) == (0, 0, 2)


def test_the_squad_roster_and_appeals_and_issues_routed_to_squads(tmp_path: Path):
    store, settings = import_store(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "专班名册"
    sheet.append(["为企服务专班名册"])
    sheet.merge_cells("A1:F1")
    sheet.append(["专班名称", "领域", "牵头部门", "成员单位", "联系人", "联系电话"])
    sheet.append(["土地要素保障专班", "土地", "市自然资源和规划局", "市发展改革委", "李四", "13900000001"])
    sheet.append(["金融 服务专班", "金融", "市地方金融管理局", None, "王五", "13900000002"])
    sheet.append([None] * 6)
    book.save(tmp_path / "为企服务专班.xlsx")
    (roster,) = import_file(store, settings, tmp_path / "为企服务专班.xlsx")
    assert (roster.kind, roster.status, roster.rows_read, roster.rows_inserted) == ("squads", "loaded", 2, 2)

    appeals = [
        ["诉求编号", "企业名称", "所属县区", "承办单位", "受理时间", "办理状态", "服务专班"],
        [
            "ZB001",
            "淮川恒达机械制造有限公司",
            "淮川区",
            "市自然资源和规划局",
            "2026-11-03 09:00",
            "办结",
            "土地要素保障专班",
        ],
        ["ZB002", "淮川恒达机械制造有限公司", "淮川区", "市地方金融管理局", "2026-11-04 09:00", "在办", "金融服务专班"],
        ["ZB003", "淮川恒达机械制造有限公司", "淮川区", "市司法局", "2026-11-04 09:00", "在办", "法律专班"],
        ["ZB004", "淮川恒达机械制造有限公司", "淮川区", "市司法局", "2026-11-04 09:00", "在办", ""],
    ]
    (loaded,) = import_file(store, settings, _csv(tmp_path / "企业诉求_专班.csv", appeals))
    reason = "「法律专班」不是已登记的为企服务专班，请先导入为企服务专班名册（或核对专班名称）"
    assert (loaded.kind, loaded.rows_inserted) == ("appeals", 3)
    assert _rejects(loaded) == [(4, "服务专班", "法律专班", reason)]
    issues = [
        ["问题编号", "问题描述", "责任单位", "所属县区", "发现日期", "专班"],
        ["QZ001", "用地指标", "市自然资源和规划局", "淮川区", "2026-10-01", "土地要素保障专班"],
    ]
    (cleared,) = import_file(store, settings, _csv(tmp_path / "清障问题_专班.csv", issues))
    assert (cleared.kind, cleared.rows_inserted, cleared.rejects) == ("clearance", 1, [])
    with store.read() as conn:
        squads = dict(conn.execute(select(Squad.name, Squad.id)).all())
        routed = dict(conn.execute(select(Appeal.ticket_no, Appeal.squad_id)).all())
        issue_squad = conn.execute(select(ClearanceIssue.squad_id)).scalar_one()
    assert set(squads) == {"土地要素保障专班", "金融服务专班"}  # spaces in a name are squeezed, as in references
    assert routed == {"ZB001": squads["土地要素保障专班"], "ZB002": squads["金融服务专班"], "ZB004": None}
    assert issue_squad == squads["土地要素保障专班"]


def test_clean_wind_counts_never_store_a_name_the_file_carries(tmp_path: Path):
    store, settings = import_store(tmp_path)
    rows = [
        ["2026年清风行动统计表"],
        [
            "统计月份",
            "单位",
            "发现问题",
            "整改到位数",
            "通报曝光数",
            "立案审查数",
            "移送起诉数",
            "被通报人员",
            "填报人",
        ],
        ["2026年7月", "市市场监管局", "４", "3", "1", "1", "0", "张三丰", "李小龙"],
        ["2026-08", "市生态环境局", "2", "3", "0", "0", "0", "", "李小龙"],
        ["2026.09", "市城市管理局", "-1", "0", "0", "0", "0", "", ""],
        ["2026年第三季度", "市城市管理局", "1", "0", "0", "0", "0", "", ""],
        ["202609", "市城市管理局", "2", "", "", "", "", "", ""],
        ["合计", "", "6", "6", "1", "1", "0", "", ""],
    ]
    path = _csv(tmp_path / "清风行动_2026.csv", rows, "utf-8-sig")
    (result,) = import_file(store, settings, path)
    assert (result.kind, result.encoding, result.rows_read, result.rows_inserted) == (
        "clean_wind",
        "UTF-8 (BOM)",
        5,
        2,
    )
    assert _rejects(result) == [
        (4, "整改到位数", "3", "整改问题数大于发现问题数"),
        (5, "发现问题", "-1", "「发现问题数」超出范围（应为 不小于 0）"),
        (5, "整改到位数", "0", "整改问题数大于发现问题数"),  # every problem of a row is reported
        (
            6,
            "统计月份",
            "2026年第三季度",
            "「统计月份」的值“2026年第三季度”不是可识别的月份，请写成 2026-10 或 2026年10月",
        ),
    ]
    assert result.warnings == ["文件中以下列不属于“清风行动统计”，已忽略：被通报人员、填报人"]
    with store.read() as conn:
        stored = conn.execute(
            select(CleanWindCount.campaign, CleanWindCount.period, CleanWindCount.problems_found,
                   CleanWindCount.problems_rectified, CleanWindCount.exposed, CleanWindCount.prosecuted)
            .order_by(CleanWindCount.period)
        ).all()  # fmt: skip
    # no campaign column: 清风行动; blank counts are 0
    assert [tuple(r) for r in stored] == [("清风行动", "2026-07", 4, 3, 1, 0), ("清风行动", "2026-09", 2, 0, 0, 0)]
    database = (tmp_path / "import.db").read_bytes() + (tmp_path / "import.db-wal").read_bytes()
    assert "张三丰".encode() not in database and "李小龙".encode() not in database


def test_service_items_carry_their_origin(tmp_path: Path):
    store, settings = import_store(tmp_path)
    rows = [
        ["事项编号", "事项名称", "事项类别", "状态", "上线日期"],
        ["YJS001", "企业开办一件事", "省级", "已上线", "2026年3月1日"],
        ["YJS002", "开办民宿一件事", "自选", "已上线", "45992"],
        ["YJS003", "开办书店一件事", "", "建设中", ""],
        ["YJS004", "开办烘焙店一件事", "国家级", "计划", ""],
    ]
    (result,) = import_file(store, settings, _csv(tmp_path / "一件事_2026.csv", rows))
    assert (result.kind, result.rows_inserted) == ("service_items", 3)
    assert _rejects(result) == [(5, "事项类别", "国家级", "「事项来源」的值“国家级”不在可选范围（本地新增/省定）内")]
    with store.read() as conn:
        stored = conn.execute(select(ServiceItem.item_no, ServiceItem.origin, ServiceItem.launched_on)).all()
    assert [(n, o, str(d)) for n, o, d in stored] == [
        ("YJS001", "省定", "2026-03-01"),
        ("YJS002", "本地新增", "2025-12-01"),
        ("YJS003", None, "None"),
    ]


def test_the_docs_list_each_new_kind_with_its_template():
    text = (Path(__file__).parents[1] / "docs" / "data-kinds.md").read_text(encoding="utf-8")
    for name in ("squads", "reform_measures", "clean_wind", "service_items"):
        kind = KINDS[name]
        assert f"kind `{name}`" in text and kind.label in text
        assert "\n" + ",".join(f.label for f in kind.fields) + "\n" in text  # the template row, as the kind reads it
