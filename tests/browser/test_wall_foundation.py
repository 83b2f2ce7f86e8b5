"""The foundation's acceptance in a real browser: the wall shows the 清障 figures, the meeting view loads cleanly,
and nothing is requested from any host but the app."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import login, network_events, requested_urls, severe_console_errors, show, wait_for

pytestmark = pytest.mark.browser


def _page_text(driver, selector: str) -> str:  # type: ignore[no-untyped-def]
    elements = driver.find_elements("css selector", selector)
    return re.sub(r"\s+", "", elements[0].text) if elements else ""


def test_wall_shows_clearance_figures(driver, live_server):  # type: ignore[no-untyped-def]
    show(driver, f"{live_server.url}/wall?page=1&pause=1")
    text = wait_for(
        driver,
        lambda d: (t := _page_text(d, ".bm-page-active .bm-counter-clearance")) and "573" in t and t,
        message="the 清障 counter never showed 573",
    )
    assert "584" in text
    assert "98.1%" in text
    assert "数据截至" in driver.find_element("id", "wall-asof").text


def test_meeting_view_loads_without_console_errors(driver, live_server):  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/")
    wait_for(
        driver, lambda d: "573" in _page_text(d, ".bm-counter-clearance"), message="meeting view showed no counters"
    )
    wait_for(driver, lambda d: d.find_elements("css selector", ".bm-meeting .js-plotly-plot .main-svg"))
    assert "数据截至" in driver.find_element("id", "meeting-asof").text
    assert severe_console_errors(driver) == []


def test_nothing_is_requested_from_other_hosts(driver, live_server):  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    for path in ("/wall", "/"):
        show(driver, f"{live_server.url}{path}")
        wait_for(driver, lambda d: d.find_elements("css selector", ".js-plotly-plot .main-svg"))
        wait_for(driver, lambda d: d.execute_script("return document.fonts.status") == "loaded")
    urls = requested_urls(network_events(driver))
    assert urls, "no network traffic was recorded"
    foreign = sorted(
        {
            u
            for u in urls
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != f"127.0.0.1:{live_server.port}"
        }
    )
    assert foreign == []
