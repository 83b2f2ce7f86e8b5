"""Write the bad-input corpus into ``tests/corpus/files/`` (committed; rerun after changing a case).

Each file is one case of DESIGN §6 / issue 3; ``tests/test_import_corpus.py`` holds its exact expected outcome.
Needs openpyxl, xlwt (legacy .xls) and msoffcrypto-tool (the password-protected workbook): ``pip install -e .[test]``.
"""
# ruff: noqa: E501  (rows of Chinese cells read best one row per line)

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
from pathlib import Path

import openpyxl

FILES = Path(__file__).with_name("files")
CODE1, CODE2, CODE3 = "91341100MA2NXK7Q1F", "91341102MA2P0H3L28", "91341103MA2RY8UT3L"
HEADER = [
    "诉求编号",
    "企业名称",
    "统一社会信用代码",
    "所属县区",
    "承办单位",
    "受理时间",
    "办理时限",
    "办结时间",
    "办理状态",
    "满意度",
    "诉求内容",
]


def appeal_rows(prefix: str) -> list[list[str]]:
    return [
        [f"{prefix}001", "淮川恒达科技有限公司", CODE1, "淮川区", "市税务局", "2026-11-03 09:15", "2026-11-10 17:00",
         "2026-11-05 16:00", "已办结", "满意", "咨询增值税留抵退税政策"],
        [f"{prefix}002", "淮川鑫源机械有限公司", "", "东湖区", "市市场监管局", "2026-11-04 10:00", "", "", "办理中", "",
         "希望加快许可审批"],
        [f"{prefix}003", "淮川华信物流有限公司", CODE2, "西山区", "供电公司", "2026-11-05 08:30", "2026-11-12 17:00",
         "2026-11-06 11:20", "已办结", "非常满意", "厂区用电增容报装"],
    ]  # fmt: skip


