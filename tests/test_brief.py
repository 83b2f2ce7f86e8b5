"""The meeting brief and the rows behind every figure: each measure's rows are exactly its count and the metric's
own count; the brief's PDF carries Chinese text in an embedded font; its Excel neutralises formula cells; the
downloads need a leader's session."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app import create_app
from auth.users import add_account
from config import load_settings
from data import drilldown
from data.brief import Brief, Section, Subject, build_brief
from data.metrics import appeals, clearance, refusals
from data.metrics.projects import rag_counts
from exports.brief_pdf import brief_pdf
from exports.brief_xlsx import brief_xlsx
from exports.cells import neutralise, sheet_value
from tests.auth_client import login
from tests.brief_workbook import table_rows
from tests.fixtures_metrics import ALL, Q3, YEAR
from tests.store_fixtures import fresh_store

SETTINGS = load_settings(environ={})
RULE = SETTINGS.rag


@pytest.fixture(scope="module")
def font_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("fonts")


@pytest.mark.parametrize("scope", [ALL, YEAR, Q3], ids=["all", "year", "q3"])
def test_every_measure_has_exactly_its_count_of_rows(metric_conn, scope) -> None:  # type: ignore[no-untyped-def]
    for key in drilldown.MEASURES:
        rows = drilldown.rows(metric_conn, scope, key, RULE)
        assert len(rows) == drilldown.count(metric_conn, scope, key, RULE), key


def test_every_measure_streams_its_rows(programme_conn) -> None:  # type: ignore[no-untyped-def]
    """The row export (``row_chunks``) of every measure, the programmes' too, is exactly ``rows``."""
    for key in drilldown.MEASURES:
        streamed = pd.concat(list(drilldown.row_chunks(programme_conn, ALL, key, RULE)), ignore_index=True)
        assert len(streamed) == drilldown.count(programme_conn, ALL, key, RULE), key
        assert list(streamed.columns) == list(drilldown.rows(programme_conn, ALL, key, RULE).columns), key


@pytest.mark.parametrize("scope", [ALL, YEAR, Q3], ids=["all", "year", "q3"])
def test_rows_match_the_metric_layer(metric_conn, scope) -> None:  # type: ignore[no-untyped-def]
    def n(key: str) -> int:
        return len(drilldown.rows(metric_conn, scope, key, RULE))

    on_time = appeals.on_time_rate(metric_conn, scope)
    assert n("appeals.received") == appeals.appeal_count(metric_conn, scope)
    assert (n("appeals.on_time"), n("appeals.due")) == (on_time.numerator, on_time.denominator)
    assert n("appeals.rated") == appeals.satisfaction_rate(metric_conn, scope).denominator
    cleared = clearance.clearance_close_rate(metric_conn, scope)
    assert (n("clearance.closed"), n("clearance.found")) == (cleared.numerator, cleared.denominator)
    assert n("clearance.overdue") == len(clearance.overdue_issues(metric_conn, scope))
    assert n("refusals.all") == refusals.refusal_count(metric_conn, scope)
    colours = rag_counts(metric_conn, scope, RULE)
    assert {s: n(f"projects.{s}") for s in colours} == colours


def test_rows_by_department_add_up(metric_conn) -> None:  # type: ignore[no-untyped-def]
    for key in ("appeals.received", "appeals.due", "clearance.found", "reviews.bad"):
        by_department = drilldown.count_by_department(metric_conn, ALL, key)
        assert sum(by_department.values()) == drilldown.count(metric_conn, ALL, key, RULE), key
        for name, count in by_department.items():
            narrowed = replace(ALL, department_names=(name,))
            assert drilldown.count(metric_conn, narrowed, key, RULE) == count, (key, name)


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x"])
def test_formula_like_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert sheet_value(text) == "'" + text
    assert sheet_value("淮川区") == "淮川区" and sheet_value(12) == 12 and sheet_value(None) == ""


def _brief() -> Brief:
    rows = ({"name": '=HYPERLINK("http://x","点我")', "department": "@市税务局", "reasons": "-落后 12 个百分点"},)
    section = Section(
        "红灯、黄灯项目", (("name", "项目名称"), ("department", "牵头单位"), ("reasons", "判定依据")), rows
    )
    subject = Subject("为企办实事", (("差额", "-3 项"),), (section,))
    return Brief("淮川市 · 调度清单", datetime(2026, 11, 27, 8, 0), datetime(2026, 11, 27, 9, 30), "2026Q4", (subject,))


