"""Running the screens from a phone (issue 18) in real Chromium: two named walls and /ops at 390×844 on a private
copy of the demo database, refreshing every two seconds. Both walls appear on /ops with their pages; a notice put up
on one shows there within one poll (and not on the other) and goes at its end time; a freeze holds a page past its
dwell until resumed; a reload reloads only that wall; quiet hours show the dim clock; a wall whose browser stops is
shown offline within two refresh periods. Screenshots go to test-artifacts/."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from config import WallPage
from data.engine import Store
from etl import screens as orders
from tests.browser.conftest import CHROMEDRIVER, LiveServer, _chrome_options, login, serve_copy, show, wait_for

pytestmark = pytest.mark.browser

REFRESH_SECONDS = 2
DWELL = 3
POLL_BUDGET = 5  # the bound: an order reaches the wall within one status poll, ≤ 5 s
ACTIVE = "return document.querySelector('.bm-page-active') && document.querySelector('.bm-page-active').dataset.page"
NOTICE = "const n = document.getElementById('wall-notice'); return [n.className, n.textContent]"
SET_INPUT = """
const el = document.getElementById(arguments[0]);
Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, arguments[1]);
el.dispatchEvent(new Event('input', {bubbles: true}));
"""


@pytest.fixture
def ops_server(demo_settings, demo_store, demo_accounts, tmp_path: Path) -> Iterator[tuple[LiveServer, Store]]:  # type: ignore[no-untyped-def]
    pages = tuple(WallPage(p.name, p.title, DWELL) for p in demo_settings.wall_pages[:3])
    with serve_copy(
        demo_settings, tmp_path / "screens.db", refresh_seconds=REFRESH_SECONDS, wall_pages=pages
    ) as served:
        yield served


@pytest.fixture
def second_browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="battlemap-chrome-")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(profile, performance_log=False))
    driver.set_page_load_timeout(30)
    holder = {"driver": driver}
    yield holder
    if holder["driver"] is not None:
        holder["driver"].quit()
    shutil.rmtree(profile, ignore_errors=True)


def _card(ops, name: str) -> dict:  # type: ignore[no-untyped-def]
    return ops.execute_script(
        "const c = document.querySelector(`.bm-ops-card[data-screen='${arguments[0]}']`);"
        "return c ? {online: c.dataset.online, text: c.innerText} : null;",
        name,
    )


def _tap(ops, element) -> None:  # type: ignore[no-untyped-def]
    """Scroll ``element`` to the middle of the phone's screen (clear of the page's header) and tap it."""
    ops.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _choose(ops, group: str, value: str) -> None:  # type: ignore[no-untyped-def]
    _tap(ops, ops.find_element("css selector", f"#{group} input[value='{value}']"))


def _press(ops, button: str) -> None:  # type: ignore[no-untyped-def]
    ops.execute_script("document.getElementById('op-ops-message').textContent = ''")
    _tap(ops, ops.find_element("id", button))
    wait_for(ops, lambda d: d.find_element("id", "op-ops-message").text.startswith("已执行"), 10, "order not given")


def test_two_walls_run_from_ops(driver, second_browser, ops_server, artifacts) -> None:  # type: ignore[no-untyped-def]
    server, store = ops_server
    hall, room = driver, second_browser["driver"]
    for wall, name in ((hall, "hall"), (room, "room")):
        show(wall, f"{server.url}/wall?screen={name}")
        wait_for(wall, lambda d: d.execute_script(ACTIVE), 30, f"wall {name} not shown")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="battlemap-chrome-")
    ops = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(profile, performance_log=False))
    try:
        login(ops, server, "operator", "/ops")
        show(ops, f"{server.url}/ops", 390, 844)
        for name in ("hall", "room"):
            wait_for(ops, lambda d, n=name: (_card(d, n) or {}).get("online") == "1", 15, f"{name} not on /ops")
        assert "页面" in _card(ops, "hall")["text"]
        ops.save_screenshot(str(artifacts / "ops-phone.png"))

        # a notice on hall only, within one poll; taken down from /ops
        wait_for(ops, lambda d: d.find_elements("css selector", "#op-ops-target input[value='hall']"), 10)
        _choose(ops, "op-ops-target", "hall")
        ops.find_element("id", "op-ops-notice-text").send_keys("热烈欢迎省营商环境考察团莅临指导")
        wait_for(ops, lambda d: "考察团" in d.find_element("id", "op-ops-preview").text, 5, "no preview")
        _press(ops, "op-ops-notice-post")
        posted = time.monotonic()
        wait_for(hall, lambda d: d.execute_script(NOTICE)[1] == "热烈欢迎省营商环境考察团莅临指导", POLL_BUDGET)
        assert time.monotonic() - posted <= POLL_BUDGET
        assert hall.execute_script(NOTICE)[0] == "bm-notice bm-notice-banner"
        hall.save_screenshot(str(artifacts / "wall-notice.png"))
        assert room.execute_script(NOTICE) == ["bm-notice", ""]
        wait_for(ops, lambda d: d.find_elements("css selector", ".bm-ops-notice-row button"), 10)
        _tap(ops, ops.find_element("css selector", ".bm-ops-notice-row button"))
        wait_for(hall, lambda d: d.execute_script(NOTICE)[1] == "", POLL_BUDGET, "notice not taken down")

        # a full-screen notice for all that ends by itself at its end time
        now = store.now()
        orders.post_notice(store, None, "紧急通知", "full", (None, now + timedelta(seconds=4)), "operator", now)
        wait_for(room, lambda d: d.execute_script(NOTICE)[0] == "bm-notice bm-notice-full", POLL_BUDGET)
        wait_for(room, lambda d: d.execute_script(NOTICE)[0] == "bm-notice", 4 + POLL_BUDGET, "notice outlived its end")

        # freeze hall on 企业诉求 past its dwell; room keeps turning; resume
        _choose(ops, "op-ops-page", "appeals")
        _press(ops, "op-ops-freeze")
        wait_for(hall, lambda d: d.execute_script(ACTIVE) == "appeals", POLL_BUDGET, "hall not frozen")
        seen_on_room = {room.execute_script(ACTIVE)}
        deadline = time.monotonic() + DWELL * 2 + 1
        while time.monotonic() < deadline:
            assert hall.execute_script(ACTIVE) == "appeals"
            seen_on_room.add(room.execute_script(ACTIVE))
            time.sleep(0.25)
        assert len(seen_on_room) >= 2 and "已暂停" not in hall.find_element("id", "page-title").text
        _press(ops, "op-ops-resume")
        wait_for(hall, lambda d: d.execute_script(ACTIVE) != "appeals", POLL_BUDGET + DWELL, "hall never rotated again")

        # reload only hall
        for wall in (hall, room):
            wall.execute_script("window.__stay = 1")
        _press(ops, "op-ops-reload")
        wait_for(hall, lambda d: d.execute_script("return window.__stay") is None, POLL_BUDGET, "hall not reloaded")
        wait_for(hall, lambda d: d.execute_script(ACTIVE), 30, "hall not back after its reload")
        assert room.execute_script("return window.__stay") == 1

        # quiet hours on room, from this minute: the dim clock
        _choose(ops, "op-ops-target", "room")
        start = store.now()
        ops.execute_script(SET_INPUT, "op-ops-quiet-start", f"{start:%H:%M}")
        ops.execute_script(SET_INPUT, "op-ops-quiet-end", f"{start + timedelta(minutes=2):%H:%M}")
        _press(ops, "op-ops-quiet-set")
        wait_for(room, lambda d: "bm-is-quiet" in d.find_element("id", "wall-viewport").get_attribute("class"), 5)
        clock = room.find_element("id", "wall-quiet-clock")
        wait_for(room, lambda d: clock.text.count(":") == 1, 3, "no quiet clock")
        assert clock.is_displayed() and not hall.find_element("id", "wall-quiet-clock").is_displayed()
        room.save_screenshot(str(artifacts / "wall-quiet.png"))

        # room's browser stops: offline within two refresh periods (plus /ops' own poll)
        room.quit()
        second_browser["driver"] = None
        stopped = time.monotonic()
        wait_for(ops, lambda d: (_card(d, "room") or {}).get("online") == "0", 2 * REFRESH_SECONDS + 4, "room online")
        assert time.monotonic() - stopped <= 2 * REFRESH_SECONDS + 4
        assert _card(ops, "hall")["online"] == "1"
        ops.save_screenshot(str(artifacts / "ops-phone-offline.png"))
    finally:
        ops.quit()
        shutil.rmtree(profile, ignore_errors=True)
