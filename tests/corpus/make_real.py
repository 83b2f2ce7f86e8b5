"""Write the second corpus — exports shaped like the ones a 营商环境办 really receives — into ``tests/corpus/real/``
(committed; rerun after changing a case). ``tests/test_import_real.py`` holds each file's exact expected outcome.

Covers issue 14: headers as other platforms write them, other platforms' lifecycle labels, numbers, dates and
periods as people write them, rows with several errors, files whose every row is rejected, HTML tables saved as
.xls/.xlsx/.htm, Excel's leading apostrophe, and files past the size limits.
"""
# ruff: noqa: E501  (rows of Chinese cells read best one row per line)

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl

FILES = Path(__file__).with_name("real")
BASE = ["诉求编号", "企业名称", "所属县区", "承办单位", "受理时间", "办理状态"]


def rows3(prefix: str, status: tuple[str, str, str] = ("已办结", "办理中", "已办结")) -> list[list[object]]:
    return [
        [f"{prefix}001", "淮川恒达科技有限公司", "淮川区", "市税务局", "2026-11-03 09:15", status[0]],
        [f"{prefix}002", "淮川鑫源机械有限公司", "东湖区", "市市场监管局", "2026-11-04 10:00", status[1]],
        [f"{prefix}003", "淮川华信物流有限公司", "西山区", "供电公司", "2026-11-05 08:30", status[2]],
    ]  # fmt: skip