def test_excel_brief_neutralises_formula_cells() -> None:
    book = load_workbook(io.BytesIO(brief_xlsx(_brief())))
    sheet = book["为企办实事"]
    # title, the figure, a blank row, the table's title, its (empty) note, its header, its row
    assert [c.value for c in sheet[2]][:2] == ["差额", "'-3 项"]
    assert sheet["A4"].value == "红灯、黄灯项目" and sheet["A6"].value == "项目名称"
    values = [c.value for c in sheet[7]]
    assert values == ['\'=HYPERLINK("http://x","点我")', "'@市税务局", "'-落后 12 个百分点"]
    assert all(c.data_type == "s" for c in sheet[7])
    assert table_rows(book, "红灯、黄灯项目") == [tuple(values)]
    assert book["概况"]["B2"].value == "2026-11-27 08:00"
    assert [c.value for c in book["概况"][7]] == ["为企办实事", "差额", "'-3 项"]


def test_pdf_brief_has_chinese_text_in_an_embedded_font(metric_conn, font_cache) -> None:  # type: ignore[no-untyped-def]
    content = build_brief(metric_conn, Q3, SETTINGS, "2026Q3 · 全部县区园区", datetime(2026, 10, 15, 9, 0))
    reader = PdfReader(io.BytesIO(brief_pdf(content, font_cache)))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("调度清单", "筛选条件：2026Q3", "主要指标", "按时办结率", "红灯、黄灯项目", "骏马奖 / 蜗牛奖候选"):
        assert expected in text, expected
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    descriptors = [f["/FontDescriptor"] for f in fonts if "/FontDescriptor" in f]
    assert descriptors and all("/FontFile2" in d for d in descriptors)  # embedded TrueType, not a substitute


def test_brief_lists_match_the_page_counts(metric_conn) -> None:  # type: ignore[no-untyped-def]
    content = build_brief(metric_conn, ALL, SETTINGS, "全部", datetime(2026, 10, 15, 9, 0))
    by_title = {s.title: s for s in content.sections}
    overdue = by_title["逾期未办结企业诉求（按承办单位）"]
    assert len(overdue.rows) == drilldown.count(metric_conn, ALL, "appeals.overdue", RULE)
    flagged = by_title["红灯、黄灯项目（卡点与责任单位）"]
    colours = rag_counts(metric_conn, ALL, RULE)
    assert len(flagged.rows) == colours["red"] + colours["yellow"]
    assert all(row["word"] in ("受阻", "相对迟缓") and row["department"] for row in flagged.rows)


def test_brief_downloads_need_a_leader(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    add_account(store, "lead", "leader", "leader-pass-1")
    client = create_app(settings, store).server.test_client()
    for path in ("/download/brief.xlsx?kind=quarter", "/download/rows.csv?measure=appeals.due"):
        assert client.get(path).status_code == 403
    login(client, "lead", "leader-pass-1")
    response = client.get("/download/brief.xlsx?kind=quarter")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = client.get("/download/rows.csv?measure=appeals.due")
    assert rows.status_code == 200 and rows.data.startswith("\ufeff".encode()) and "诉求编号" in rows.data.decode()
    assert client.get("/download/rows.csv?measure=nope").status_code == 404
    for key in ("reforms.all", "services.all", "squads.cases", "clean_wind.all"):  # the programmes' rows export too
        programme = client.get(f"/download/rows.csv?measure={key}")
        assert programme.status_code == 200 and programme.data.startswith("\ufeff".encode()), key
    header = client.get("/download/rows.csv?measure=reforms.all").data.decode("utf-8-sig").splitlines()[0]
    assert "措施编号" in header and "状态" in header and "办理状态" not in header  # the word, not the colour code
    store.dispose()


def test_the_brief_is_a_bounded_summary_with_the_rest_in_the_row_export(metric_conn) -> None:  # type: ignore[no-untyped-def]
    def link(key: str) -> str:
        return f"http://battlemap.example/download/rows.csv?measure={key}"

    full = build_brief(metric_conn, ALL, SETTINGS, "全部", datetime(2026, 10, 15, 9, 0))
    capped = build_brief(metric_conn, ALL, SETTINGS, "全部", datetime(2026, 10, 15, 9, 0), max_rows=1, rows_link=link)
    assert full.headline == capped.headline
    title = "逾期未销号清障问题（按责任单位）"
    total = drilldown.count(metric_conn, ALL, "clearance.overdue", RULE)
    assert total >= 2
    section = next(s for s in capped.sections if s.title == title)
    assert len(section.rows) == 1
    by_department = drilldown.count_by_department(metric_conn, ALL, "clearance.overdue")
    assert section.note.startswith(f"共 {total} 条。按部门：")
    assert all(f"{name} {n} 件" in section.note for name, n in by_department.items())
    assert f"本表列出前 1 条，另有 {total - 1} 条，见行导出 {link('clearance.overdue')}" in section.note
    assert "另有" not in next(s for s in full.sections if s.title == title).note
