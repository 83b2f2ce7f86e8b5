"""The wall (issue 4) in headless Chromium: every page at every canvas profile renders its figures with no console
error, no scrollbar, no text spilling out of a panel and no QR code over a panel or the header's text; rotation
visits every page without a navigation; keys step and pause; no response the wall receives carries personal data.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from config import Settings, WallPage
from data.engine import Store
from data.schema import Appeal, Enterprise, Squad
from tests.browser.conftest import (
    LiveServer,
    free_port,
    network_events,
    requested_urls,
    response_bodies,
    severe_console_errors,
    show,
    wait_for,
)

pytestmark = pytest.mark.browser

FAST_DWELL = 2
LIBRARIES = ("/_dash-component-suites/", "/assets/vendor/")

ACTIVE_PAGE_READY = """
const page = document.querySelector('.bm-page-active');
if (!page || !page.querySelector('.bm-panel')) return false;
const graphs = page.querySelectorAll('.dash-graph').length;
const others = Array.from(document.querySelectorAll('.bm-page')).filter(p => p !== page);
return document.fonts.status === 'loaded' && !page.querySelector('.dash-graph--pending')
    && page.querySelectorAll('.js-plotly-plot .main-svg').length >= graphs
    && getComputedStyle(page).opacity === '1' && others.every(p => getComputedStyle(p).visibility === 'hidden');
