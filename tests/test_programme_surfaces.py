"""The programmes on the surfaces, on tests/fixtures_programmes.py: the rows behind each drill-down count, the view
the wall page and the meeting view are built from, and the brief's lines and tables (as of 2026-10-15)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Connection

from callbacks.views.programmes import programmes_view
from config import load_settings
from data import drilldown
from data.brief import build_brief
from tests.fixtures_metrics import ALL, D2, D4, Q3, YEAR

SETTINGS = load_settings(environ={})


@pytest.fixture
def conn(programme_conn: Connection) -> Connection:
    return programme_conn


@pytest.mark.parametrize(
    ("key", "scope", "expected"),
    [
        ("reforms.all", YEAR, ["M3", "M5", "M8", "M4", "M1", "M2", "M6", "M7"]),
        ("reforms.red", YEAR, ["M3", "M5", "M8"]),
        ("reforms.yellow", YEAR, ["M4"]),
        ("reforms.landed", YEAR, ["M1", "M2", "M6"]),
        ("reforms.overdue", YEAR, ["M3", "M8"]),  # M2 landed late: landed all the same
        ("squads.cases", Q3, ["A4", "I6", "A2", "A3", "I5"]),  # by squad name (土地专班 < 金融专班), then kind
        ("clean_wind.all", Q3, ["2026-07", "2026-08", "2026-09"]),
        ("services.live", ALL, ["S3", "S1", "S2", "S6"]),
        ("services.all", ALL, ["S3", "S1", "S2", "S6", "S4", "S5", "S7"]),
    ],
)
def test_rows_behind_each_count(conn, key, scope, expected):
    frame = drilldown.rows(conn, scope, key, SETTINGS.rag)
    first = frame.columns[0] if key.split(".")[0] not in ("squads",) else "case_no"
    assert frame[first if key != "clean_wind.all" else "period"].tolist() == expected
    assert drilldown.count(conn, scope, key, SETTINGS.rag) == len(expected)
    assert set(frame.columns) <= set(drilldown.LABELS) | {"status"}  # every column has its Chinese header


def test_squad_rows_carry_no_contact(conn):
    frame = drilldown.rows(conn, Q3, "squads.cases", SETTINGS.rag)
    assert not {"contact_name", "contact_phone", "members", "content"} & set(frame.columns)
    assert frame[frame["case_no"] == "A2"][["squad", "case_kind", "department"]].values.tolist() == [
        ["金融专班", "企业诉求", "市数据资源局"]
    ]


def test_the_view_of_the_wall_page_and_the_meeting(conn):
    view = programmes_view(conn, YEAR, ALL, SETTINGS)
    assert (view.measures, view.landed, view.on_time, view.overdue) == (8, 3, 2, 2)
    assert view.colours == {"red": 3, "yellow": 1, "green": 4}
    assert view.snail_cases == (D4, D2)
    assert [m.measure_no for m in view.flagged] == ["M3", "M5", "M8", "M4"]
    assert [(d.department, d.worst) for d in view.departments][:2] == [(D2, "red"), (D4, "red")]
    assert view.clean_wind["problems_found"] == 21 and view.clean_wind_months[0] == ("2026-06", 7)
    # 2026 by today: S1, S2, S6 launched; 省定 S1 S2 S3 all live; 本地新增 none live yet
    assert (view.services_launched, view.services_target, view.provincial, view.local) == (3, 50, (3, 3), (3, 0))
    assert [s.name for s in view.latest_services] == [
        "变更登记一件事",
        "员工招聘一件事",
        "开办企业一件事",
        "准营一件事",
    ]
    assert view.rule[0].startswith("红灯（受阻）")


def test_the_brief_carries_the_programmes(conn):
    brief = build_brief(conn, Q3, SETTINGS, "2026Q3", datetime(2026, 10, 15, 9, 0))
    headline = dict(brief.headline)
    # measures whose plan overlaps Q3: M2–M6 (M1 fell due on 06-30; M7, M8 have no start and fall due in October);
    # landed by today M2 (late) and M6 (on its due day); due and open M3
    assert headline["对标提升微改革"] == (
        "措施 5 项，已落地 2（按期 1），到期未落地 1；受阻 2 · 相对迟缓 1 · 进展顺利 2"
    )
    assert headline["为企服务专班"] == "承办 5 件，已解决 2，按时办结率 50.0%（3 / 6）"
    assert headline["清风行动"] == "发现问题 11 · 整改到位 10 · 通报曝光 3 · 立案审查 2 · 移送起诉 1"
    assert headline["一件事一次办"] == "本期上线 2 / 年度目标 50（省定 3/3，本地新增 0/3 已上线）"
    sections = {s.title: s for s in brief.sections}
    flagged = sections["对标提升微改革：红灯、黄灯措施"]
    assert [r["measure_no"] for r in flagged.rows] == ["M3", "M5", "M4"]
    # judged on the year up to Q3's end: D1 landed M1 on time (in June), D2's M3 is open
    assert flagged.note.endswith("蜗牛奖触发（到期措施无一按期落地）：市税务局（M3）")
    assert [r["squad"] for r in sections["为企服务专班"].rows] == ["金融专班", "土地专班", "法律专班"]
    assert [r["department"] for r in sections["清风行动（按单位）"].rows] == ["市数据资源局", "市税务局"]
    assert len(sections["一件事一次办事项清单"].rows) == 7
