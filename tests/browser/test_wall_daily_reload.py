"""The wall's daily reload, which starts the page afresh once a day so that nothing the page keeps (compiled code,
plotly.js's text-size cache: ``docs/deploy.md``, Capacity) builds up over weeks: at ``[wall] reload_hour``, once the
page has been up over an hour, and never while the server does not answer (a reload then would blank the wall).

The page's clock is shifted by a script that runs before the wall's own (the shift is kept in ``sessionStorage``, so
it survives the reload), so the test needs no waiting for the hour."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from app import VIEWS_EXTENSION
from config import Settings
from data.clock import local_now
from data.engine import Store
from tests.browser.conftest import LiveServer, free_port, show, wait_for
from tests.browser.test_wall import ACTIVE_PAGE_READY

pytestmark = pytest.mark.browser

SHIFT_KEY = "test-clock-shift-ms"
SHIFTED_CLOCK = f"""
(() => {{
    const RealDate = Date;
    const shift = () => Number(sessionStorage.getItem("{SHIFT_KEY}") || 0);
    class ShiftedDate extends RealDate {{
        constructor(...args) {{ if (args.length) {{ super(...args); }} else {{ super(RealDate.now() + shift()); }} }}
        static now() {{ return RealDate.now() + shift(); }}
    }}
    window.Date = ShiftedDate;
}})();
"""
PAGE_LOADED_AT = "return performance.timeOrigin"
OFFLINE = "return document.querySelector('.bm-is-offline') !== null"
TICKS = 4  # seconds: several of the wall's once-a-second checks


@pytest.fixture
def quiet_hour_server(demo_settings: Settings, demo_store: Store) -> Iterator[tuple[LiveServer, int]]:
    """The demo app with its reload hour three to four hours ahead, polling every second; and the clock shift (ms)
    that puts the page half an hour into that hour."""
    from app import create_app

    now = local_now(demo_settings.timezone)
    quiet = now.replace(minute=0, second=0) + timedelta(hours=3, minutes=30)
    settings = replace(demo_settings, reload_hour=quiet.hour, refresh_seconds=1)
    app = create_app(settings, demo_store)
    assert app.server.extensions[VIEWS_EXTENSION].wait_ready(60)
    server = LiveServer(app, free_port())
    server.start()
    yield server, int((quiet - now).total_seconds() * 1000)
    server.stop()
    app.server.extensions[VIEWS_EXTENSION].stop()


@pytest.fixture
def shifted_clock(driver):  # type: ignore[no-untyped-def]
    """The session's browser with ``SHIFTED_CLOCK`` run before every page's scripts, for this test only."""
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SHIFTED_CLOCK})
    yield driver
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def _shift_clock(driver, ms: int) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script(f"sessionStorage.setItem('{SHIFT_KEY}', arguments[0])", str(ms))


def _stays_loaded(driver, loaded_at: float) -> None:  # type: ignore[no-untyped-def]
    time.sleep(TICKS)
    assert driver.execute_script(PAGE_LOADED_AT) == loaded_at, "the wall reloaded"
    assert driver.execute_script(ACTIVE_PAGE_READY), "the wall no longer shows its page"


def test_the_wall_reloads_at_the_quiet_hour_once_up_an_hour_and_only_while_the_server_answers(
    shifted_clock, quiet_hour_server
) -> None:  # type: ignore[no-untyped-def]
    driver, (server, to_quiet_hour) = shifted_clock, quiet_hour_server
    show(driver, f"{server.url}/wall?pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "wall not rendered")
    loaded_at = driver.execute_script(PAGE_LOADED_AT)

    _shift_clock(driver, to_quiet_hour - 3600 * 1000)  # up for over an hour, in the hour before the quiet one
    _stays_loaded(driver, loaded_at)

    server.stop()
    wait_for(driver, lambda d: d.execute_script(OFFLINE), 30, "the outage was never marked")
    _shift_clock(driver, to_quiet_hour)  # the quiet hour, but the server does not answer
    _stays_loaded(driver, loaded_at)

    _shift_clock(driver, to_quiet_hour - 3600 * 1000)
    server.start()  # the server answers again outside the quiet hour: the page recovers without a reload
    wait_for(driver, lambda d: not d.execute_script(OFFLINE), 30, "the outage mark never went")
    _stays_loaded(driver, loaded_at)

    _shift_clock(driver, to_quiet_hour)
    wait_for(driver, lambda d: d.execute_script(PAGE_LOADED_AT) != loaded_at, 10, "no reload at the quiet hour")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, "wall not rendered after the reload")
    _stays_loaded(driver, driver.execute_script(PAGE_LOADED_AT))  # the fresh page is not an hour old: once a day
