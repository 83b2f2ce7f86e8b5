"""The study report's programmes on top of the metric fixture (tests/fixtures_metrics.py): three squads with some of
its appeals and 清障 issues routed to them, 对标提升 measures M1–M9, 清风行动 counts C1–C5 and the services' origin.

As of ``TODAY`` = 2026-10-15:
- 土地专班: A4 (Q3, closed on the minute due, 已解决), A6 (received in June, due 07-01 00:00, on time), I2 (found in
  April), I6 (found 08-01, due 09-20, open); 金融专班: A2 (closed 3 days late, 部分解决), A3 (open past due), I5 (closed
  on its due day 07-15); 法律专班: nothing.
- M1 D1 landed before due; M2 D1 landed 8 days late; M3 D2 due 10-10, open; M4 D2 not started, planned start
  09-01; M5 D3 blocked; M6 D3 due and landed today; M7 D4 due tomorrow, open; M8 D4 due yesterday, open;
  M9 D1 of 2025.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, update

from data.engine import Store
from data.schema import Appeal, CleanWindCount, ClearanceIssue, ReformMeasure, ServiceItem, Squad
from tests.fixtures_metrics import HC01, HC02, _rows, build_metric_db, d

SQUADS = _rows(
    "id name domain department_id members contact_name contact_phone",
    (1, "土地专班", "土地", 1, "市自然资源和规划局", "李四", "13900000001"),
    (2, "金融专班", "金融", 2, None, "王五", "13900000002"),
    (3, "法律专班", "法律", None, None, None, None),
)
ROUTED_APPEALS = {1: ("A4", "A6"), 2: ("A2", "A3")}
ROUTED_ISSUES = {1: ("I2", "I6"), 2: ("I5",)}

MEASURES = _rows(
    "measure_no name department_id benchmark_scope benchmark_city benchmark_indicator planned_start actual_start "
    "planned_on done_on status is_blocked",
    ("M1", "开办半日结", 1, "省内", "青阳市", "开办企业", d("2026-03-01"), d("2026-03-05"), d("2026-06-30"),
     d("2026-06-20"), "已落地", False),
    ("M2", "登记不见面", 1, "省外", "杭州市", "登记财产", d("2026-05-01"), d("2026-05-02"), d("2026-09-30"),
     d("2026-10-08"), "已落地", False),
    ("M3", "退税即报即审", 2, "省外", "上海市", "纳税", d("2026-04-01"), d("2026-04-01"), d("2026-10-10"),
     None, "推进中", False),
    ("M4", "申报一表集成", 2, "省内", "滨江市", "纳税", d("2026-09-01"), None, d("2026-12-31"), None, "未启动",
     False),
    ("M5", "施工图多审合一", 3, "省外", "苏州市", None, d("2026-06-01"), None, d("2026-12-15"), None, "推进中",
     True),
    ("M6", "联合验收", 3, "省内", "青阳市", None, d("2026-08-01"), d("2026-08-01"), d("2026-10-15"),
     d("2026-10-15"), "已落地", False),
    ("M7", "三零接电", 4, "省外", "宁波市", "获得电力", None, None, d("2026-10-16"), None, "推进中", False),
    ("M8", "高压办电", 4, "省内", "青阳市", "获得电力", None, None, d("2026-10-14"), None, "推进中", False),
    ("M9", "去年的措施", 1, "省内", "青阳市", None, None, None, d("2025-12-20"), d("2025-12-10"), "已落地", False),
)  # fmt: skip

CLEAN_WIND = _rows(
    "campaign period department_id region_id problems_found problems_rectified exposed investigated prosecuted",
    ("清风行动", "2026-07", 1, HC01, 4, 3, 1, 1, 0),
    ("清风行动", "2026-08", 1, None, 2, 2, 0, 0, 0),
    ("清风行动", "2026-09", 2, HC02, 5, 5, 2, 1, 1),
    ("清风行动", "2026-10", 2, None, 3, 1, 0, 0, 0),
    ("清风行动", "2026-06", 3, None, 7, 7, 1, 2, 1),
)
ORIGINS = {"S1": "省定", "S2": "省定", "S3": "省定", "S4": "本地新增", "S5": "本地新增", "S7": "本地新增"}


def build_programme_db(path: Path) -> Store:
    """The metric fixture at ``path`` with the programmes' rows added."""
    store = build_metric_db(path)
    appeal, issue, service = Appeal.__table__, ClearanceIssue.__table__, ServiceItem.__table__
    with store.write() as conn:
        conn.execute(insert(Squad.__table__), SQUADS)
        for squad, tickets in ROUTED_APPEALS.items():
            conn.execute(update(appeal).where(appeal.c.ticket_no.in_(tickets)).values(squad_id=squad))
        for squad, issues in ROUTED_ISSUES.items():
            conn.execute(update(issue).where(issue.c.issue_no.in_(issues)).values(squad_id=squad))
        conn.execute(insert(ReformMeasure.__table__), MEASURES)
        conn.execute(insert(CleanWindCount.__table__), CLEAN_WIND)
        for item, origin in ORIGINS.items():
            conn.execute(update(service).where(service.c.item_no == item).values(origin=origin))
    return store
