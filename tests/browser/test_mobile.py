"""The visitors' phone view and the wall's QR code (issue 18) in real Chromium: /m at 390×844 shows the wall's 总览
counters with the wall's data version and as-of time, in the bundled font, with nothing scrolling sideways or cut off;
it needs no login and carries no personal data (the wall's own check); the QR code sits in the header band at its
configured size. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.browser.conftest import network_events, requested_urls, response_bodies, show, wait_for
from tests.browser.test_wall import assert_no_personal_data

pytestmark = pytest.mark.browser

COUNTERS = "return Array.from(document.querySelectorAll('.bm-counter-label')).map(e => e.textContent)"
# every element of the page inside the phone's width, and none whose text is wider than its own box
PHONE_FIT = """
const root = document.documentElement, problems = [];
if (root.scrollWidth > window.innerWidth || root.scrollWidth > root.clientWidth) problems.push('page scrolls sideways');
document.querySelectorAll('body *').forEach(e => {
    const label = e.className + ' ' + e.textContent.trim().slice(0, 24);
    if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth) problems.push('cut off: ' + label);
    if (e.getBoundingClientRect().right > root.clientWidth + 0.5) problems.push('off screen: ' + label);
});
return problems;
"""
BUNDLED_FONT = (
    "return [getComputedStyle(document.body).fontFamily.split(',')[0],"
    " document.fonts.check('16px \"Battlemap Sans\"'),"
    " Array.from(document.fonts).filter(f => f.family.includes('Battlemap') && f.status === 'loaded').length]"
)
WALL_COUNTERS = (
    "return Array.from(document.querySelectorAll(\"[data-page='overview'] .bm-counter-value\")).map(e => e.textContent)"
)


def test_the_phone_view_shows_the_walls_figures_and_no_personal_data(driver, live_server, demo_store, artifacts):  # type: ignore[no-untyped-def]
    driver.delete_all_cookies()
    show(driver, f"{live_server.url}/m", 390, 844, mobile=True)
    wait_for(driver, lambda d: d.find_elements("css selector", ".bm-counter"), 20, "no counters on /m")
    wait_for(driver, lambda d: d.execute_script("return document.fonts.status") == "loaded", 20, "fonts never loaded")
    assert driver.execute_script(BUNDLED_FONT) == ['"Battlemap Sans"', True, 2]  # regular and bold, from /assets
    assert driver.execute_script(PHONE_FIT) == []
    target = driver.execute_script(
        "return document.querySelector('.bm-counter:nth-child(3) .bm-counter-note').textContent"
    )
    assert "目标\u00a0≥\u00a095%" in target  # wrapped, if at all, before the target, never inside it
    assert driver.execute_script(COUNTERS)[1:5] == ["按时办结率", "满意率", "企业诉求解决率", "清障销号率"]
    with urllib.request.urlopen(f"{live_server.url}/api/status") as response:
        status = json.load(response)
    asof = driver.find_element("id", "m-asof").text
    assert asof.startswith(f"数据截至 {status['as_of']}") and status["version"] in driver.page_source
    phone_figures = driver.execute_script(
        "return Array.from(document.querySelectorAll('.bm-counter-value')).map(e => e.textContent)"
    )
    height = driver.execute_script("return document.documentElement.scrollHeight")
    show(driver, driver.current_url, 390, height, mobile=True)  # the whole page in one screenshot
    wait_for(driver, lambda d: d.execute_script("return document.fonts.status") == "loaded", 20, "fonts never loaded")
    driver.save_screenshot(str(artifacts / "mobile.png"))
    events = network_events(driver)
    assert [u for u in requested_urls(events) if "/assets/fonts/NotoSansSC-Battlemap-" in u]
    bodies = response_bodies(driver, events)
    assert any(url.endswith("/m") for url, _ in bodies)
    assert_no_personal_data("\n".join(body for _url, body in bodies), demo_store)

    show(driver, f"{live_server.url}/wall?page=overview&pause=1")
    wait_for(driver, lambda d: d.execute_script(WALL_COUNTERS), 30, "wall 总览 not shown")
    assert driver.execute_script(WALL_COUNTERS) == phone_figures  # the same build, the same figures
    qr = driver.find_element("id", "wall-qr")
    assert qr.get_attribute("data-url") == f"{live_server.url}/m"
    box = driver.execute_script(
        "const q = document.getElementById('wall-qr').getBoundingClientRect(), "
        "h = document.querySelector('.bm-header').getBoundingClientRect(), "
        "c = document.querySelector('.bm-header-right').getBoundingClientRect();"
        "return [q.top - h.top, h.bottom - q.bottom, c.left - q.right, document.querySelector('.bm-qr-code').width];"
    )
    # inside the header band, just left of the clock, 80 design pixels (1920 wide = scale 1)
    assert box[0] >= 0 and box[1] >= 0 and 0 < box[2] <= 20 and box[3] == 80
    driver.save_screenshot(str(artifacts / "wall-qr.png"))