def write_csv(name: str, rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ",") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    (FILES / name).write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(name: str, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
    book.save(FILES / name)


def encodings() -> None:
    write_csv("appeals_utf8.csv", [HEADER, *appeal_rows("U8")])
    write_csv("appeals_utf8_bom.csv", [HEADER, *appeal_rows("BM")], encoding="utf-8-sig")
    write_csv("appeals_gbk.csv", [HEADER, *appeal_rows("GK")], encoding="gbk")
    rows = appeal_rows("GB")
    rows[0][1] = "淮川𠮷祥食品有限公司"  # 𠮷 is outside GBK: only GB18030 encodes it
    write_csv("appeals_gb18030.csv", [HEADER, *rows], encoding="gb18030")
    write_csv("appeals_utf16_tab.txt", [HEADER, *appeal_rows("UT")], encoding="utf-16", delimiter="\t")
    (FILES / "appeals_not_text.csv").write_bytes(bytes(range(256)) * 8)


def layouts() -> None:
    width = len(HEADER)
    title = ["2026年11月企业诉求台账", *[None] * (width - 1)]
    subtitle = ["填报单位：市营商环境办", *[None] * (width - 3), "单位：件", None]
    rows = appeal_rows("TT")
    rows[1][3] = "火星区"  # rejected: Excel row 6 (title, subtitle, header, TT001, blank row, TT002)
    write_xlsx(
        "企业诉求_标题行与合计.xlsx",
        {"11月": [title, subtitle, HEADER, rows[0], [], rows[1], rows[2], [], ["合  计", None, None, None, None, None,
                 None, None, None, None, None], ["填表人：张三  审核人：李四"]]},
        {"11月": ["A1:K1", "A2:H2"]},
    )  # fmt: skip
    merged = appeal_rows("MG")
    merged[1][3] = None  # 所属县区 merged down from the row above (A4:A5 in Excel terms)
    write_xlsx("企业诉求_合并单元格.xlsx", {"Sheet1": [HEADER, *merged]}, {"Sheet1": ["D2:D3"]})
    upper = [*HEADER[:7], "办理情况", None, *HEADER[9:]]
    lower = [*[None] * 7, "办结时间", "办理状态", None, None]
    write_xlsx(
        "企业诉求_两行表头.xlsx",
        {"Sheet1": [upper, lower, *appeal_rows("TR")]},
        {"Sheet1": [f"{c}1:{c}2" for c in "ABCDEFGJK"] + ["H1:I1"]},
    )
    write_csv("appeals_tab_separated.tsv", [HEADER, *appeal_rows("TB")], delimiter="\t")
    write_csv("appeals_ragged_row.csv", [HEADER, appeal_rows("RG")[0], [*appeal_rows("RG")[1], "多余", "多余"]])


def values() -> None:
    forms = [
        "2026-11-03",
        "2026/11/3",
        "2026年11月3日",
        "20261103",
        "46329",
        "2026-11-03 09:15",
        "2026年11月3日 9时15分",
    ]
    rows = [HEADER]
    for i, received in enumerate(forms, 1):
        rows.append(
            [f"DT{i:03d}", "淮川恒达科技有限公司", "", "淮川区", "市税务局", received, "", "", "办理中", "", ""]
        )
    write_csv("appeals_date_forms.csv", rows)
    write_xlsx(
        "appeals_excel_dates.xlsx",
        {"Sheet1": [HEADER[:9], ["XD001", "淮川恒达科技有限公司", "", "淮川区", "市税务局", dt.datetime(2026, 11, 3, 9, 15),
                    None, 46330.5, "已办结"], ["XD002", "淮川恒达科技有限公司", "", "淮川区", "市税务局", 46329, None, None,
                    "办理中"]]},
    )  # fmt: skip
    full = [HEADER, ["ＦＷ００１", "淮川恒达科技有限公司", "", "淮川区", "市税务局", "２０２６－１１－０３\u3000０９：１５", "", "",
            "已办结", "５", ""]]  # fmt: skip
    write_csv("appeals_fullwidth.csv", full)
    labels = [[*HEADER, "是否重复"]]
    for i, (status, sat, repeat) in enumerate(
        [("办结", "非常满意", "是"), ("已完结", "基本满意", "否"), ("在办", "未评价", ""), ("已办结", "不满意", "Y")], 1
    ):
        labels.append([f"LB{i:03d}", "淮川恒达科技有限公司", "", "淮川区", "市税务局", "2026-11-03", "", "", status, sat, "",
                       repeat])  # fmt: skip
    write_csv("appeals_labels.csv", labels)
    aliases = [
        " 工单号 ",
        "诉求企业",
        "信用代码",
        "区县",
        "责任单位",
        "来电时间",
        "截止时间",
        "完成时间",
        "状态",
        "评价结果",
        "问题描述",
    ]
    write_csv("appeals_aliases.csv", [aliases, *appeal_rows("AL")])


def rejects() -> None:
    rows = appeal_rows("DK")
    rows.append(list(rows[0]))
    rows[-1][9] = "不满意"
    write_csv("appeals_duplicate_keys.csv", [HEADER, *rows])
    rows = appeal_rows("IJ")
    rows[0][10] = '=HYPERLINK("http://evil.example/","点我")'
    rows[1][10] = "<script>alert('x')</script>"
    rows[2][1] = "=1+2 有限公司"
    write_csv("appeals_injection.csv", [HEADER, *rows])
    rows = appeal_rows("UD")
    rows[1][3] = "火星区"
    write_csv("appeals_unknown_district.csv", [HEADER, *rows])
    rows = appeal_rows("CC")
    rows[0][2] = "91341100MA2NXK7Q1X"
    rows[2][2] = "1234"
    write_csv("appeals_bad_credit_code.csv", [HEADER, *rows])
    rows = appeal_rows("CB")
    rows[2][7] = "2026-11-01 10:00"
    write_csv("appeals_closed_before_received.csv", [HEADER, *rows])
    rows = appeal_rows("SR")
    rows[0][9] = "7"
    rows[2][9] = "很好"
    write_csv("appeals_satisfaction_range.csv", [HEADER, *rows])
    rows = appeal_rows("BD")
    rows[1][5] = "2026-13-45"
    rows[2][5] = "上周三"
    write_csv("appeals_bad_dates.csv", [HEADER, *rows])
    rows = appeal_rows("RQ")
    rows[1][0] = ""
    rows[2][4] = "  "
    write_csv("appeals_required_blank.csv", [HEADER, *rows])
    rows = appeal_rows("ND")
    rows[1][4] = "市低空经济发展办公室"
    write_csv("appeals_new_department.csv", [HEADER, *rows])


def failures() -> None:
    (FILES / "appeals_empty.csv").write_bytes(b"")
    write_csv("appeals_header_only.csv", [HEADER])
    (FILES / "appeals_garbage.xlsx").write_bytes(random.Random(7).randbytes(4096))
    write_csv(
        "appeals_missing_column.csv",
        [[h for h in HEADER if h != "受理时间"], *[r[:5] + r[6:] for r in appeal_rows("MC")]],
    )
    write_csv("export_unrecognised.csv", [["姓名", "年龄", "爱好"], ["张三", "30", "钓鱼"]])
    write_csv("appeals_is_csv.xlsx", [HEADER, *appeal_rows("CX")])
    (FILES / "appeals_truncated.xlsx").write_bytes((FILES / "企业诉求_合并单元格.xlsx").read_bytes()[:900])
    encrypted()


def encrypted() -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    write_xlsx("_plain.xlsx", {"Sheet1": [HEADER, *appeal_rows("EN")]})
    with (FILES / "_plain.xlsx").open("rb") as plain, (FILES / "appeals_password.xlsx").open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)
    (FILES / "_plain.xlsx").unlink()


