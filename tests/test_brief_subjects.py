"""The brief has a chapter for every subject of the battle map, and each chapter's figures and tables are the metric
layer's, worked out by hand on tests/fixtures_metrics.py (as of 2026-10-15, period Q3); the PDF and the workbook
carry every chapter and table title; the tables stay cut at the cap."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from config import load_settings
from data.brief import SUBJECTS, build_brief
from data.brief_model import by_department
from data.metrics import appeals, clearance, economy, evaluation, refusals, reviews, visits
from exports.brief_pdf import brief_pdf, chinese_numeral
from exports.brief_xlsx import brief_xlsx
from layouts.meeting_sections import SECTIONS
from tests.brief_workbook import figures, table_rows
from tests.fixtures_metrics import ALL, Q3

SETTINGS = replace(load_settings(environ={}), unvisited_days=60)
NOW = datetime(2026, 10, 15, 9, 0)


@pytest.fixture(scope="module")
def brief(metric_db):  # type: ignore[no-untyped-def]
    with metric_db.read() as conn:
        return build_brief(conn, Q3, SETTINGS, "2026Q3", NOW)


def _subject(brief, title):  # type: ignore[no-untyped-def]
    return next(s for s in brief.subjects if s.title == title)


def _figures(brief, title) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(_subject(brief, title).figures)


def _table(brief, title):  # type: ignore[no-untyped-def]
    return next(s for s in brief.sections if s.title == title)


def test_every_subject_of_the_battle_map_is_a_chapter(brief) -> None:  # type: ignore[no-untyped-def]
    assert [s.title for s in brief.subjects] == [
        "企业诉求", "为企办实事 · 重点项目", "清障行动", "驻企服务", "亲清观察员", "全省营商环境评价", "好差评",
        "对企业说“不”", "一件事一次办", "经济指标", "骏马奖 · 蜗牛奖", "对标提升微改革", "为企服务专班", "清风行动",
    ]  # fmt: skip
    assert [title for title, _build in SUBJECTS] == [s.title for s in brief.subjects]
    assert all(s.figures for s in brief.subjects)
    assert brief.headline == tuple(f for s in brief.subjects for f in s.figures)


def test_appeals_chapter(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "企业诉求")
    assert figures["受理企业诉求"] == f"{appeals.appeal_count(metric_conn, Q3)} 件" == "7 件"
    resolved = appeals.resolution_rate(metric_conn, Q3)
    assert figures["企业诉求解决率"] == f"{resolved.value:.1%}（3 / 4） 未达标" == "75.0%（3 / 4） 未达标"
    by_region = _table(brief, "企业诉求（按县区、园区）")
    expected = appeals.appeals_by(metric_conn, Q3, "region")
    assert [(r["name"], r["received"], r["due"]) for r in by_region.rows] == list(
        zip(expected["name"], expected["received"], expected["due"], strict=True)
    )
    assert by_region.rows[0] == {
        "name": "淮川区", "received": 4, "due": 4, "closed_on_time": 3, "on_time_rate": "75.0%",
        "satisfaction_rate": "33.3%",
    }  # fmt: skip
    assert len(_table(brief, "企业诉求（按承办单位）").rows) == len(appeals.appeals_by(metric_conn, Q3, "department"))


def test_projects_chapter_has_both_kinds(brief) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "为企办实事 · 重点项目")
    assert figures == {"为企办实事": "受阻 2 · 相对迟缓 1 · 进展顺利 1", "重点项目": "受阻 0 · 相对迟缓 1 · 进展顺利 0"}
    key = _table(brief, "重点项目：红灯、黄灯项目")
    assert [(r["word"], r["name"]) for r in key.rows] == [("相对迟缓", "物流园道路")]
    assert key.rows[0]["override"] == "人工认定（已协调解决，待复工）"


def test_clearance_chapter(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "清障行动")
    on_schedule = clearance.on_schedule_close_rate(metric_conn, Q3)
    assert figures["按期销号率"] == "25.0%（1 / 4）" and (on_schedule.numerator, on_schedule.denominator) == (1, 4)
    assert figures["三张清单"] == "全量问题清单 3 项 → 分类整改清单 3 项 → 逐批销号清单 1 项"
    groups = _table(brief, "清障问题（按专项行动组）").rows
    assert [(r["name"], r["total"], r["closed"], r["close_rate"], r["overdue"]) for r in groups] == [
        ("惠企政策落地", 2, 1, "50.0%", 1),
        ("行政审批提速", 1, 0, "0.0%", 1),
    ]


def test_visits_chapter_counts_enterprises_not_visited_by_grid_cell(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "驻企服务")
    # cadres C1–C4; Q3 coverage: E1, E2 of E1–E4; problems V1, V2, V3, V5: 2+1+1+0 solved of 3+1+2+1
    assert figures["驻企干部"] == "4 名"
    assert figures["走访覆盖率"] == "50.0%（2 / 4） 未达标"
    assert figures["问题化解率"] == "57.1%（4 / 7）"
    # 60 days back from 10-15: only E2 (09-10) was visited since 08-16
    unvisited = visits.unvisited_enterprises(metric_conn, Q3, 60)
    assert (unvisited.numerator, unvisited.denominator) == (3, 4)
    assert figures["60 天未走访企业"] == "3 家 / 包联 4 家（75.0%）"
    grid = _table(brief, "县区 · 园区服务网格")
    assert dict(grid.columns)["unvisited"] == "60 天未走访企业"
    assert [(r["name"], r["cadres"], r["enterprises_assigned"], r["coverage"], r["unvisited"]) for r in grid.rows] == [
        ("淮川区", 2, 2, "100.0%", 1),
        ("东湖区", 1, 2, "0.0%", 2),
        ("淮川经济技术开发区", 1, 1, "100.0%", 0),
    ]


def test_observer_chapter(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    leads = appeals.observer_leads(metric_conn, Q3)
    # Q3 leads through 亲清观察员: A2, A4, A8, A9 (A6 came in June)
    assert (leads.leads, leads.solved) == (4, 2)
    assert _figures(brief, "亲清观察员") == {
        "亲清观察员线索": "4 条，已解决 2 条",
        "观察员线索解决率": "50.0%（2 / 4）",
        "观察员线索满意率": "100.0%（1 / 1）",
    }


def test_evaluation_chapter_has_both_rank_trends_and_every_area(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "全省营商环境评价")
    assert figures["全省营商环境评价排名"] == "第 6 名 / 16（2026Q3，较上期上升 4）；16→12→10→6"
    assert figures["重点指标领域排名"] == "第 5 名 / 16（2026Q3，较上期上升 4）；9→5"
    trend = _table(brief, "排名走势（综合与重点指标领域）").rows
    assert [(r["period"], r["overall_rank"], r["key_rank"]) for r in trend] == [
        ("2025Q4", 16, None), ("2026Q1", 12, None), ("2026Q2", 10, 9), ("2026Q3", 6, 5),
    ]  # fmt: skip
    assert trend[1]["overall_movement"] == "上升 4" and trend[3]["key_movement"] == "上升 4"
    areas = _table(brief, "4 个评价领域得分与排名")
    assert len(areas.rows) == len(evaluation.area_table(metric_conn))
    assert [(r["name"], r["rank"], r["previous_rank"], r["movement"]) for r in areas.rows] == [
        ("开办企业", 3, 5, "上升 2"), ("获得电力", 12, 10, "下降 2"), ("纳税", 14, 8, "下降 6"),
        ("政务服务", None, 4, ""),
    ]  # fmt: skip
    assert areas.note.startswith("本期 2026Q3，较 2026Q2：上升 1 个、下降 2 个、持平 0 个；")
    assert areas.note.endswith("排名靠后（对标提升）：「纳税」「获得电力」「开办企业」")


def test_reviews_chapter(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "好差评")
    # Q3 reviews R1–R7, R9, R11: 好评 R1, R2; 差评 R4, R5, R6, R7, R9, R11
    assert figures["好评率"] == "22.2%（2 / 9） 未达标"
    assert figures["差评"] == "6 条，差评率 66.7%（6 / 9）"
    rectified = reviews.bad_review_rectify_rate(metric_conn, Q3)
    assert (
        figures["差评整改率"] == f"{rectified.value:.1%}（{int(rectified.numerator)} / {int(rectified.denominator)}）"
    )
    months = _table(brief, "差评月度走势与整改")
    assert [(r["month"], r["bad"], r["rectified"]) for r in months.rows] == [
        ("2026-07", 2, 1), ("2026-08", 2, 1), ("2026-09", 2, 0),
    ]  # fmt: skip
    assert months.note.endswith("差评按部门：市税务局 3 件；市住房城乡建设局 2 件；供电公司 1 件")


def test_refusals_chapter_says_the_escalation_status(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "对企业说“不”")
    # Q3: F1–F5; escalated before the enterprise was told: F1, F4 (not told), F5 (same day); overturned F2, F4
    assert figures["对企业说“不”"] == f"{refusals.refusal_count(metric_conn, Q3)} 件" == "5 件"
    assert figures["说“不”提级率"] == "60.0%（3 / 5）"
    assert figures["说“不”未提级"] == "2 件"
    decisions = _table(brief, "说“不”提级复核结果").rows
    assert [(r["decision"], r["refusals"]) for r in decisions] == [
        ("维持", 1), ("改为支持", 1), ("协调办理", 1), ("指引", 1), ("待复核", 1),
    ]  # fmt: skip
    assert [r["refusal_no"] for r in _table(brief, "对企业说“不”未提级").rows] == ["F2", "F3"]


def test_economy_chapter_is_against_target(brief, metric_conn) -> None:  # type: ignore[no-untyped-def]
    table = economy.econ_table(metric_conn, Q3)
    assert _figures(brief, "经济指标") == {"主要经济指标": "4 项（有目标 3 项）"}
    rows = _table(brief, "主要经济指标（对照目标）").rows
    assert [r["metric"] for r in rows] == list(table["metric"])
    # 地区生产总值 780 of 1000; 规上工业增加值增速 7.2 of 6.5; 社会消费品零售总额 has no target
    assert [r["completion"] for r in rows] == ["78.0%", "110.8%", "107.1%", "—"]
    assert "word" not in dict(_table(brief, "主要经济指标（对照目标）").columns)  # no econ_completion threshold


def test_awards_chapter_names_the_candidates(brief) -> None:  # type: ignore[no-untyped-def]
    figures = _figures(brief, "骏马奖 · 蜗牛奖")
    table = _table(brief, "骏马奖 / 蜗牛奖候选")
    horses = [r["department"] for r in table.rows if r["award"] == "骏马奖"]
    assert figures["骏马奖候选"] == "、".join(horses) and horses
    assert figures["蜗牛奖候选"] == "无"


def test_pdf_and_workbook_carry_every_chapter_and_table(brief, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(brief_pdf(brief, tmp_path / "fonts")))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for number, subject in enumerate(brief.subjects, start=2):
        assert f"{chinese_numeral(number)}、{subject.title}" in text, subject.title
        for index, section in enumerate(subject.sections, start=1):
            assert f"（{chinese_numeral(index)}）{section.title}" in text, section.title
    assert "60 天未走访企业" in text and "第 6 名 / 16" in text
    book = load_workbook(io.BytesIO(brief_xlsx(brief)))
    assert len(book.sheetnames) == 1 + len(brief.subjects)
    for subject, sheet in zip(brief.subjects, book.worksheets[1:], strict=True):
        cells = {c.value for row in sheet.iter_rows() for c in row if c.value is not None}
        assert subject.title in cells and {s.title for s in subject.sections} <= cells, subject.title
        assert {label for label, _value in subject.figures} <= cells
        for section in subject.sections:
            assert len(table_rows(book, section.title)) == len(section.rows), section.title
    assert figures(book) == dict(brief.headline)
    summary = [[c.value for c in row] for row in book["概况"].iter_rows(min_row=7)]
    assert [(s, label) for s, label, _v in summary] == [(s.title, f[0]) for s in brief.subjects for f in s.figures]


def test_every_meeting_section_is_in_the_brief(brief, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The brief (PDF and Excel) carries every section of the meeting view, named as the meeting view names it."""
    reader = PdfReader(io.BytesIO(brief_pdf(brief, tmp_path / "fonts")))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    book = load_workbook(io.BytesIO(brief_xlsx(brief)))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    for section in SECTIONS:
        assert section.title in text, section.title
        assert any(section.title in cell for cell in cells), section.title


