"""Every section of the meeting view (``layouts.meeting_sections.SECTIONS``, whatever their number) in headless
Chromium, logged in as a leader on the demo data: each section is on /, every count it shows equals the drill-down
measure's count on the same store (the metric layer's clauses), its rates are the metric functions' values, and a
clicked count of each section opens a grid with exactly that many rows. Whole-page screenshots at 1920×1080 go to
test-artifacts/."""

from __future__ import annotations

import base64
import json
import re

import pytest

from callbacks.drill import drill_scope
from callbacks.filters import Filters
from data import drilldown
from data.clock import local_now
from data.metrics import cleanwind, refusals, reviews
from layouts import format as fmt
from layouts.drill import GRID_ROW_LIMIT
from layouts.meeting_sections import SECTIONS
from tests.browser.conftest import login, show, wait_for

pytestmark = pytest.mark.browser

COUNT = re.compile(r"^\d[\d,]*$")
SECTION_COUNTS = """
const out = [];
for (const b of document.querySelectorAll('#meeting-body button.bm-drill')) {
    const sec = b.closest('.bm-sec');
    if (!sec) continue;
    const key = Array.from(sec.classList).find(c => c.startsWith('bm-sec-')).slice('bm-sec-'.length);
    out.push([key, b.id, b.textContent.trim()]);
}
return out;
"""
PRESENT = """
return Array.from(new Set(Array.from(document.querySelectorAll('#meeting-body .bm-sec'))
    .filter(e => e.getBoundingClientRect().height > 0)
    .map(e => Array.from(e.classList).find(c => c.startsWith('bm-sec-')).slice('bm-sec-'.length))));
"""
STATS = """
const out = {};
for (const s of document.querySelectorAll(arguments[0] + ' .bm-stat')) {
    out[s.querySelector('.bm-stat-label').textContent.trim()] = s.querySelector('.bm-stat-value').textContent.trim();
}
return out;
"""
ROWS_SHOWN = "return dash_ag_grid.getApi('drill-grid').getDisplayedRowCount()"
WITHOUT_COUNTS = {"awards", "clean_wind"}  # no rows behind their figures; checked against the metric layer below


def _open(driver, live_server) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/")
    keys = {s.key for s in SECTIONS}
    wait_for(driver, lambda d: keys <= set(d.execute_script(PRESENT)), 90, "not every section is on the page")
    return [tuple(c) for c in driver.execute_script(SECTION_COUNTS)]


def _expected(conn, filters, now, rule, ident: str) -> int:  # type: ignore[no-untyped-def]
    button = json.loads(ident)
    scope = drill_scope(filters, now, button["department"], button["region"])
    return drilldown.count(conn, scope, button["measure"], rule)


def test_every_section_shows_the_metric_layer_numbers(driver, live_server, demo_store, demo_settings, artifacts):  # type: ignore[no-untyped-def]
    shown = _open(driver, live_server)
    now, filters, rule = local_now(demo_settings.timezone), Filters.of("rolling"), demo_settings.rag
    scope = filters.scope(now)
    checked = dict.fromkeys((s.key for s in SECTIONS), 0)
    with demo_store.read() as conn:
        for section in checked:
            for ident, n in _counts(shown, section):
                assert n == _expected(conn, filters, now, rule, ident), (section, ident)
                checked[section] += 1
        good, rectified = reviews.good_review_rate(conn, scope), reviews.bad_review_rectify_rate(conn, scope)
        escalated, overturned = (
            f(conn, scope) for f in (refusals.refusal_escalation_rate, refusals.refusal_overturn_rate)
        )
        clean = cleanwind.clean_wind_totals(conn, scope)
    assert {key for key, n in checked.items() if n == 0} <= WITHOUT_COUNTS, checked
    review_stats = driver.execute_script(STATS, ".bm-m-count-reviews")
    assert review_stats["好评率"] == fmt.percent(good.value) and review_stats["差评整改率"] == fmt.percent(
        rectified.value
    )
    refusal_stats = driver.execute_script(STATS, ".bm-m-count-refusals")
    assert refusal_stats["提级率"] == fmt.percent(escalated.value)
    assert refusal_stats["改判率"] == fmt.percent(overturned.value)
    clean_stats = driver.execute_script(STATS, ".bm-m-cleanwind")
    assert clean_stats["发现问题"] == fmt.count(clean["problems_found"])
    awards = driver.find_element("css selector", ".bm-m-awards").text
    assert "骏马奖" in awards or "暂无候选" in awards
    height = driver.execute_script("return document.documentElement.scrollHeight")
    show(driver, driver.current_url, 1920, min(height, 16000))
    wait_for(driver, lambda d: {s.key for s in SECTIONS} <= set(d.execute_script(PRESENT)), 90)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (artifacts / "meeting-sections-1920.png").write_bytes(base64.b64decode(shot["data"]))


def _counts(shown: list[tuple[str, str, str]], section: str) -> list[tuple[str, int]]:
    """The clickable counts of ``section``: (button id, the number it shows)."""
    return [(ident, int(text.replace(",", ""))) for key, ident, text in shown if key == section and COUNT.match(text)]


def _open_rows(driver, ident: str, count: int) -> None:  # type: ignore[no-untyped-def]
    """Click the count ``ident``; its grid must say and show exactly ``count`` rows."""
    button = driver.execute_script("return document.getElementById(arguments[0])", ident)  # a JSON id: no CSS
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    label = drilldown.measure(json.loads(ident)["measure"]).label
    wait_for(driver, lambda d: d.find_element("id", "drill-title").text.startswith(label), 40, ident)
    wait_for(driver, lambda d: d.find_element("id", "drill-count").text.startswith("共"), 40, ident)
    assert int(re.sub(r"\D", "", driver.find_element("id", "drill-count").text)) == count, ident
    assert wait_for(driver, lambda d: d.execute_script(ROWS_SHOWN) == count, 40, ident)
    driver.find_element("id", "drill-close").click()
    wait_for(driver, lambda d: "bm-drill-open" not in d.find_element("id", "drill-overlay").get_attribute("class"))


def test_a_count_of_every_section_opens_exactly_its_rows(driver, live_server, demo_store, demo_settings):  # type: ignore[no-untyped-def]
    shown = _open(driver, live_server)
    now, filters, rule = local_now(demo_settings.timezone), Filters.of("rolling"), demo_settings.rag
    opened = set()
    for section in SECTIONS:
        candidates = [(ident, n) for ident, n in _counts(shown, section.key) if 0 < n <= GRID_ROW_LIMIT]
        if not candidates:
            continue
        ident, count = candidates[0]
        with demo_store.read() as conn:
            assert count == _expected(conn, filters, now, rule, ident)
        _open_rows(driver, ident, count)
        opened.add(section.key)
    assert {s.key for s in SECTIONS} - opened <= WITHOUT_COUNTS