"""

LAYOUT_PROBLEMS = """
const problems = [];
const root = document.documentElement;
if (root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight) problems.push('page scrolls');
const page = document.querySelector('.bm-page-active');
page.querySelectorAll('.bm-panel-body').forEach(body => {
    if (body.scrollHeight > body.clientHeight + 2 || body.scrollWidth > body.clientWidth + 2) {
        problems.push('overflow in ' + body.parentElement.querySelector('.bm-panel-tab').textContent);
    }
});
const qr = document.getElementById('wall-qr');
if (qr) {
    const q = qr.getBoundingClientRect();
    const meets = r => r.width && r.height && q.left < r.right && r.left < q.right
        && q.top < r.bottom && r.top < q.bottom;
    page.querySelectorAll('.bm-panel').forEach(panel => {
        if (meets(panel.getBoundingClientRect())) problems.push('QR code over ' + panel.getAttribute('data-panel'));
    });
    document.querySelectorAll('.bm-title-band h1, .bm-header-right, .bm-header-left').forEach(part => {
        if (meets(part.getBoundingClientRect())) problems.push('QR code over ' + part.className);
    });
    if (!(q.width > 0)) problems.push('QR code not shown');
}
const canvas = document.getElementById('wall-canvas').getBoundingClientRect();
if (canvas.right > window.innerWidth + 1 || canvas.bottom > window.innerHeight + 1) problems.push('canvas off screen');
return problems;
"""


@pytest.fixture(scope="module")
def wide_server(demo_settings: Settings, demo_store: Store) -> Iterator[LiveServer]:
    """A second app on the same data: a 3840×1080 (32:9) canvas and 2-second dwell times."""
    from app import create_app

    pages = tuple(WallPage(p.name, p.title, FAST_DWELL) for p in demo_settings.wall_pages)
    settings = replace(demo_settings, canvas=(3840, 1080), wall_pages=pages)
    server = LiveServer(create_app(settings, demo_store), free_port())
    server.start()
    yield server
    server.stop()


def _active_index(driver) -> int:  # type: ignore[no-untyped-def]
    pages = "Array.from(document.querySelectorAll('.bm-page'))"
    return driver.execute_script(f"return {pages}.findIndex(p => p.classList.contains('bm-page-active'))")


def _check_every_page(driver, base: str, pages: tuple[WallPage, ...], size: tuple[int, int], artifacts) -> None:  # type: ignore[no-untyped-def]
    width, height = size
    show(driver, f"{base}/wall?page=1&pause=1", width, height)
    body = driver.find_element("tag name", "body")
    for number, page in enumerate(pages, 1):
        if number > 1:
            body.send_keys(Keys.ARROW_RIGHT)
        wait_for(driver, lambda d, n=number: _active_index(d) == n - 1, message=f"page {number} never became active")
        wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, f"page {page.name} not rendered")
        driver.save_screenshot(str(artifacts / f"wall-{width}x{height}-{number}-{page.name}.png"))
        assert driver.execute_script(LAYOUT_PROBLEMS) == [], f"{page.name} at {width}×{height}"
    assert "已暂停" in driver.find_element("id", "page-title").text
    assert severe_console_errors(driver) == []


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1920x1080", "3840x2160"])
def test_every_page_renders_at_16_9(driver, live_server, demo_settings, artifacts, size) -> None:  # type: ignore[no-untyped-def]
    _check_every_page(driver, live_server.url, demo_settings.wall_pages, size, artifacts)


def test_every_page_renders_on_a_32_9_canvas(driver, wide_server, demo_settings, artifacts) -> None:  # type: ignore[no-untyped-def]
    _check_every_page(driver, wide_server.url, demo_settings.wall_pages, (3840, 1080), artifacts)


def test_rotation_visits_every_page_without_a_navigation(driver, wide_server, demo_settings) -> None:  # type: ignore[no-untyped-def]
    show(driver, f"{wide_server.url}/wall", 1920, 540)
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "wall not rendered")
    driver.execute_script("window.__sameDocument = true")
    seen = [_active_index(driver)]
    count = len(demo_settings.wall_pages)
    for _ in range(count):
        wait_for(driver, lambda d: _active_index(d) != seen[-1], FAST_DWELL * 4, "rotation stalled")
        seen.append(_active_index(driver))
    assert [(b - a) % count for a, b in itertools.pairwise(seen)] == [1] * count  # in config order
    assert sorted(set(seen)) == list(range(count))  # every page
    assert driver.execute_script("return window.__sameDocument === true")

    driver.find_element("tag name", "body").send_keys(Keys.SPACE)
    wait_for(driver, lambda d: "已暂停" in d.find_element("id", "page-title").text, message="space did not pause")
    paused_on = _active_index(driver)
    driver.implicitly_wait(0)
    with pytest.raises(Exception):  # noqa: B017 - any timeout: the page must not move while paused
        wait_for(driver, lambda d: _active_index(d) != paused_on, FAST_DWELL * 2)


def wall_pages_of(driver) -> list[int]:  # type: ignore[no-untyped-def]
    return list(range(driver.execute_script("return document.querySelectorAll('.bm-page').length")))


def test_no_personal_data_reaches_the_wall(driver, live_server, demo_store) -> None:  # type: ignore[no-untyped-def]
    show(driver, f"{live_server.url}/wall?page=2&pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "appeals page not rendered")
    wait_for(driver, lambda d: "**" in d.find_element("css selector", ".bm-page-active .bm-table-closed").text)
    body = driver.find_element("tag name", "body")
    for _page in wall_pages_of(driver):  # pages are fetched as they come on screen: visit every one
        before = _active_index(driver)
        body.send_keys(Keys.ARROW_RIGHT)
        wait_for(
            driver,
            lambda d, was=before: _active_index(d) != was and d.execute_script(ACTIVE_PAGE_READY),
            30,
            "page not rendered",
        )
    # every response but the Dash/Plotly library bundles (package files, no data in them)
    events = network_events(driver)
    # plotly.js is the bundled basic build (bar, scatter), never the 4.8 MB full one
    assert not [u for u in requested_urls(events) if "plotly.min.js" in u]
    assert driver.execute_script("return Plotly.version") == "4.1.1"
    bodies = [(url, body) for url, body in response_bodies(driver, events) if not any(lib in url for lib in LIBRARIES)]
    text = "\n".join(body for _url, body in bodies)
    assert "_dash-update-component" in " ".join(url for url, _ in bodies) and "清障" in text
    assert "清风行动" in text and "为企服务专班" in text  # the programmes' page was fetched too
    assert_no_personal_data(text, demo_store)


def assert_no_personal_data(text: str, store) -> None:  # type: ignore[no-untyped-def]
    """No contact name, phone number or appeal text of the demo city, and no unmasked enterprise name, in ``text``."""
    with store.read() as conn:
        people = conn.execute(select(Appeal.contact_name, Appeal.contact_phone, Appeal.content)).all()
        names = set(conn.execute(select(Enterprise.name)).scalars())
        squads = conn.execute(select(Squad.contact_name, Squad.contact_phone, Squad.members)).all()
    people += [(n, p, None) for n, p, _m in squads]  # a squad's contacts and member units are internal
    members = {m for _n, _p, m in squads if m}
    phones = {p for _n, p, _c in people if p}
    contacts = {n for n, _p, _c in people if n and len(n) >= 2}
    contents = {c for _n, _p, c in people if c}
    assert phones and contacts and contents
    assert [p for p in phones if p in text] == []
    assert [n for n in contacts if n in text] == []
    assert [c for c in contents if c in text] == []
    assert members and [m for m in members if m in text] == []
    assert [n for n in names if len(n) > 7 and n in text] == []  # enterprise names only ever masked


RESIZE_REDRAWS = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('.bm-page-active .js-plotly-plot');
let draws = 0;
gd.on('plotly_afterplot', () => { draws += 1; });
const settle = () => new Promise(r => setTimeout(r, 400));
(async () => {
    await Plotly.Plots.resize(gd);
    await settle();
    const unchanged = draws;
    const before = gd._fullLayout.width;
    gd.style.width = (gd.clientWidth - 100) + 'px';
    await Plotly.Plots.resize(gd);
    await settle();
    done([unchanged, draws, before, gd._fullLayout.width]);
})();
"""


