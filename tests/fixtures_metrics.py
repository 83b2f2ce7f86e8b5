"""A small, hand-made database for the metric tests: a few rows per table, each named (A1, Q1, P1 …) so a test can
write its expected value as arithmetic over those names.

The as-of day of almost every test is ``TODAY`` = 2026-10-15; ``Q3`` is 2026-07-01 … 2026-09-30.

Regions: 淮川市 (city HC) > 淮川区 HC01 ⊃ 淮川经济技术开发区 HCP1; 东湖区 HC02 ⊃ 东湖工业园 HCP3.
Departments (action group): D1 市数据资源局 (行政审批提速), D2 市税务局 (惠企政策落地),
D3 市住房城乡建设局 (行政审批提速), D4 供电公司 (资源要素保障).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from data.engine import Store, open_store
from data.metrics import Scope
from data.migrate import upgrade
from data.schema import (
    ActionGroup,
    Appeal,
    Assignment,
    Award,
    Cadre,
    ClearanceIssue,
    Department,
    EconMetric,
    Enterprise,
    Indicator,
    IndicatorEval,
    Milestone,
    Progress,
    Project,
    Refusal,
    Region,
    Review,
    ServiceItem,
    Visit,
)
from data.summaries import refresh_summaries

TODAY = date(2026, 10, 15)
Q3_START, Q3_END = date(2026, 7, 1), date(2026, 9, 30)
ALL = Scope(today=TODAY)
YEAR = Scope(today=TODAY, start=date(2026, 1, 1), end=date(2026, 12, 31))
Q3 = Scope(today=TODAY, start=Q3_START, end=Q3_END)

D1, D2, D3, D4 = "市数据资源局", "市税务局", "市住房城乡建设局", "供电公司"
HC01, HC02, HCP1, HCP3 = 1, 2, 3, 4  # region ids below (the city is 9)
CITY = 9


def dt(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def d(text: str) -> date:
    return date.fromisoformat(text)


def _rows(columns: str, *values: tuple[Any, ...]) -> list[dict[str, Any]]:
    names = columns.split()
    return [dict(zip(names, row, strict=True)) for row in values]


REGIONS = _rows(
    "id code name type parent_code tile_x tile_y",
    (HC01, "HC01", "淮川区", "district", "HC", 2, 1),
    (HC02, "HC02", "东湖区", "district", "HC", 3, 1),
    (HCP1, "HCP1", "淮川经济技术开发区", "park", "HC01", 4, 0),
    (HCP3, "HCP3", "东湖工业园", "park", "HC02", 4, 2),
    (CITY, "HC", "淮川市", "city", None, None, None),
)
ACTION_GROUPS = _rows("id name", (1, "行政审批提速"), (2, "惠企政策落地"), (3, "资源要素保障"))
DEPARTMENTS = _rows(
    "id name type action_group_id",
    (1, D1, "市直部门", 1),
    (2, D2, "市直部门", 2),
    (3, D3, "市直部门", 1),
    (4, D4, "公用事业", 3),
)
# Inserted out of framework order on purpose: area tables must follow ``position``.
INDICATORS = _rows(
    "id name position",
    (1, "开办企业", 1),
    (2, "纳税", 3),
    (3, "获得电力", 2),
    (4, "政务服务", 4),
    (5, "重点指标领域", 0),
)
ENTERPRISES = _rows(
    "id name region_id park_id",
    (1, "淮川甲科技有限公司", HC01, None),
    (2, "淮川乙制造有限公司", HC01, HCP1),
    (3, "东湖丙商贸有限公司", HC02, None),
    (4, "东湖丁物流有限公司", HC02, HCP3),
)

# Appeals (the response limit in the tests is 24 h unless said otherwise).
APPEALS = _rows(
    "ticket_no enterprise_id region_id park_id department_id category channel received_at first_contact_at due_at "
    "closed_at revisit_at status resolution satisfaction is_repeat",
    # A1: contacted after 6 h, closed a day early, solved, 5
    ("A1", 1, HC01, None, 1, "政策咨询", "12345", dt("2026-07-02 09:00"), dt("2026-07-02 15:00"),
     dt("2026-07-09 18:00"), dt("2026-07-08 10:00"), dt("2026-07-10 10:00"), "已办结", "已解决", 5, False),
    # A2: contacted exactly 24 h later (within), closed 3 days late, partly solved, 3
    ("A2", 2, HC01, HCP1, 1, "审批服务", "亲清观察员", dt("2026-07-10 09:00"), dt("2026-07-11 09:00"),
     dt("2026-07-17 18:00"), dt("2026-07-20 10:00"), dt("2026-07-22 10:00"), "已办结", "部分解决", 3, False),
    # A3: contacted 24 h + 1 min later (too late), still open past due, a repeat, not rated
    ("A3", 3, HC02, None, 2, "政策咨询", "12345", dt("2026-08-01 09:00"), dt("2026-08-02 09:01"),
     dt("2026-08-08 18:00"), None, None, "办理中", None, None, True),
    # A4: never contacted, closed at the very minute it was due (on time), solved, 4
    ("A4", 4, HC02, HCP3, 2, "要素保障", "亲清观察员", dt("2026-08-15 09:00"), None,
     dt("2026-09-30 18:00"), dt("2026-09-30 18:00"), dt("2026-10-05 10:00"), "已办结", "已解决", 4, False),
    # A5: due after today (not yet due), closed early, solved, 2, a repeat
    ("A5", 1, HC01, None, 3, "审批服务", "政企互动平台", dt("2026-09-20 09:00"), dt("2026-09-20 10:00"),
     dt("2026-10-20 18:00"), dt("2026-10-10 09:00"), dt("2026-10-12 10:00"), "已办结", "已解决", 2, True),
    # A6: received in June, due at the first instant of Q3, closed before, solved, 5
    ("A6", 2, HC01, HCP1, 3, "要素保障", "亲清观察员", dt("2026-06-20 09:00"), dt("2026-06-20 12:00"),
     dt("2026-07-01 00:00"), dt("2026-06-30 12:00"), dt("2026-07-03 10:00"), "已办结", "已解决", 5, False),
    # A7: received today (response limit not passed yet), no category, open, not due
    ("A7", 3, HC02, None, 1, None, "12345", dt("2026-10-15 09:00"), dt("2026-10-15 10:00"),
     dt("2026-10-22 18:00"), None, None, "办理中", None, None, False),
    # A8: closed a day late, revisited 未解决, 1
    ("A8", 4, HC02, HCP3, 2, "政策咨询", "亲清观察员", dt("2026-09-28 09:00"), dt("2026-09-28 14:00"),
     dt("2026-10-10 18:00"), dt("2026-10-11 09:00"), dt("2026-10-12 10:00"), "已办结", "未解决", 1, False),
    # A9: closed early, solved, not rated
    ("A9", 1, HC01, None, 1, "政策咨询", "亲清观察员", dt("2026-07-05 09:00"), dt("2026-07-05 10:00"),
     dt("2026-07-12 18:00"), dt("2026-07-11 10:00"), dt("2026-07-13 10:00"), "已办结", "已解决", None, False),
)  # fmt: skip
for _appeal in APPEALS:
    _appeal.update(content="（个人信息）诉求内容", contact_name="张三", contact_phone="13800000000")

# 清障 issues, as of 2026-10-15. Q3's own action group differs from its department's.
ISSUES = _rows(
    "issue_no title action_group_id department_id region_id rectify_type found_on due_on closed_on batch",
    ("I1", "审批材料重复提交", 1, 1, HC01, "立行立改", d("2026-03-01"), d("2026-03-31"), d("2026-03-20"), 1),
    ("I2", "园区用地手续慢", None, 1, HCP1, "限期整改", d("2026-04-01"), d("2026-06-30"), d("2026-07-10"), 2),
    ("I3", "退税流程跨部门", 1, 2, HC02, "长期攻坚", d("2026-05-01"), d("2026-12-31"), None, None),
    ("I4", "发票申领排队", None, 2, HC02, None, d("2026-06-01"), d("2026-08-31"), None, None),
    ("I5", "园区政策兑现慢", 2, 3, HCP3, "立行立改", d("2026-07-01"), d("2026-07-15"), d("2026-07-15"), 2),
    ("I6", "施工许可前置多", None, 3, HC01, "限期整改", d("2026-08-01"), d("2026-09-20"), None, None),
    ("I7", "去年遗留证照问题", 1, 1, HC01, "限期整改", d("2025-12-01"), d("2026-01-15"), d("2026-01-10"), 1),
    # I8: closed after today, so still open on 2026-10-15 (31 days past due)
    ("I8", "税费优惠未落实", 2, 2, HC02, "立行立改", d("2026-09-01"), d("2026-09-14"), d("2026-10-20"), 3),
)

PROJECTS = _rows(
    "id project_no name kind department_id region_id planned_start planned_end actual_start investment_plan "
    "is_blocked blocked_reason override_status override_reason",
    (1, "P1", "企业服务中心改造", "为企办实事", 1, HC01, d("2026-01-01"), d("2026-12-31"), d("2026-01-10"), 1000.0,
     False, None, None, None),
    (2, "P2", "税费一站通", "为企办实事", 2, HC02, d("2026-03-01"), d("2026-11-30"), d("2026-03-05"), None,
     False, None, None, None),
    (3, "P3", "园区标准厂房", "为企办实事", 3, HCP1, d("2026-07-01"), d("2027-06-30"), None, 5000.0,
     False, None, None, None),
    (4, "P4", "物流园道路", "重点项目", 1, HC02, d("2026-02-01"), d("2026-12-31"), d("2026-02-01"), 800.0,
     True, "征地拆迁未完成", "yellow", "已协调解决，待复工"),
    (5, "P5", "企业开办专区", "为企办实事", 2, HC01, d("2026-09-10"), d("2027-03-31"), None, None,
     False, None, None, None),
    (6, "P6", "去年的实事", "为企办实事", 1, HC01, d("2025-01-01"), d("2025-12-31"), d("2025-01-05"), None,
     False, None, None, None),
)  # fmt: skip
MILESTONES = _rows(
    "project_id seq name weight planned_on done_on",
    (1, 1, "立项", 0.2, d("2026-03-31"), d("2026-03-25")),
    (1, 2, "土建完工", 0.5, d("2026-09-30"), None),
    (1, 3, "竣工验收", 0.3, d("2026-12-31"), None),
    (2, 1, "方案", None, d("2026-05-01"), d("2026-04-28")),
    (2, 2, "上线试运行", None, d("2026-08-01"), d("2026-08-01")),
    (2, 3, "全面运行", None, d("2026-11-15"), None),
    (3, 1, "开工", 0.5, d("2026-12-31"), None),
    (3, 2, "完工", 0.5, d("2027-06-30"), None),
    (4, 1, "通车", 1.0, d("2026-12-31"), None),
    (5, 1, "专区开放", 1.0, d("2027-01-31"), None),
    (6, 1, "完成", 1.0, d("2025-12-01"), d("2025-11-20")),
)
PROGRESS = _rows(
    "project_id month investment_to_date physical_pct",
    (1, "2026-08", 400.0, 30.0),
    (1, "2026-09", 500.0, 40.0),
    (1, "2026-11", 900.0, 80.0),  # a month after today: not yet reported as of 2026-10-15
    (3, "2026-09", None, 0.0),
)

CADRES = _rows(
    "id cadre_no name department_id region_id",
    (1, "C1", "干部甲", 1, HC01),
    (2, "C2", "干部乙", 2, HC01),
    (3, "C3", "干部丙", 3, HCP1),
    (4, "C4", "干部丁", 2, HC02),
)
ASSIGNMENTS = _rows("cadre_id enterprise_id", (1, 1), (1, 2), (2, 1), (3, 2), (4, 3), (4, 4))
VISITS = _rows(
    "visit_no cadre_id enterprise_id region_id visited_on problems_collected problems_solved",
    ("V1", 1, 1, HC01, d("2026-07-05"), 3, 2),
    ("V2", 1, 1, HC01, d("2026-08-05"), 1, 1),
    ("V3", 3, 2, HCP1, d("2026-09-10"), 2, 1),
    ("V4", 4, 3, HC02, d("2026-06-15"), 4, 4),
    ("V5", 4, 1, HC01, d("2026-07-20"), 1, 0),  # C4 visits E1, who is not on C4's list
    ("V6", 2, 1, HC01, d("2026-10-20"), 5, 5),  # after today
)

REVIEWS = _rows(
    "review_no department_id region_id reviewed_at level is_real_name ruled_mistaken rectify_due rectified_on "
    "revisited_on",
    ("R1", 1, HC01, dt("2026-07-01 10:00"), 5, False, False, None, None, None),
    ("R2", 1, HC01, dt("2026-07-02 10:00"), 4, False, False, None, None, None),
    ("R3", 1, HC01, dt("2026-07-03 10:00"), 3, False, False, None, None, None),
    ("R4", 2, HC02, dt("2026-07-10 10:00"), 2, True, False, d("2026-07-20"), d("2026-07-18"), d("2026-07-19")),
    ("R5", 2, HC02, dt("2026-08-01 10:00"), 1, True, False, d("2026-08-10"), d("2026-08-15"), None),
    ("R6", 3, HCP1, dt("2026-08-05 10:00"), 1, False, True, d("2026-08-20"), None, None),
    ("R7", 3, HC01, dt("2026-09-20 10:00"), 2, False, False, d("2026-10-30"), None, None),
    ("R8", 1, HC02, dt("2026-06-10 10:00"), 5, False, False, None, None, None),
    ("R9", 2, HC02, dt("2026-09-15 10:00"), 2, True, False, d("2026-09-30"), None, d("2026-10-20")),
    ("R10", 2, HC02, dt("2025-12-20 10:00"), 1, True, False, d("2026-01-05"), d("2026-01-04"), None),
    ("R11", 4, HC01, dt("2026-07-05 10:00"), 2, False, False, d("2026-08-01"), None, None),
)

REFUSALS = _rows(
    "refusal_no department_id refused_on escalated_on told_on decision",
    ("F1", 1, d("2026-07-01"), d("2026-07-02"), d("2026-07-05"), "维持"),
    ("F2", 1, d("2026-07-10"), d("2026-07-15"), d("2026-07-12"), "改为支持"),
    ("F3", 2, d("2026-08-01"), None, d("2026-08-03"), None),
    ("F4", 2, d("2026-08-20"), d("2026-08-21"), None, "协调办理"),
    ("F5", 3, d("2026-09-01"), d("2026-09-01"), d("2026-09-01"), "指引"),
    ("F6", 3, d("2026-05-01"), d("2026-05-02"), d("2026-05-03"), "改为支持"),
)

SERVICES = _rows(
    "item_no name lifecycle_stage department_id launched_on status materials_before materials_after days_before "
    "days_after trips_before trips_after",
    ("S1", "开办企业一件事", "开办", 1, d("2026-03-01"), "已上线", 10, 4, 5.0, 1.0, 3, 1),
    ("S2", "员工招聘一件事", "开办", 1, d("2026-08-01"), "已上线", 8, 3, 10.0, 2.5, 2, 0),
    ("S3", "准营一件事", "准营", 2, d("2025-11-01"), "已上线", 6, 2, 4.0, 1.0, 2, 1),
    ("S4", "证照联办", "准营", 2, None, "建设中", 7, 3, 6.0, 2.0, 2, 1),
    ("S5", "水电气联办", "运营", 3, d("2026-10-20"), "已上线", 9, 3, 8.0, 2.0, 3, 1),
    ("S6", "变更登记一件事", "运营", 3, d("2026-09-15"), "已上线", 5, None, 3.0, 1.0, None, None),
    ("S7", "注销一件事", None, 3, None, "计划", 6, 2, 5.0, 1.0, 2, 1),
)

EVALUATIONS = _rows(
    "period indicator_id score rank n_cities",
    ("2025Q4", None, 70.0, 16, 16),
    ("2026Q1", None, 74.0, 12, 16),
    ("2026Q2", None, 78.0, 10, 16),
    ("2026Q3", None, 83.0, 6, 16),
    ("2026Q1", 1, 80.0, 7, 16),
    ("2026Q2", 1, 85.0, 5, 16),
    ("2026Q3", 1, 88.0, 3, 16),
    ("2026Q2", 3, 70.0, 10, 16),
    ("2026Q3", 3, 68.0, 12, 16),
    ("2026Q2", 2, 75.0, 8, 16),
    ("2026Q3", 2, 60.0, 14, 16),
    ("2026Q2", 4, 90.0, 4, 16),
    ("2026Q2", 5, 80.0, 9, 16),  # the key-area ranking (重点指标领域), not an area
    ("2026Q3", 5, 85.0, 5, 16),
)

ECON = _rows(
    "metric period region_id value unit target yoy",
    ("地区生产总值", "2026Q2", CITY, 500.0, "亿元", 1000.0, 5.5),
    ("地区生产总值", "2026Q3", CITY, 780.0, "亿元", 1000.0, 6.0),
    ("规上工业增加值增速", "2026-08", CITY, 7.0, "%", 6.5, None),
    ("规上工业增加值增速", "2026-09", CITY, 7.2, "%", 6.5, None),
    ("规上工业增加值增速", "2026Q2", CITY, 6.8, "%", 6.5, None),  # sorts after '2026-09' as text, ends earlier
    ("固定资产投资", "2025", CITY, 300.0, "亿元", 280.0, 3.0),
    ("地区生产总值", "2026Q3", HC01, 200.0, "亿元", 250.0, 4.0),
    ("社会消费品零售总额", "2026-09", CITY, 100.0, "亿元", None, 2.0),
)

AWARDS = _rows(
    "period department_id award score reasons",
    ("2026Q2", 3, "骏马奖", 90.0, "按时办结率 100%；满意率居首"),
    ("2026Q2", 2, "蜗牛奖", 40.0, "清障问题逾期未销号"),
)

TABLES = [
    (Region, REGIONS),
    (ActionGroup, ACTION_GROUPS),
    (Department, DEPARTMENTS),
    (Indicator, INDICATORS),
    (Enterprise, ENTERPRISES),
    (Appeal, APPEALS),
    (ClearanceIssue, ISSUES),
    (Project, PROJECTS),
    (Milestone, MILESTONES),
    (Progress, PROGRESS),
    (Cadre, CADRES),
    (Assignment, ASSIGNMENTS),
    (Visit, VISITS),
    (Review, REVIEWS),
    (Refusal, REFUSALS),
    (ServiceItem, SERVICES),
    (IndicatorEval, EVALUATIONS),
    (EconMetric, ECON),
    (Award, AWARDS),
]


def load_metric_fixture(store: Store) -> None:
    """Insert the fixture rows into a migrated, empty store and refresh the summaries, as a load does."""
    with store.write() as conn:
        for model, rows in TABLES:
            conn.execute(insert(model.__table__), rows)
        refresh_summaries(conn)


def build_metric_db(path: Path) -> Store:
    """A new SQLite store at ``path``, migrated and holding the fixture."""
    store = open_store(f"sqlite:///{path}")
    upgrade(store)
    load_metric_fixture(store)
    return store