def test_chinese_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 9, 10, 11, 15, 20, 21, 99)] == [
        "一", "九", "十", "十一", "十五", "二十", "二十一", "九十九",
    ]  # fmt: skip


def test_every_table_stays_cut_at_the_cap(metric_conn) -> None:  # type: ignore[no-untyped-def]
    full = build_brief(metric_conn, ALL, SETTINGS, "全部", NOW)
    capped = build_brief(metric_conn, ALL, SETTINGS, "全部", NOW, max_rows=2)
    assert full.headline == capped.headline
    cut = 0
    for whole, part in zip(full.sections, capped.sections, strict=True):
        assert len(part.rows) == min(2, len(whole.rows)), part.title
        if len(whole.rows) > 2:
            cut += 1
            assert f"本表列出前 2 条，另有 {len(whole.rows) - 2} 条" in part.note, part.title
        else:
            assert "另有" not in part.note, part.title
    assert cut >= 5


def test_a_note_names_the_departments_with_most_first() -> None:
    counts = {"市税务局": 3, "供电公司": 1, "市数据资源局": 2}
    assert by_department(counts) == "市税务局 3 件；市数据资源局 2 件；供电公司 1 件"
    assert by_department(counts, 2) == "市税务局 3 件；市数据资源局 2 件 等 3 个部门"
    assert by_department({}) == "无"
