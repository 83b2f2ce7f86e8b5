"""The meeting view's subject sections (its 轮播 mode): every figure and panel of the page belongs to exactly one
section, and each section gathers what its subject is about. The browser tier (tests/browser/
test_meeting_rotation.py) shows them one at a time."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from callbacks.filters import Filters
from callbacks.meeting_view import collect
from config import load_settings
from data.metrics.catalogue import metric
from layouts.meeting import meeting_body
from layouts.meeting_sections import SECTIONS, rotation_config, section_class
from tests.fixtures_metrics import TODAY

SETTINGS = load_settings(environ={})


def _section_of(component: Any) -> list[str]:
    return [c.removeprefix("bm-sec-") for c in component.className.split() if c.startswith("bm-sec-")]


def _titles(component: Any) -> str:
    """The visible label of a KPI tile or the tab of a panel."""
    first = component.children[0]
    return first.children if isinstance(first.children, str) else first.children.children


def test_every_figure_and_panel_is_in_exactly_one_section(metric_conn) -> None:  # type: ignore[no-untyped-def]
    view = collect(metric_conn, Filters.of("year"), SETTINGS, datetime.combine(TODAY, time(12)))
    kpis, grid = meeting_body(view)
    items = [*kpis.children, *grid.children]
    by_section: dict[str, list[str]] = {}
    for item in items:
        (key,) = _section_of(item)
        by_section.setdefault(key, []).append(_titles(item))
    assert by_section == {
        "appeals": [
            "企业诉求",
            "按时办结率",
            "满意率",
            "企业诉求 · 按承办单位",
            "企业诉求 · 按县区园区",
            "企业诉求月度趋势",
            "企业诉求 · 解决率 · 响应率 · 重复诉求率 · 三率",
        ],
        "clearance": ["清障销号率", "清障行动 · 按责任单位"],
        "visits": ["驻企服务"],
        "observers": ["亲清观察员"],
        "rankings": ["全省营商环境评价"],
        "economy": ["经济指标"],
        "projects": ["为企办实事", "为企办实事 · 红黄绿灯与判定依据", "为企办实事 · 红黄绿灯按牵头单位、县区"],
        "key_projects": ["重点项目", "重点项目 · 红黄绿灯与判定依据", "重点项目 · 红黄绿灯按牵头单位、县区"],
        "reviews": ["差评", "好差评 · 差评与整改"],
        "refusals": ["对企业说“不”", "对企业说“不” · 提级复核"],
        "awards": ["骏马奖 · 蜗牛奖候选"],
        "reforms": ["对标提升清单 · 微改革（红黄绿灯按倒排工期规则）"],
        "squads": ["为企服务专班"],
        "clean_wind": ["清风行动（问题整改率 —）"],
        "services": ["一件事一次办", "一件事一次办 · 按牵头单位"],
    }
    assert set(by_section) == {s.key for s in SECTIONS}  # every section has something to show


def test_sections_reach_the_browser_in_the_shape_of_the_wall_rotation() -> None:
    assert rotation_config(12) == {
        "pages": [{"name": s.key, "title": s.title, "dwell": 12} for s in SECTIONS],
    }
    assert [s.title for s in SECTIONS] == [
        "企业诉求", "为企办实事", "重点项目", "清障行动", "驻企服务", "亲清观察员", "全省营商环境评价", "好差评",
        "对企业说“不”", "骏马奖 · 蜗牛奖", "对标提升微改革", "为企服务专班", "清风行动", "一件事一次办", "经济指标",
    ]  # fmt: skip
    assert section_class("squads.cases") == "bm-sec bm-sec-squads"
    assert section_class("key_projects.red") == "bm-sec bm-sec-key_projects"
    assert section_class("refusals.not_escalated") == "bm-sec bm-sec-refusals"
    assert section_class("department.score") == ""


def test_the_appeals_section_shows_the_report_rates_each_with_its_basis(metric_conn) -> None:  # type: ignore[no-untyped-def]
    view = collect(metric_conn, Filters.of("year"), SETTINGS, datetime.combine(TODAY, time(12)))
    # 2026 as of 10-15 12:00 — 解决率: revisited A1,A2,A4,A5,A6,A8,A9, 已解决 A1,A4,A5,A6,A9 → 5/7;
    # 响应率: 24 h passed for all but A7 (received 10-15 09:00) → 8, within 24 h 6 → 6/8; 重复诉求率 A3, A5 of 9;
    # 三率 = 0.30·6/8 + 0.35·5/7 + 0.35·3/6 = 0.65
    assert [(k.label, k.value, k.unit, k.status) for k in view.appeal_rates] == [
        ("企业诉求解决率", "71.4", "%", "red"),
        ("响应率", "75.0", "%", "red"),
        ("重复诉求率", "22.2", "%", None),
        ("三率综合", "65.0", "分", None),
    ]
    resolution = view.appeal_rates[0].basis
    assert resolution[0] == f"指标：{metric('resolution_rate').name}"  # the catalogue's entry
    assert resolution[1] == "口径：企业诉求解决率 = 回访结果为“已解决”的诉求 ÷ 本期回访、且给出办理结果的诉求。"
    assert resolution[1] == f"口径：{metric('resolution_rate').caliber}"  # the definition's own paragraph
    assert resolution[2:] == ("分子 5 ÷ 分母 7", "期间 2026-01-01 至 2026-10-15，截至 2026-10-15 12:00")
    assert view.appeal_rates[3].basis[2] == "权重 响应率 0.3、解决率 0.35、满意率 0.35；响应时限 24 小时"
    received = view.kpis[0]
    assert received.basis[0] == "指标：受理企业诉求" and received.basis[2] == "计数 9 件"