def test_a_figure_is_not_redrawn_for_a_resize_that_changes_nothing(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    show(driver, f"{live_server.url}/wall?page=1&pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "overview not rendered")
    driver.set_script_timeout(30)
    unchanged, after_change, width_before, width_after = driver.execute_async_script(RESIZE_REDRAWS)
    assert unchanged == 0  # dcc.Graph's resize after its first draw used to redraw every figure a second time
    assert after_change >= 1 and width_after == pytest.approx(width_before - 100, abs=1)  # a real resize redraws


def test_dash_undo_history_stays_bounded_on_the_wall(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    show(driver, f"{live_server.url}/wall?page=1&pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "overview not rendered")
    past = "return window.dash_stores[0].getState().history.past"
    # what weeks of interval ticks and key presses leave there (dash-renderer keeps them all: plotly/dash#727)
    fill = "for (let i = 0; i < 500; i++) p.push({id: 'x', props: {}});"
    driver.execute_script(f"const p = (function () {{ {past} }})(); {fill}")
    assert driver.execute_script(f"{past}.length") >= 500
    wait_for(driver, lambda d: d.execute_script(f"{past}.length") <= 20, 12, "the undo history was never cut")
    assert severe_console_errors(driver) == []


TIMELINE = """
window.__timeline = [];
(function () {
    const log = (...entry) => window.__timeline.push([...entry, performance.now()]);
    const fetch = window.fetch;
    window.fetch = function (url, init) {
        const body = init && typeof init.body === "string" ? JSON.parse(init.body) : null;
        const want = body && (body.inputs || []).find((i) => i.id === "wall-want");
        if (want) { log("fetch", JSON.stringify(want.value)); }
        return fetch.apply(this, arguments);
    };
    let plotly;
    Object.defineProperty(window, "Plotly", {
        configurable: true,
        get: () => plotly,
        set: (value) => {
            plotly = value;
            const react = value.react;
            value.react = function (gd) {
                const page = gd.closest(".bm-page").getAttribute("data-page");
                const drawn = (done) => { log("drawn", page); return done; };
                return Promise.resolve(react.apply(this, arguments)).then(drawn);
            };
        },
    });
})();
"""


def test_the_next_page_is_fetched_once_the_page_on_screen_is_drawn(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TIMELINE})["identifier"]
    try:
        show(driver, f"{live_server.url}/wall?page=1&pause=1")
        wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "overview not rendered")
        second_filled = "return document.querySelectorAll('.bm-page')[1].childElementCount > 0"
        wait_for(driver, lambda d: d.execute_script(second_filled), 10, "the next page was not fetched before its turn")
        timeline = driver.execute_script("return window.__timeline")
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script})
    fetched = {json.loads(value)["pages"][0]: at for kind, value, at in timeline if kind == "fetch" and value != "null"}
    overview_drawn = [at for kind, page, at in timeline if kind == "drawn" and page == "overview"]
    assert list(fetched) == [0, 1] and len(overview_drawn) >= 2  # the page on screen, then the next one
    # fetched while the first page draws, the next page's content would be rendered alongside it
    assert fetched[1] > max(overview_drawn)
    assert severe_console_errors(driver) == []
