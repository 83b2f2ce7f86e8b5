"""The rows behind 驻企服务, 亲清观察员, 全省评价 and 经济指标 (``data.drilldown_subjects``) on
tests/fixtures_metrics.py, against lists worked out by hand, the metric layer's own figures, and
``count == len(rows)``.

Assignments: C1 (淮川区, 市数据资源局) → E1 甲, E2 乙; C2 (淮川区, 市税务局) → E1;
C3 (淮川经开区, 市住房城乡建设局) → E2; C4 (东湖区, 市税务局) → E3 丙, E4 丁.
Visits by today: V1 E1 07-05, V2 E1 08-05, V3 E2 09-10, V4 E3 06-15, V5 E1 07-20 (V6 is after today).
Observer leads (channel 亲清观察员): A2, A4, A6 (received in June), A8, A9; solved A4, A6, A9.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from config import load_settings
from data import drilldown
from data.metrics import appeals, economy, evaluation, visits
from data.privacy import Scrubber
from tests.fixtures_metrics import ALL, D2, Q3, YEAR

SETTINGS = load_settings(environ={})
RULE = SETTINGS.rag
E1, E2, E3, E4 = "淮川甲科技有限公司", "淮川乙制造有限公司", "东湖丙商贸有限公司", "东湖丁物流有限公司"
SUBJECT_KEYS = list(drilldown.subjects.MEASURE_LABELS)


def rows(conn, scope, key, days=30):  # type: ignore[no-untyped-def]
    frame = drilldown.rows(conn, scope, key, RULE, unvisited_days=days)
    assert drilldown.count(conn, scope, key, RULE, unvisited_days=days) == len(frame), key
    return frame


@pytest.mark.parametrize(
    ("key", "scope", "days", "column", "expected"),
    [
        ("visits.cadres", ALL, 30, "cadre_no", ["C1", "C2", "C4", "C3"]),  # by grid cell code: HC01, HC02, HCP1
        ("visits.cadres", replace(ALL, region_codes=("HC01",)), 30, "cadre_no", ["C1", "C2", "C3"]),  # with its park
        ("visits.cadres", replace(ALL, department_names=(D2,)), 30, "cadre_no", ["C2", "C4"]),
        ("visits.enterprises", ALL, 30, "enterprise", [E4, E3, E2, E1]),  # by name
        ("visits.enterprises", replace(ALL, region_codes=("HCP1",)), 30, "enterprise", [E2]),  # C3's
        ("visits.visited", YEAR, 30, "enterprise", [E3, E2, E1]),  # E4 never visited
        ("visits.visited", Q3, 30, "enterprise", [E2, E1]),  # E3 only in June
        ("visits.visited", replace(YEAR, department_names=(D2,)), 30, "enterprise", [E3, E1]),  # C2 → E1, C4 → E3, E4
        ("visits.unvisited", ALL, 30, "enterprise", [E4, E3, E2, E1]),  # nothing after 09-15 by today
        ("visits.unvisited", ALL, 40, "enterprise", [E4, E3, E1]),  # V3 on 09-10 is within 40 days (after 09-05)
        ("visits.unvisited", ALL, 71, "enterprise", [E4, E3, E1]),  # the window starts after 08-05: V2 is out
        ("visits.unvisited", ALL, 72, "enterprise", [E4, E3]),  # … and in with one day more
        ("observers.leads", ALL, 30, "ticket_no", ["A2", "A4", "A6", "A8", "A9"]),
        ("observers.leads", Q3, 30, "ticket_no", ["A2", "A4", "A8", "A9"]),
        ("observers.leads", replace(ALL, region_codes=("HC02",)), 30, "ticket_no", ["A4", "A8"]),
        ("observers.solved", ALL, 30, "ticket_no", ["A4", "A6", "A9"]),
        ("observers.solved", Q3, 30, "ticket_no", ["A4", "A9"]),
        ("evaluation.areas", ALL, 30, "area", ["开办企业", "获得电力", "纳税", "政务服务"]),  # framework order
        ("evaluation.ranks", ALL, 30, "report_period", ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]),
        ("economy.indicators", ALL, 30, "metric", ["地区生产总值", "规上工业增加值增速", "固定资产投资",
                                                    "社会消费品零售总额"]),
        ("economy.behind", ALL, 30, "metric", ["地区生产总值"]),  # 780 of 1000; 7.2 ≥ 6.5, 300 ≥ 280, no target
        ("economy.behind", replace(ALL, region_codes=("HC01",)), 30, "metric", ["地区生产总值"]),  # 200 of 250
    ],
)  # fmt: skip
def test_rows_behind_each_count(metric_conn, key, scope, days, column, expected) -> None:  # type: ignore[no-untyped-def]
    assert rows(metric_conn, scope, key, days)[column].tolist() == expected


def test_cadre_rows_carry_their_work_and_no_name(metric_conn) -> None:  # type: ignore[no-untyped-def]
    frame = rows(metric_conn, Q3, "visits.cadres")
    # C1: E1, E2 assigned; Q3 visits V1, V2 (last 08-05); C2: V6 is after today; C4: V5 in Q3 (V4 in June)
    assert frame[["cadre_no", "enterprises", "visits"]].values.tolist() == [
        ["C1", 2, 2],
        ["C2", 1, 0],
        ["C4", 2, 1],
        ["C3", 1, 1],
    ]
    assert [str(d) if d else None for d in frame["last_visited_on"]] == ["2026-08-05", None, "2026-07-20", "2026-09-10"]
    assert "name" not in frame.columns


def test_enterprise_rows_count_cadres_and_visits(metric_conn) -> None:  # type: ignore[no-untyped-def]
    frame = rows(metric_conn, Q3, "visits.enterprises").set_index("enterprise")
    # E1: C1, C2; Q3 visits V1, V2, V5 (by C4, who is not its cadre); E3: visited only in June
    assert frame.loc[E1, ["cadres", "visits"]].tolist() == [2, 3]
    assert frame.loc[E3, ["cadres", "visits"]].tolist() == [1, 0]
    assert str(frame.loc[E3, "last_visited_on"]) == "2026-06-15"


@pytest.mark.parametrize(
    "scope", [ALL, YEAR, Q3, replace(YEAR, region_codes=("HC01",)), replace(Q3, department_names=(D2,))]
)
def test_counts_are_the_metric_layers(metric_conn, scope) -> None:  # type: ignore[no-untyped-def]
    def n(key: str, days: int = 30) -> int:
        return len(rows(metric_conn, scope, key, days))

    coverage = visits.visit_coverage(metric_conn, scope)
    assert (n("visits.visited"), n("visits.enterprises")) == (coverage.numerator, coverage.denominator)
    assert n("visits.cadres") == visits.cadre_count(metric_conn, scope)
    for days in (30, 40, 72):
        assert n("visits.unvisited", days) == visits.unvisited_enterprises(metric_conn, scope, days).numerator
    leads = appeals.observer_leads(metric_conn, scope)
    assert (n("observers.leads"), n("observers.solved")) == (leads.leads, leads.solved)
    assert n("evaluation.areas") == len(evaluation.area_table(metric_conn))
    table = economy.econ_table(metric_conn, scope)
    assert (n("economy.indicators"), n("economy.behind")) == (len(table), int(economy.behind_target(table).sum()))


def test_evaluation_rows(metric_conn) -> None:  # type: ignore[no-untyped-def]
    ranks = rows(metric_conn, ALL, "evaluation.ranks")
    # overall 16 → 12 → 10 → 6; 重点指标领域 9 (2026Q2) → 5 (2026Q3)
    assert ranks["overall_rank"].tolist() == [16, 12, 10, 6]
    assert ranks["overall_movement"].fillna(0).tolist() == [0, 4, 2, 4]
    assert ranks["key_rank"].fillna(0).tolist() == [0, 0, 9, 5]
    areas = rows(metric_conn, ALL, "evaluation.areas").set_index("area")
    assert areas["movement"].fillna(0).to_dict() == {"开办企业": 2, "获得电力": -2, "纳税": -6, "政务服务": 0}
    assert set(areas["report_period"]) == {"2026Q3"}


def test_economy_rows_in_percent(metric_conn) -> None:  # type: ignore[no-untyped-def]
    frame = rows(metric_conn, ALL, "economy.indicators").set_index("metric")
    assert frame.loc["地区生产总值", "completion"] == 78.0  # 780 ÷ 1000
    assert frame.loc["规上工业增加值增速", "completion"] == 110.8  # 7.2 ÷ 6.5


def test_no_personal_data_in_the_rows(metric_conn) -> None:  # type: ignore[no-untyped-def]
    """No column of the personal ones, and no cadre's or contact's name anywhere in a cell."""
    names = Scrubber(["干部甲", "干部乙", "干部丙", "干部丁", "张三"])
    for key in SUBJECT_KEYS:
        frame = rows(metric_conn, ALL, key)
        assert not set(drilldown.PERSONAL) & set(frame.columns), key
        for value in map(str, frame.to_numpy().ravel()):
            assert names.text(value) == value, (key, value)


def test_rows_stream_and_are_labelled(metric_conn) -> None:  # type: ignore[no-untyped-def]
    for key in SUBJECT_KEYS:
        whole = rows(metric_conn, ALL, key)
        chunks = list(drilldown.row_chunks(metric_conn, ALL, key, RULE, size=2))
        assert sum(len(c) for c in chunks) == len(whole), key
        assert all(list(c.columns) == list(whole.columns) for c in chunks), key
        assert all(c in drilldown.LABELS for c in whole.columns), (
            key,
            [c for c in whole.columns if c not in drilldown.LABELS],
        )
        assert drilldown.measure(key).label == drilldown.subjects.MEASURE_LABELS[key]


def test_grid_limit_applies(metric_conn) -> None:  # type: ignore[no-untyped-def]
    assert drilldown.rows(metric_conn, ALL, "observers.leads", RULE, limit=2)["ticket_no"].tolist() == ["A2", "A4"]
    assert len(drilldown.rows(metric_conn, ALL, "evaluation.areas", RULE, limit=3)) == 3


@pytest.mark.parametrize("scope", [ALL, Q3, replace(YEAR, region_codes=("HC01",))])
def test_counts_by_department_are_the_narrowed_counts(metric_conn, scope) -> None:  # type: ignore[no-untyped-def]
    """Each department's count is what the drill-down opens for that department (an enterprise served by cadres
    of two departments counts in both)."""
    for key in SUBJECT_KEYS:
        by_department = drilldown.count_by_department(metric_conn, scope, key, unvisited_days=40)
        for name, n in by_department.items():
            narrowed = replace(scope, department_names=(name,))
            assert n == len(rows(metric_conn, narrowed, key, 40)) > 0, (key, name)
    # ALL: E1 is served by C1 (市数据资源局) and C2 (市税务局); 市税务局 also by C4: E1, E3, E4
    enterprises = drilldown.count_by_department(metric_conn, ALL, "visits.enterprises")
    assert enterprises == {"市数据资源局": 2, "市税务局": 3, "市住房城乡建设局": 1}
    observers = drilldown.count_by_department(metric_conn, ALL, "observers.leads")
    assert observers == {"市数据资源局": 2, "市税务局": 2, "市住房城乡建设局": 1}  # A2, A9; A4, A8; A6
    assert drilldown.count_by_department(metric_conn, ALL, "economy.indicators") == {}