def other_kinds() -> None:
    write_xlsx(
        "项目台账_多工作表.xlsx",
        {
            "项目": [["2026年为企办实事项目清单"], ["项目编号", "项目名称", "项目类型", "牵头单位", "所属县区", "计划开工日期",
                     "计划完成日期", "计划投资（万元）", "是否受阻"],
                     ["XM01", "企业开办一日办结", "为企办实事", "市市场监管局", "淮川区", "2026-01-05", "2026-12-31", "1,200",
                      "否"],
                     ["XM02", "东湖工业园标准厂房", "重点项目", "东湖工业园管委会", "东湖区", "2026-02-01", "2026-11-30", "8500.5",
                      "是"]],
            "节点": [["项目编号", "节点序号", "节点名称", "权重", "计划完成日期", "实际完成日期"],
                     ["XM01", 1, "方案制定", "30%", "2026-03-31", "2026-03-28"],
                     ["XM01", 2, "系统上线", 0.7, "2026-09-30", None],
                     ["XM02", 1, "主体完工", 1, "2026-10-31", None]],
            "月度进展": [["项目编号", "填报月份", "累计完成投资（万元）", "形象进度（%）"],
                         ["XM01", "2026年10月", 800, "65%"], ["XM02", "202610", "6,000", 70]],
        },
    )  # fmt: skip
    write_csv(
        "节点_权重不为1.csv",
        [["项目编号", "节点序号", "节点名称", "权重", "计划完成日期"], ["XM01", 1, "方案制定", 0.3, "2026-03-31"],
         ["XM01", 2, "系统上线", 0.6, "2026-09-30"], ["XM09", 1, "开工", 1, "2026-05-01"]],
    )  # fmt: skip
    write_csv(
        "清障问题_2026.csv",
        [["问题编号", "问题描述", "专项行动组", "责任单位", "所属县区", "整改类型", "清单阶段", "发现日期", "整改时限", "销号日期", "销号批次"],
         ["QZ001", "施工许可审批材料重复提交", "行政审批提速", "市住房城乡建设局", "淮川区", "立行立改", "逐批销号清单", "2026/3/2",
          "2026/3/31", "2026/3/20", "1"],
         ["QZ002", "园区道路破损", "城市环境提升", "市城市管理局", "东湖区", "马上改", "分类整改清单", "2026/3/5", "", "", ""]],
    )  # fmt: skip
    write_csv(
        "export_20261101.csv",
        [["评价编号", "服务事项", "评价部门", "评价时间", "评价等级", "是否实名"],
         ["HP001", "企业开办", "市市场监管局", "2026-11-01 10:00", "非常满意", "是"],
         ["HP002", "税务登记", "市税务局", "2026-11-01 11:00", "非常不满意", "否"]],
    )  # fmt: skip
    write_csv(
        "营商环境评价_2026.csv",
        [["评价期", "指标", "得分", "全省排名"], ["2026年第一季度", "总体", "82.5", "12"], ["2026Q2", "开办企业", "90", "3"],
         ["2026年3季度", "纳税", "88", "5"]],
    )  # fmt: skip
    write_csv("经济指标_2026-10.csv", [["指标名称", "期间", "县区", "数值", "单位", "目标值"],
                                     ["规上工业增加值增速", "2026-10", "", "7.2%", "%", "7"]])  # fmt: skip
    write_csv("awards_2026Q3.csv", [["季度", "部门", "奖项", "理由"], ["2026Q3", "市税务局", "骏马奖", "办结快"],
                                    ["2026Q3", "市城市管理局", "蜗牛奖", "超期未办"], ["2026Q3", "市税务局", "飞马奖", ""]])  # fmt: skip
    legacy()


def legacy() -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("诉求")
    sheet.write_merge(0, 0, 0, 5, "企业诉求台账（旧版 Excel）")
    for c, h in enumerate(HEADER):
        sheet.write(1, c, h)
    for r, row in enumerate(appeal_rows("XL"), 2):
        for c, v in enumerate(row):
            if not (c == 3 and r in (3, 4)):
                sheet.write(r, c, v)
    sheet.write_merge(3, 4, 3, 3, "东湖区")  # rows XL002 and XL003 share one merged 所属县区 cell
    book.save(str(FILES / "appeals_legacy.xls"))


def main() -> None:
    shutil.rmtree(FILES, ignore_errors=True)
    FILES.mkdir()
    for make in (encodings, layouts, values, rejects, failures, other_kinds):
        make()
    print(f"{len(list(FILES.iterdir()))} files in {FILES}")


if __name__ == "__main__":
    main()