def write_csv(name: str, rows: list[list[object]], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (FILES / name).write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(name: str, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(FILES / name)


def headers() -> None:
    """Point 1: the header spellings of other offices and platforms."""
    write_csv(
        "企业诉求_区县倒序.csv", [["诉求编号", "企业名称", "区县", "承办单位", "受理时间", "办理状态"], *rows3("SW")]
    )
    write_csv(
        "企业诉求_表头带单位和星号.csv",
        [["诉求编号（必填）", "*企业名称", " 所属县区 ", "承办单位（盖章）", "受理时间(yyyy-mm-dd hh:mm)", "办理状态：", "满意度（分）"],
         *[[*r, s] for r, s in zip(rows3("UN"), ["5", "4", ""], strict=True)]],
    )  # fmt: skip
    write_csv(
        "企业诉求_序号前缀.csv",
        [["序号", "1.诉求编号", "2、企业名称", "三、所属县区", "④承办单位", "5) 受理时间", "6. 办理状态"],
         *[[i, *r] for i, r in enumerate(rows3("NB"), 1)]],
    )  # fmt: skip
    write_csv(
        "企业诉求_繁体表头.csv",
        [["訴求編號", "企業名稱", "所屬縣區", "承辦單位", "受理時間", "辦理狀態", "滿意度"],
         *[[*r, s] for r, s in zip(rows3("TC", ("已辦結", "辦理中", "辦理完畢")), ["滿意", "", "非常滿意"], strict=True)]],
    )  # fmt: skip
    write_csv("企业诉求_词缀.csv", [["编号", "企业", "县区名称", "承办单位名称", "受理日期", "状态"], *rows3("AF")])
    write_csv(
        "12345工单导出_20261105.csv",
        [["序号", "工单编号", "诉求企业", "属地", "办理单位", "登记时间", "工单状态", "回访满意度", "坐席工号"],
         *[[i, *r, s, f"ZX{i:03d}"] for i, (r, s) in enumerate(zip(rows3("HL", ("已回访", "已转办", "待回访")), ["满意", "", "比较满意"], strict=True), 1)]],
    )  # fmt: skip
    write_csv(
        "企业诉求_缺列有近似.csv",
        [["诉求编号", "企业名称", "所属县区", "承办单位", "接收时间", "办理状态"], *rows3("MS")],
    )
    write_csv(
        "企业诉求_两列同义.csv",
        [["诉求编号", "企业名称", "企业名称(全称)", "所属县区", "承办单位", "受理时间", "办理状态"],
         *[[r[0], r[1], r[1] + "（全称）", *r[2:]] for r in rows3("DP")]],
    )  # fmt: skip
    write_csv("企业诉求_只有标题.csv", [["2026年11月企业诉求台账"], ["（本月无数据）"]])
    write_csv(
        "企业诉求_配置别名.csv", [["诉求编号", "企业名称", "片区", "承办单位", "受理时间", "办理状态"], *rows3("CA")]
    )
    write_csv(
        "企业诉求_表头在第5行.csv",
        [["2026年11月企业诉求台账", "", "", "", "", ""], ["填报单位：淮川区营商办", "", "", "", "", ""],
         ["", "", "", "", "", ""], ["说明：本表由系统导出", "", "", "", "", ""], BASE, *rows3("R5"),
         ["合计", "3", "", "", "", ""], ["制表人：张三", "", "", "", "", ""]],
    )  # fmt: skip


def labels() -> None:
    """Point 2: lifecycle and other labels of other platforms, unknown labels grouped."""
    statuses = ["已受理", "办理中", "已办结", "已回访", "已评价", "已归档", "待回访", "已退回", "挂起", "办理完毕"]
    write_csv(
        "企业诉求_其他平台状态.csv",
        [BASE, *[[f"ST{i:03d}", "淮川恒达科技有限公司", "淮川区", "市税务局", "2026-11-03 09:15", s] for i, s in enumerate(statuses, 1)]],
    )  # fmt: skip
    unknown = ["待核查", "待核查", "已办结", "待核查", "待核查", "已作废"]
    write_csv(
        "企业诉求_未知状态.csv",
        [BASE, *[[f"UK{i:03d}", "淮川恒达科技有限公司", "东湖区", "市税务局", "2026-11-03 09:15", s] for i, s in enumerate(unknown, 1)]],
    )  # fmt: skip
    write_csv(
        "企业诉求_配置状态.csv",
        [BASE, *[[f"CS{i:03d}", "淮川恒达科技有限公司", "东湖区", "市税务局", "2026-11-03 09:15", s] for i, s in enumerate(["待核查", "已办结"], 1)]],
    )  # fmt: skip
    write_csv(
        "企业诉求_标签写法.csv",
        [[*BASE, "满意度", "紧急程度", "是否重复", "办理结果"],
         ["LW001", "淮川恒达科技有限公司", "淮川区", "市税务局", "2026-11-03 09:15", " 已 办结 ", "很满意", "加急", "√", "已解释"],
         ["LW002", "淮川鑫源机械有限公司", "东湖区", "市税务局", "2026-11-03 09:15", "ｙｉ", "不太满意", "普通", "×", "基本解决"],
         ["LW003", "淮川华信物流有限公司", "西山区", "市税务局", "2026-11-03 09:15", "处理完毕", "５", "特急", "否", "未能解决"]],
    )  # fmt: skip
    write_csv(
        "好差评_等级写法.csv",
        [["评价编号", "评价部门", "评价时间", "评价等级"], ["HP001", "市税务局", "2026-11-03 10:00", "好评"],
         ["HP002", "市税务局", "2026-11-03 11:00", "差评"], ["HP003", "市税务局", "2026-11-03 12:00", "五星"],
         ["HP004", "市税务局", "2026-11-03 13:00", "4星"], ["HP005", "市税务局", "2026-11-03 14:00", "一般般"]],
    )  # fmt: skip
    write_csv(
        "项目_类型写法.csv",
        [["项目编号", "项目名称", "项目类型", "牵头单位", "计划完成日期", "是否受阻"],
         ["LX01", "园区道路", "重点 项目", "市住房城乡建设局", "2026-12-31", "是"],
         ["LX02", "政务大厅", "为企办实事", "市数据资源局", "2026-12-31", "否"],
         ["LX03", "物流中心", "重大项目", "市商务局", "2026-12-31", "否"]],
    )  # fmt: skip


def numbers_and_periods() -> None:
    """Point 3: numbers, months, quarters and years as people write them."""
    write_csv(
        "清障_批次序数.csv",
        [["问题编号", "问题描述", "责任单位", "所属县区", "发现日期", "销号批次"],
         ["QZ01", "审批材料重复", "市数据资源局", "淮川区", "2026-09-01", "第3批"],
         ["QZ02", "用电报装慢", "供电公司", "东湖区", "2026-09-02", "3批次"],
         ["QZ03", "涉企检查多", "市市场监管局", "西山区", "2026-09-03", "第三批"],
         ["QZ04", "融资难", "市地方金融管理局", "南塘县", "2026-09-04", "第十二批"],
         ["QZ05", "用地指标少", "市自然资源和规划局", "北岭县", "2026-09-05", "第２批"],
         ["QZ06", "招工难", "市人力资源社会保障局", "清溪县", "2026-09-06", "第3.5批"],
         ["QZ07", "物流成本高", "市交通运输局", "望江县", "2026-09-07", "最后一批"]],
    )  # fmt: skip
    write_csv(
        "一件事_数字写法.csv",
        [["事项编号", "事项名称", "状态", "优化前材料数", "优化后材料数", "优化前办理天数", "月办件量"],
         ["YJ01", "开办餐馆", "已上线", "共12项", "5份", "20个工作日", "1,234件"],
         ["YJ02", "新生儿出生", "已上线", "１２", "３", "3.5天", "２，０００"],
         ["YJ03", "企业注销", "建设中", "8", "约4份", "10天", "—"]],
    )  # fmt: skip
    write_csv(
        "项目_计划投资写法.csv",
        [["项目编号", "项目名称", "项目类型", "牵头单位", "计划完成日期", "计划投资（万元）"],
         ["TZ01", "园区道路", "重点项目", "市住房城乡建设局", "2026-12-31", "1,200.5万元"],
         ["TZ02", "政务大厅", "为企办实事", "市数据资源局", "2026年12月31日", "１２００"],
         ["TZ03", "物流中心", "重点项目", "市商务局", "2026/12/31", "约800万元"],
         ["TZ04", "数据中心", "重点项目", "市数据资源局", "2026.12.31", "八百万"]],
    )  # fmt: skip
    write_csv(
        "进展_月份写法.csv",
        [["项目编号", "填报月份", "累计完成投资", "形象进度"],
         ["TZ01", "2026-06", "100", "10%"], ["TZ01", "2026年7月", "200", "20％"], ["TZ01", "2026.08", "300", "30"],
         ["TZ01", "2026/09", "400", "40"], ["TZ01", "202610", "500", "50"], ["TZ01", "2026年11月份", "600", "60"],
         ["TZ02", "2026-13", "10", "5"], ["TZ02", "10月", "10", "5"], ["TZ02", "2026年1-10月", "10", "5"]],
    )  # fmt: skip
    write_xlsx(
        "进展_月份数字单元格.xlsx",
        [["项目编号", "填报月份", "累计完成投资", "形象进度"],
         ["TZ02", 2026.1, 100, 10], ["TZ02", 2026.11, 200, 20], ["TZ02", dt.datetime(2026, 12, 1), 300, 30],
         ["TZ03", 202609, 50, 5], ["TZ03", "2026.1", 60, 6]],
    )  # fmt: skip
    write_csv(
        "经济指标_期间写法.csv",
        [["指标名称", "期间", "数值", "单位", "同比"],
         ["地区生产总值", "2026年三季度", "1,234.5", "亿元", "5.2%"], ["规上工业增加值", "2026年10月", "98.1", "亿元", "6.1"],
         ["固定资产投资", "2026.10", "300", "亿元", ""], ["社会消费品零售总额", "2026/10", "120", "亿元", ""],
         ["进出口总额", "2026Q3", "80", "亿元", ""], ["一般公共预算收入", "2026年第三季度", "50", "亿元", ""],
         ["市场主体数", "2026年度", "120,000", "户", ""], ["新增市场主体", "2026", "9000", "户", ""],
         ["地区生产总值", "2026年1-10月", "1", "亿元", ""], ["实际利用外资", "十月", "2", "亿美元", ""]],
    )  # fmt: skip
    write_csv(
        "营商环境评价_季度写法.csv",
        [["评价期", "指标", "得分", "排名"], ["2026年第三季度", "开办企业", "95.5", "第3名"], ["2026Q2", "开办企业", "94", "5"],
         ["2026年一季度", "开办企业", "93", "第六名"], ["Q4 2025", "开办企业", "90", "8"], ["2026年上半年", "纳税", "90", "8"]],
    )  # fmt: skip
    write_csv(
        "骏马奖_季度写法.csv",
        [["季度", "部门", "奖项"], ["2026年三季度", "市税务局", "骏马奖"], ["2026-Q3", "市商务局", "蜗牛奖"], ["三季度", "市科技局", "骏马奖"]],
    )  # fmt: skip


def every_error() -> None:
    """Point 5: every error of a row, and files whose every row is rejected."""
    write_csv(
        "企业诉求_一行多错.csv",
        [[*BASE, "满意度", "办结时间"],
         ["ME001", "", "淮川区", "市税务局", "上周三", "待核查", "很好", ""],
         ["ME002", "淮川鑫源机械有限公司", "东湖区", "", "2026-11-04 10:00", "已办结", "9", "2026-11-01 08:00"],
         ["ME003", "淮川华信物流有限公司", "西山区", "供电公司", "2026-11-05 08:30", "已办结", "满意", "2026-11-06 11:20"]],
    )  # fmt: skip
    bad = [
        [f"AR{i:03d}", "淮川恒达科技有限公司", "火星区", "市税务局", "2026-11-03 09:15", "已办结"] for i in range(1, 4)
    ]
    write_csv("企业诉求_全部拒绝.csv", [BASE, *bad])
    write_csv(
        "企业诉求_未知县区与其他错误.csv",
        [BASE,
         ["RX001", "淮川恒达科技有限公司", "火星区", "市税务局", "2026-11-03 09:15", "待核查"],
         ["RX002", "", "火星区", "市税务局", "明天", "已办结"],
         ["RX003", "淮川华信物流有限公司", "西山区", "供电公司", "2026-11-05 08:30", "已办结"],
         ["RX004", "淮川鑫源机械有限公司", "火星区", "新设的办公室", "2026-11-04 10:00", "已办结"]],
    )  # fmt: skip
    write_csv(
        "进展_未知项目与月份.csv",
        [["项目编号", "填报月份", "形象进度"], ["TZ01", "2026-10", "50"], ["TZ99", "10月", "60"], ["TZ99", "2026-11", "130"]],
    )  # fmt: skip
    write_csv(
        "企业诉求_占位符.csv",
        [[*BASE, "办结时间", "满意度"],
         ["ZW001", "淮川恒达科技有限公司", "淮川区", "市税务局", "2026-11-03 09:15", "办理中", "—", "/"],
         ["ZW002", "—", "东湖区", "市税务局", "2026-11-03 09:15", "办理中", "-", ""]],
    )  # fmt: skip
    write_xlsx("企业诉求_全部拒绝.xlsx", [BASE, *[[r[0], r[1], "东湖区", r[3], "明天", "已办结"] for r in bad]])


def offset_sheet() -> None:
    """A sheet whose table starts at B3, with a 所属县区 cell merged over two rows: Excel's row numbers still hold."""
    book = openpyxl.Workbook()
    sheet = book.active
    rows = [BASE, ["OF001", "淮川恒达科技有限公司", "淮川区", "市税务局", "2026-11-03 09:15", "已办结"],
            ["OF002", "淮川鑫源机械有限公司", None, "市税务局", "2026-11-04 10:00", "上周"]]  # fmt: skip
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                sheet.cell(row=3 + i, column=2 + j, value=value)
    sheet.merge_cells("D4:D5")
    book.save(FILES / "企业诉求_偏移与合并.xlsx")


def apostrophes() -> None:
    """Point 4: Excel's text marker before numbers, as exports write it into CSV and cells."""
    write_csv(
        "企业诉求_撇号.csv",
        [[*BASE, "统一社会信用代码"],
         ["'20261103001", "'淮川恒达科技有限公司", "淮川区", "市税务局", "'2026-11-03 09:15", "已办结", "'91341100MA2NXK7Q1F"],
         ['="20261103002"', "淮川鑫源机械有限公司", "东湖区", "市市场监管局", "2026-11-04 10:00", "'办理中", ""]],
    )  # fmt: skip
    write_xlsx(
        "企业诉求_撇号.xlsx",
        [BASE, ["'20261103003", "淮川恒达科技有限公司", "'淮川区", "市税务局", "2026-11-03 09:15", "已办结"]],
    )


HTML_HEAD = '<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>导出</title></head><body>'


def html_table(
    rows: list[list[object]], header_tag: str = "td", attrs: dict[tuple[int, int], str] | None = None
) -> str:
    out = ["<table border=1>"]
    for i, row in enumerate(rows):
        tag = header_tag if i == 0 else "td"
        cells = "".join(
            f"<{tag}{(attrs or {}).get((i, j), '')}>{c}</{tag}>" for j, c in enumerate(row) if c is not None
        )
        out.append(f"<tr>{cells}</tr>")
    return "\n".join(out) + "</table>"


def html() -> None:
    """Point 4: HTML tables saved with an Excel extension, in any charset, with title rows and spans."""
    body = html_table([BASE, *rows3("HT")], "th")
    (FILES / "企业诉求_网页表格.xls").write_bytes(
        (HTML_HEAD.format(charset="utf-8") + body + "</body></html>").encode("utf-8")
    )
    body = html_table([BASE, *rows3("HG", ("已办结", "办理中", "已回访"))])
    (FILES / "企业诉求_网页表格_gbk.xls").write_bytes(
        (HTML_HEAD.format(charset="gb2312") + body + "</body></html>").encode("gbk")
    )
    rows = [["2026年11月企业诉求台账", None, None, None, None, None], BASE, *rows3("HS")]
    rows[3][2] = None  # HS002's 所属县区 comes from HS001's rowspan
    attrs = {(0, 0): ' colspan="6" align="center"', (2, 2): ' rowspan="2"'}
    (FILES / "企业诉求_网页表格_合并.xlsx").write_bytes(
        ('<meta charset="utf-8"><body>' + html_table(rows, attrs=attrs) + "</body>").encode("utf-8")
    )
    spans = [["诉求编号", "企业名称", "所属县区", "承办单位", "时间", None, "办理状态"], [None, None, None, None, "受理时间", "办结时间", None],
             *[[*r[:5], "", r[5]] for r in rows3("HC")]]  # fmt: skip
    attrs = {(0, 0): ' rowspan="2"', (0, 1): ' rowspan="2"', (0, 2): ' rowspan="2"', (0, 3): ' rowspan="2"',
             (0, 4): ' colspan="2"', (0, 6): ' rowspan="2"'}  # fmt: skip
    (FILES / "企业诉求_网页表格_两行表头.htm").write_bytes(
        ("<html><body><p>说明</p>" + html_table(spans, "th", attrs) + "</body></html>").encode("utf-8")
    )
    info = html_table([["制表单位：淮川区营商办", "导出时间：2026-11-06"]])
    (FILES / "企业诉求_网页多表格.htm").write_bytes(
        ('<meta charset="utf-8">' + info + html_table([BASE, *rows3("HM")], "th")).encode("utf-8")
    )
    big5 = html_table([["訴求編號", "企業名稱", "所屬縣區", "承辦單位", "受理時間", "辦理狀態"],
                       ["HB5001", "淮川恆達科技有限公司", "淮川區", "市稅務局", "2026-11-03 09:15", "已辦結"]])  # fmt: skip
    (FILES / "企业诉求_网页表格_big5.xls").write_bytes(
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>' + big5).encode("big5")
    )
    (FILES / "企业诉求_网页无表格.xls").write_bytes("<html><body><p>没有数据</p></body></html>".encode())
    broken = (
        "<html><body><table><tr><td>"
        + "</td><td>".join(BASE)
        + "<tr><td>"
        + "<td>".join(map(str, rows3("HB")[0]))
        + "</table>"
    )
    (FILES / "企业诉求_网页未闭合.xls").write_bytes(broken.encode("utf-8"))
    (FILES / "企业诉求_网页实体.html").write_bytes(
        (
            '<meta charset="utf-8">'
            + html_table(
                [BASE, ["HE001", "淮川恒达&amp;科技有限公司", "淮川区", "市税务局", "2026-11-03&nbsp;09:15", "已办结"]]
            )
        ).encode()
    )


def limits() -> None:
    """Point 8: a workbook that declares more uncompressed bytes than the limit (the test sets 1 MB)."""
    with zipfile.ZipFile(FILES / "企业诉求_解压过大.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 400_000)


def main() -> None:
    shutil.rmtree(FILES, ignore_errors=True)
    FILES.mkdir()
    headers()
    labels()
    numbers_and_periods()
    every_error()
    offset_sheet()
    apostrophes()
    html()
    limits()


if __name__ == "__main__":
    main()
