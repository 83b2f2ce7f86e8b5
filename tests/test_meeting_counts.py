"""The meeting view's count sections (为企办实事 and 重点项目 by colour, 好差评, 对企业说“不”, 一件事一次办) on
tests/fixtures_metrics.py, period Q3 as of 2026-10-15: every cell of every breakdown is the count of its
drill-down measure for the scope narrowed to its row, so a click opens exactly that many rows; the figures are
the metric layer's, worked by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from callbacks.meeting_counts import count_sections
from config import RegionConfig, load_settings
from data import drilldown
from data import drilldown_breakdown as breakdown
from tests.fixtures_metrics import ALL, D1, D2, D3, D4, Q3, REGIONS, YEAR

REGION_CONFIG = tuple(
    RegionConfig(r["code"], r["name"], r["type"], r["parent_code"]) for r in REGIONS if r["type"] != "city"
)
SETTINGS = replace(load_settings(environ={}), regions=REGION_CONFIG)


def _table(rows: tuple[breakdown.CountRow, ...], key: str) -> list[tuple[str, int]]:
    return [(r.name, r.counts[key]) for r in rows]


@pytest.mark.parametrize("scope", [ALL, YEAR, Q3], ids=["all", "year", "q3"])
def test_every_cell_opens_exactly_its_rows(metric_conn, scope) -> None:  # type: ignore[no-untyped-def]
    sections = count_sections(metric_conn, scope, SETTINGS)
    assert [s.subject for s in sections] == ["projects", "key_projects", "reviews", "refusals", "services"]
    cells = 0
    for section in sections:
        for row in (*section.departments, *(section.regions or ())):
            narrowed = replace(scope, department_names=(row.department,)) if row.department else scope
            narrowed = replace(narrowed, region_codes=(row.region,)) if row.region else narrowed
            for _header, key in section.columns:
                assert row.counts[key] == len(drilldown.rows(metric_conn, narrowed, key, SETTINGS.rag)), (row, key)
                cells += 1
        for figure in section.figures:
            if figure.measure:
                assert figure.value == str(drilldown.count(metric_conn, scope, figure.measure, SETTINGS.rag))
    assert cells > 0


def test_projects_by_lead_department_and_district(metric_conn) -> None:  # type: ignore[no-untyped-def]
    projects, key_projects, *_ = count_sections(metric_conn, Q3, SETTINGS)
    # Q3 为企办实事: P1 (D1, 淮川区), P2 (D2, 东湖区), P3 (D3, 开发区 in 淮川区), P5 (D2, 淮川区); P6 ended in 2025.
    assert sorted(_table(projects.departments, "projects.all")) == sorted([(D1, 1), (D2, 2), (D3, 1)])
    assert _table(projects.regions, "projects.all") == [("淮川区", 3), ("东湖区", 1), ("淮川经济技术开发区（园区）", 1)]
    assert (
        sum(r.counts["projects.red"] for r in projects.departments) == 2
    )  # the brief: 受阻 2 · 相对迟缓 1 · 进展顺利 1
    assert [h for h, _k in projects.columns] == ["受阻", "相对迟缓", "进展顺利", "共"]
    # 重点项目: P4 only (D1, 东湖区), overridden to 相对迟缓
    assert [(r.name, r.counts) for r in key_projects.departments] == [
        (D1, {"key_projects.red": 0, "key_projects.yellow": 1, "key_projects.green": 0, "key_projects.all": 1})
    ]
    assert _table(key_projects.regions, "key_projects.yellow") == [("东湖区", 1)]


def test_reviews_by_department_and_district(metric_conn) -> None:  # type: ignore[no-untyped-def]
    reviews = count_sections(metric_conn, Q3, SETTINGS)[2]
    # Q3 reviews R1–R7, R9, R11; 差评 R4–R7, R9, R11; due and not rectified on time: R5 (late), R9, R11 (not done);
    # R4 on time, R6 ruled mistaken, R7 due after today.
    assert [(r.name, tuple(r.counts.values())) for r in reviews.departments] == [
        (D2, (3, 3, 2)),
        (D1, (3, 0, 0)),
        (D3, (2, 2, 0)),
        (D4, (1, 1, 1)),
    ]
    assert [(r.name, tuple(r.counts.values())) for r in reviews.regions] == [
        ("淮川区", (6, 3, 1)),
        ("东湖区", (3, 3, 2)),
        ("淮川经济技术开发区（园区）", (1, 1, 0)),
    ]
    # 好评率 R1, R2 of 9; 差评整改率 rectified R4, R5 of the due R4, R5, R9, R11
    assert [(f.label, f.value) for f in reviews.figures] == [
        ("评价", "9"), ("好评率", "22.2%"), ("差评", "6"), ("差评整改率", "50.0%"), ("未按期整改", "3"),
    ]  # fmt: skip


def test_refusals_by_department_say_the_escalation_status(metric_conn) -> None:  # type: ignore[no-untyped-def]
    refusals = count_sections(metric_conn, Q3, SETTINGS)[3]
    # Q3 F1–F5; not escalated before the enterprise was told: F2 (escalated after), F3 (never) → 提级率 3/5;
    # 改判 F2 (改为支持), F4 (协调办理) of the decided F1, F2, F4, F5 → 2/4
    assert [(r.name, tuple(r.counts.values())) for r in refusals.departments] == [
        (D1, (2, 1)),
        (D2, (2, 1)),
        (D3, (1, 0)),
    ]
    assert refusals.regions == ()  # the fixture's refusals carry no district
    assert [(f.label, f.value) for f in refusals.figures] == [
        ("说“不”", "5"), ("提级率", "60.0%"), ("改判率", "50.0%"), ("未提级", "2"),
    ]  # fmt: skip


def test_services_by_lead_department_and_no_district(metric_conn) -> None:  # type: ignore[no-untyped-def]
    services = count_sections(metric_conn, Q3, SETTINGS)[4]
    # every service, whatever the period; live = launched by 2026-10-15 (S5 launches on 10-20, S4 and S7 not yet)
    assert [(r.name, tuple(r.counts.values())) for r in services.departments] == [
        (D3, (3, 1)),
        (D1, (2, 2)),
        (D2, (2, 1)),
    ]
    assert services.regions is None  # services are city-wide: no table by district
