"""The meeting view in a real browser, logged in as a leader: a filter changes every panel as the metric layer
says; a clicked figure opens exactly that many rows; the brief's PDF and Excel carry the filtered figures;
screenshots of the meeting and department views."""

from __future__ import annotations

import io
import re
import urllib.request
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from callbacks.filters import Filters
from data import drilldown
from data.clock import local_now
from data.metrics import appeals, clearance
from tests.brief_workbook import figures as brief_figures
from tests.brief_workbook import table_rows
from tests.browser.conftest import login, show, wait_for

pytestmark = pytest.mark.browser


def _digits(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def _kpi_numbers(driver) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The texts of the clickable figures of the top row, by measure (a rate's value and its counts)."""
    script = """
        const out = {};
        for (const b of document.querySelectorAll('.bm-meeting-kpis button.bm-drill')) {
            const key = JSON.parse(b.id).measure;
            (out[key] = out[key] || []).push(b.textContent.trim());
        }
        return out;"""
    return driver.execute_script(script)


def _table_column(driver, panel: str, column: int) -> list[int]:  # type: ignore[no-untyped-def]
    cells = driver.find_elements("css selector", f".{panel} tbody tr td:nth-child({column})")
    return [_digits(c.get_attribute("textContent")) for c in cells]


def _choose_quarter(driver) -> None:  # type: ignore[no-untyped-def]
    driver.find_element("css selector", "#meeting-period-kind input[value='quarter']").click()
    wait_for(driver, lambda d: re.search(r"\d{4}Q\d", d.find_element("id", "meeting-filter-note").text), 40)


def _cookie_header(driver) -> str:  # type: ignore[no-untyped-def]
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def _fetch(driver, url: str) -> bytes:  # type: ignore[no-untyped-def]
    request = urllib.request.Request(url, headers={"Cookie": _cookie_header(driver)})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def _open_meeting(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/")
    wait_for(driver, lambda d: len(_kpi_numbers(d)) >= 15, 60, "the meeting figures never appeared")


def test_a_filter_changes_every_panel_as_the_metric_layer_says(driver, live_server, demo_store, demo_settings):  # type: ignore[no-untyped-def]
    _open_meeting(driver, live_server)
    _choose_quarter(driver)
    scope = Filters.of("quarter").scope(local_now(demo_settings.timezone))
    rule = demo_settings.rag
    with demo_store.read() as conn:
        expected = {key: drilldown.count(conn, scope, key, rule) for key in drilldown.MEASURES}
        on_time = appeals.on_time_rate(conn, scope)
        cleared = clearance.clearance_close_rate(conn, scope)
        huaichuan = drilldown.count(conn, replace(scope, region_codes=("HC01",)), "appeals.received", rule)
    wait_for(driver, lambda d: _digits(_kpi_numbers(d)["appeals.received"][0]) == expected["appeals.received"], 40)
    shown = _kpi_numbers(driver)
    for key in ("appeals.overdue", "appeals.on_time", "appeals.rated", "clearance.closed", "clearance.overdue",
                "reviews.bad", "reviews.bad_late", "refusals.all", "refusals.not_escalated",
                "projects.red", "projects.yellow", "projects.green"):  # fmt: skip
        assert expected[key] in [_digits(text) for text in shown[key]], key
    assert shown["appeals.due"] == [f"{on_time.percent:.1f}", f"{on_time.denominator:,.0f}"]
    assert shown["clearance.found"] == [f"{cleared.percent:.1f}", f"{cleared.denominator:,.0f}"]
    # the breakdown panels follow the same filter
    assert sum(_table_column(driver, "bm-m-departments", 2)) == expected["appeals.received"]
    assert sum(_table_column(driver, "bm-m-clearance", 2)) == expected["clearance.found"]
    regions = driver.find_elements("css selector", ".bm-m-regions tbody tr")
    first = regions[0].find_elements("css selector", "td")
    assert first[0].text == "淮川区" and _digits(first[1].get_attribute("textContent")) == huaichuan


def test_a_clicked_figure_opens_exactly_its_rows(driver, live_server, demo_store, demo_settings, artifacts):  # type: ignore[no-untyped-def]
    _open_meeting(driver, live_server)
    _choose_quarter(driver)
    scope = Filters.of("quarter").scope(local_now(demo_settings.timezone))
    with demo_store.read() as conn:
        due = appeals.on_time_rate(conn, scope).denominator
    wait_for(driver, lambda d: f"{due:,.0f}" in _kpi_numbers(d)["appeals.due"], 40)
    button = driver.find_element("css selector", ".bm-meeting-kpis .bm-counter-note button[id*='appeals.due']")
    assert _digits(button.text) == due
    button.click()
    wait_for(driver, lambda d: "bm-drill-open" in d.find_element("id", "drill-overlay").get_attribute("class"), 40)
    wait_for(driver, lambda d: d.find_element("id", "drill-count").text.startswith("共"), 40)
    assert _digits(driver.find_element("id", "drill-count").text) == due
    count = wait_for(
        driver,
        lambda d: d.execute_script("return dash_ag_grid.getApi('drill-grid').getDisplayedRowCount()") or None,
        40,
    )
    assert count == due
    assert driver.find_element("id", "drill-title").text == "应办结诉求"
    driver.save_screenshot(str(artifacts / "meeting-drilldown.png"))
    csv = _fetch(driver, driver.find_element("id", "drill-csv").get_attribute("href"))
    assert csv.startswith("\ufeff".encode()) and len(csv.decode("utf-8-sig").strip().splitlines()) == due + 1
    driver.find_element("id", "drill-close").click()
    wait_for(driver, lambda d: "bm-drill-open" not in d.find_element("id", "drill-overlay").get_attribute("class"))


def test_the_brief_carries_the_filtered_figures(driver, live_server, demo_store, demo_settings, artifacts):  # type: ignore[no-untyped-def]
    _open_meeting(driver, live_server)
    driver.save_screenshot(str(artifacts / "meeting.png"))
    _choose_quarter(driver)
    wait_for(driver, lambda d: "kind=quarter" in d.find_element("id", "meeting-brief-pdf").get_attribute("href"), 30)
    note = driver.find_element("id", "meeting-filter-note").text.replace("当前范围：", "").strip()
    scope = Filters.of("quarter").scope(local_now(demo_settings.timezone))
    with demo_store.read() as conn:
        overdue = drilldown.count(conn, scope, "appeals.overdue", demo_settings.rag)
        received = appeals.appeal_count(conn, scope)
    pdf = PdfReader(io.BytesIO(_fetch(driver, driver.find_element("id", "meeting-brief-pdf").get_attribute("href"))))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    headings = ("调度清单", "数据截至", "主要指标", "红灯、黄灯项目", "逾期未办结企业诉求", "差评未按期整改")
    figures = (f"{received:,d}件", re.sub(r"\s+", "", note))
    for expected in (*headings, "对企业说“不”未提级", "骏马奖/蜗牛奖候选", *figures):
        assert expected in text, expected
    xlsx = _fetch(driver, driver.find_element("id", "meeting-brief-xlsx").get_attribute("href"))
    book = load_workbook(io.BytesIO(xlsx))
    meta = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if row and row[0]}
    assert meta["筛选条件"] == note
    summary = brief_figures(book)
    assert summary["受理企业诉求"] == f"{received:,d} 件" and summary["逾期未办结诉求"] == f"{overdue:,d} 件"
    assert len(table_rows(book, "逾期未办结企业诉求（按承办单位）")) == overdue


def test_department_view(driver, live_server, artifacts):  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/department?name=%E5%B8%82%E7%A8%8E%E5%8A%A1%E5%B1%80")
    wait_for(driver, lambda d: "市税务局" in d.find_element("id", "dept-body").text, 60, "department view stayed empty")
    text = driver.find_element("id", "dept-body").text
    assert "季度综合得分" in text and "按时办结率" in text and "组成部分" in text
    driver.save_screenshot(str(artifacts / "department.png"))
