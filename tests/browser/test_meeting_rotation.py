"""The meeting view's 轮播 (presentation) mode in headless Chromium, logged in as a leader: one subject section at a
time, advancing by ``[meeting] rotate_seconds``; → / ← step, space pauses (已暂停, no advance), Esc restores the
full view; keys typed into a dropdown do nothing; a filter stays applied and re-renders within the mode; a
drill-down still opens its rows and holds the rotation while open. Screenshots of every section go to
test-artifacts/."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from config import Settings
from data.engine import Store
from layouts.meeting_sections import SECTIONS
from tests.browser.conftest import LiveServer, free_port, login, severe_console_errors, show, wait_for

pytestmark = pytest.mark.browser

DWELL = 3
ALL_SECTIONS = [s.key for s in SECTIONS]
AFTER_CLEARANCE = ALL_SECTIONS[(ALL_SECTIONS.index("clearance") + 1) % len(ALL_SECTIONS)]

SHOWN_SECTIONS = """
const keys = [];
for (const el of document.querySelectorAll('#meeting-body .bm-sec')) {
    if (arguments[0] && getComputedStyle(el).display === 'none') continue;
    const key = Array.from(el.classList).find(c => c.startsWith('bm-sec-')).slice('bm-sec-'.length);
    if (!keys.includes(key)) keys.push(key);
}
return keys;
"""

FITS_THE_SCREEN = "return document.documentElement.scrollHeight <= window.innerHeight"


@pytest.fixture(scope="module")
def rotating_server(demo_settings: Settings, demo_store: Store, demo_accounts: dict[str, str]) -> Iterator[LiveServer]:
    """The app on the demo data (and its login accounts) with a short 轮播 dwell."""
    from app import create_app

    server = LiveServer(create_app(replace(demo_settings, meeting_rotate_seconds=DWELL), demo_store), free_port())
    server.start()
    yield server
    server.stop()


def _shown(driver, displayed: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """The sections in the body (by default only those displayed), each once, in page order."""
    return driver.execute_script(SHOWN_SECTIONS, displayed)


def _indicator(driver) -> str:  # type: ignore[no-untyped-def]
    element = driver.find_element("id", "meeting-rotate-indicator")
    return " ".join(element.text.split()) if element.is_displayed() else ""


def _press(driver, key: str) -> None:  # type: ignore[no-untyped-def]
    """A key pressed on whatever has the focus, as a person at the meeting PC would."""
    ActionChains(driver).send_keys(key).perform()


def _expect(driver, section: str, paused: bool, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    position = f"{ALL_SECTIONS.index(section) + 1}/{len(SECTIONS)}"
    title = next(s.title for s in SECTIONS if s.key == section)
    indicator = f"{title} {position}" + (" ‖ 已暂停" if paused else "")
    wait_for(
        driver,
        lambda d: _shown(d) == [section] and _indicator(d) == indicator,
        timeout,
        f"expected {section} ({indicator}), saw {_shown(driver)} / {_indicator(driver)!r}",
    )


def _stays(driver, section: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert _shown(driver) == [section], "the rotation moved on while it should hold"
        time.sleep(0.2)


def _open_meeting(driver, server: LiveServer, query: str = "") -> None:  # type: ignore[no-untyped-def]
    login(driver, server, "leader")
    show(driver, f"{server.url}/{query}")
    wait_for(driver, lambda d: sorted(_shown(d, False)) == sorted(ALL_SECTIONS), 60, "a section is missing")


def test_the_toggle_steps_pauses_and_leaves_presentation_mode(driver, rotating_server, artifacts):  # type: ignore[no-untyped-def]
    _open_meeting(driver, rotating_server)
    assert sorted(_shown(driver)) == sorted(ALL_SECTIONS) and _indicator(driver) == ""

    driver.find_element("id", "meeting-rotate-toggle").click()
    _expect(driver, ALL_SECTIONS[0], paused=False)
    second = ALL_SECTIONS[1]
    _expect(driver, second, paused=False, timeout=DWELL * 3)  # the dwell advances it

    _press(driver, Keys.SPACE)
    _expect(driver, second, paused=True)
    _stays(driver, second, DWELL * 2 + 1)

    start = 1
    for step in range(1, len(SECTIONS) + 1):  # → visits every section and wraps round; it stays paused
        _press(driver, Keys.ARROW_RIGHT)
        section = ALL_SECTIONS[(start + step) % len(SECTIONS)]
        _expect(driver, section, paused=True)
        driver.save_screenshot(str(artifacts / f"meeting-rotate-{step}-{section}.png"))
        assert driver.execute_script(FITS_THE_SCREEN), f"{section} does not fit 1920×1080"
    last, before_last = ALL_SECTIONS[-1], ALL_SECTIONS[-2]
    for section in (ALL_SECTIONS[0], last, before_last):  # ← wraps round from the first section to the last
        _press(driver, Keys.ARROW_LEFT)
        _expect(driver, section, paused=True)
    _press(driver, Keys.PAGE_DOWN)
    _expect(driver, last, paused=True)
    _press(driver, Keys.PAGE_UP)
    _expect(driver, before_last, paused=True)

    _press(driver, Keys.SPACE)
    _expect(driver, before_last, paused=False)
    _expect(driver, last, paused=False, timeout=DWELL * 3)

    _press(driver, Keys.ESCAPE)
    wait_for(
        driver,
        lambda d: sorted(_shown(d)) == sorted(ALL_SECTIONS) and _indicator(d) == "",
        10,
        "Esc kept presentation mode",
    )
    assert "bm-rotating" not in driver.find_element("id", "meeting-root").get_attribute("class")
    _press(driver, Keys.ARROW_RIGHT)  # outside the mode, keys do nothing
    time.sleep(0.5)
    assert sorted(_shown(driver)) == sorted(ALL_SECTIONS)
    assert severe_console_errors(driver) == []


def test_the_url_enters_the_mode_and_the_toggle_leaves_it(driver, rotating_server):  # type: ignore[no-untyped-def]
    _open_meeting(driver, rotating_server, "?rotate=1&page=2&pause=1")
    _expect(driver, ALL_SECTIONS[1], paused=True)
    _stays(driver, ALL_SECTIONS[1], DWELL + 1)
    driver.find_element("id", "meeting-rotate-toggle").click()
    wait_for(
        driver,
        lambda d: sorted(_shown(d)) == sorted(ALL_SECTIONS) and _indicator(d) == "",
        10,
        "the toggle kept the mode",
    )
    assert severe_console_errors(driver) == []


def test_keys_typed_into_a_filter_do_not_step_and_a_filter_applies_within_the_mode(driver, rotating_server):  # type: ignore[no-untyped-def]
    _open_meeting(driver, rotating_server, "?rotate=1&page=clearance&pause=1")
    _expect(driver, "clearance", paused=True)
    note = driver.find_element("id", "meeting-filter-note").text

    driver.find_element("css selector", "#meeting-department").click()
    search = wait_for(driver, lambda d: d.find_element("css selector", ".dash-dropdown-search"), 10)
    wait_for(driver, lambda d: d.switch_to.active_element == search, 10, "the dropdown's search has no focus")
    for key in (Keys.ARROW_RIGHT, Keys.SPACE, Keys.ARROW_LEFT, Keys.PAGE_DOWN):
        _press(driver, key)
    time.sleep(0.5)
    _expect(driver, "clearance", paused=True)
    _press(driver, Keys.ESCAPE)  # closes the dropdown, not the mode
    time.sleep(0.5)
    _expect(driver, "clearance", paused=True)
    driver.find_element("tag name", "h1").click()  # focus back on the page

    driver.find_element("css selector", "#meeting-period-kind input[value='quarter']").click()
    wait_for(driver, lambda d: d.find_element("id", "meeting-filter-note").text != note, 40, "filter not applied")
    _expect(driver, "clearance", paused=True)  # the re-rendered body is still shown one section at a time
    quarter_note = driver.find_element("id", "meeting-filter-note").text
    assert "Q" in quarter_note
    driver.find_element("tag name", "h1").click()
    _press(driver, Keys.ARROW_RIGHT)
    _expect(driver, AFTER_CLEARANCE, paused=True)
    assert driver.find_element("id", "meeting-filter-note").text == quarter_note
    assert severe_console_errors(driver) == []


def test_a_drill_down_opens_its_rows_and_holds_the_rotation(driver, rotating_server):  # type: ignore[no-untyped-def]
    _open_meeting(driver, rotating_server, "?rotate=1&page=clearance&pause=1")
    _expect(driver, "clearance", paused=True)
    _press(driver, Keys.SPACE)  # running: the drill-down must hold it
    _expect(driver, "clearance", paused=False)
    button = driver.find_element("css selector", ".bm-meeting-kpis button[id*='clearance.overdue']")
    expected = int(button.text)
    button.click()
    wait_for(driver, lambda d: "bm-drill-open" in d.find_element("id", "drill-overlay").get_attribute("class"), 10)
    assert _shown(driver) == ["clearance"], "the rotation moved on before the drill-down opened"
    wait_for(driver, lambda d: d.find_element("id", "drill-count").text.startswith("共"), 20)
    assert int("".join(c for c in driver.find_element("id", "drill-count").text if c.isdigit())) == expected
    _press(driver, Keys.ARROW_RIGHT)  # the grid's keys, not the rotation's
    _stays(driver, "clearance", DWELL * 2 + 1)
    driver.find_element("id", "drill-close").click()
    _expect(driver, AFTER_CLEARANCE, paused=False, timeout=DWELL * 3)
    assert severe_console_errors(driver) == []
