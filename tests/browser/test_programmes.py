"""The study report's programmes (issue 20) in headless Chromium: the wall page 对标提升 · 专班 · 清风 shows the
numbers the metric layer gives at 1920×1080 and 3840×2160 (screenshots in test-artifacts/), the meeting view's
sections show them too and open the rows behind a count, and the brief (PDF and Excel) carries them."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from callbacks.filters import Filters
from callbacks.views.context import ViewContext
from callbacks.views.programmes import programmes_view
from data.clock import local_now
from tests.brief_workbook import figures, table_rows
from tests.browser.conftest import show, wait_for
from tests.browser.test_meeting import _fetch, _open_meeting
from tests.browser.test_wall import ACTIVE_PAGE_READY, LAYOUT_PROBLEMS

pytestmark = pytest.mark.browser

STATS = """
const out = {};
for (const s of document.querySelectorAll(arguments[0] + ' .bm-stat')) {
    out[s.querySelector('.bm-stat-label').textContent.trim()] = s.querySelector('.bm-stat-value').textContent.trim();
}
return out;
"""


def _wall_view(demo_settings, demo_store):  # type: ignore[no-untyped-def]
    context = ViewContext.current(demo_settings)
    with demo_store.read() as conn:
        return programmes_view(conn, context.period_scope, context.all_time, demo_settings)


def _page_number(demo_settings) -> int:  # type: ignore[no-untyped-def]
    return [p.name for p in demo_settings.wall_pages].index("programmes") + 1


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1920x1080", "3840x2160"])
def test_the_wall_page_shows_the_metric_layer_numbers(driver, live_server, demo_settings, demo_store, artifacts, size):  # type: ignore[no-untyped-def]
    view = _wall_view(demo_settings, demo_store)
    width, height = size
    show(driver, f"{live_server.url}/wall?page={_page_number(demo_settings)}&pause=1", width, height)
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "programmes page not rendered")
    driver.save_screenshot(str(artifacts / f"wall-{width}x{height}-programmes.png"))
    assert driver.execute_script(LAYOUT_PROBLEMS) == []
    page = ".bm-page-active"
    stats = driver.execute_script(STATS, page)
    assert stats["微改革措施"] == str(view.measures) and stats["已落地"] == str(view.landed)
    assert stats["到期未落地"] == str(view.overdue)
    assert stats["今年上线 / 目标"] == f"{view.services_launched}/{view.services_target}"
    assert stats["省定上线"] == f"{view.provincial[1]}/{view.provincial[0]}"
    assert stats["本地新增上线"] == f"{view.local[1]}/{view.local[0]}"
    for key, label in (("problems_found", "发现问题"), ("exposed", "通报曝光"), ("prosecuted", "移送起诉")):
        assert stats[label] == f"{view.clean_wind[key]:,d}"
    lamps = [int(n.text) for n in driver.find_elements("css selector", f"{page} .bm-reform-head .bm-rag-num")]
    assert lamps == [view.colours[s] for s in ("red", "yellow", "green")]
    squads = driver.find_elements("css selector", f"{page} .bm-table-squads tbody tr")
    cells = [[td.text for td in row.find_elements("tag name", "td")][:3] for row in squads]
    assert cells == [[s.squad, f"{s.cases:,d}", f"{s.solved:,d}"] for s in view.squads]
    snail = driver.find_element("css selector", f"{page} .bm-reform-snail").text
    assert view.snail_cases and all(d in snail for d in view.snail_cases)


def _section_stats(driver, panel: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return driver.execute_script(STATS, f".{panel}")


def test_the_meeting_sections_show_the_numbers_and_open_their_rows(
    driver, live_server, demo_settings, demo_store, artifacts
):  # type: ignore[no-untyped-def]
    _open_meeting(driver, live_server)
    today = local_now(demo_settings.timezone)
    scope = Filters.of("rolling").scope(today)
    with demo_store.read() as conn:
        view = programmes_view(conn, scope, scope, demo_settings)
    wait_for(driver, lambda d: d.find_elements("css selector", ".bm-m-reforms .bm-stat"), 40, "no reform section")
    reforms = _section_stats(driver, "bm-m-reforms")
    assert reforms["微改革措施"] == str(view.measures) and reforms["到期未落地"] == str(view.overdue)
    services = _section_stats(driver, "bm-m-services")
    assert services["本期上线 / 年度目标"] == f"{view.services_launched}/{view.services_target}"
    clean = _section_stats(driver, "bm-m-cleanwind")
    assert clean["立案审查"] == f"{view.clean_wind['investigated']:,d}"
    rule = driver.find_element("css selector", ".bm-m-reforms .bm-rule-text").text
    assert rule.startswith("红灯（受阻）") and "逾期超过 30 天" in rule
    red = driver.find_element("css selector", ".bm-m-reforms .bm-rag-row button[id*='reforms.red']")
    assert int(red.text) == view.colours["red"]
    red.click()
    wait_for(driver, lambda d: d.find_element("id", "drill-count").text.startswith("共"), 40)
    assert driver.find_element("id", "drill-title").text == "微改革措施（红·受阻）"
    shown = wait_for(
        driver, lambda d: d.execute_script("return dash_ag_grid.getApi('drill-grid').getDisplayedRowCount()") or None
    )
    assert shown == view.colours["red"]
    driver.save_screenshot(str(artifacts / "meeting-programmes-drilldown.png"))
    driver.find_element("id", "drill-close").click()
    wait_for(driver, lambda d: "bm-drill-open" not in d.find_element("id", "drill-overlay").get_attribute("class"))
    cases = driver.find_element("css selector", ".bm-m-squads button[id*='squads.cases']")
    assert int(cases.text.replace(",", "")) == sum(s.cases for s in view.squads)
    cases.click()
    wait_for(driver, lambda d: d.find_element("id", "drill-title").text == "为企服务专班承办的诉求与清障问题", 40)
    assert int(re.sub(r"\D", "", driver.find_element("id", "drill-count").text)) == sum(s.cases for s in view.squads)
    driver.find_element("id", "drill-close").click()


def test_the_brief_carries_the_programmes(driver, live_server, demo_settings, demo_store):  # type: ignore[no-untyped-def]
    _open_meeting(driver, live_server)
    scope = Filters.of("rolling").scope(local_now(demo_settings.timezone))
    with demo_store.read() as conn:
        view = programmes_view(conn, scope, scope, demo_settings)
    pdf_href = driver.find_element("id", "meeting-brief-pdf").get_attribute("href")
    pdf = PdfReader(io.BytesIO(_fetch(driver, pdf_href)))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    for expected in ("对标提升微改革：红灯、黄灯措施", "为企服务专班", "清风行动（按单位）", "一件事一次办事项清单"):
        assert expected in text, expected
    assert f"措施{view.measures}项，已落地{view.landed}" in text
    xlsx = _fetch(driver, driver.find_element("id", "meeting-brief-xlsx").get_attribute("href"))
    book = load_workbook(io.BytesIO(xlsx))
    assert figures(book)["清风行动"].startswith(f"发现问题 {view.clean_wind['problems_found']:,d}")
    flagged = table_rows(book, "对标提升微改革：红灯、黄灯措施")
    assert len(flagged) == view.colours["red"] + view.colours["yellow"]
    assert len(table_rows(book, "一件事一次办事项清单")) == view.provincial[0] + view.local[0]
