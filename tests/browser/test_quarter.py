"""The wall, the meeting view, the department view and the brief show the same quarter's 骏马奖 / 蜗牛奖: the last
closed quarter, as issued (the demo issues its year's closed quarters as it loads), with the ranking's rule."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from data.clock import local_today
from data.standings import last_closed_quarter
from tests.browser.conftest import login, show, wait_for
from tests.browser.test_meeting import _fetch
from tests.browser.test_wall import ACTIVE_PAGE_READY

pytestmark = pytest.mark.browser


def test_every_surface_shows_the_same_issued_quarter(driver, live_server, demo_settings) -> None:  # type: ignore[no-untyped-def]
    shown = f"{last_closed_quarter(local_today(demo_settings.timezone))} · 已发布（第 1 版）"

    show(driver, f"{live_server.url}/wall?page=evaluation&pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 40, "evaluation page not rendered")
    wall = driver.find_element("css selector", ".bm-page-active [data-panel='awards'] .bm-panel-tab").text
    assert wall.startswith(f"{shown} 骏马奖")

    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/")
    wait_for(driver, lambda d: d.find_elements("css selector", ".bm-m-awards .bm-award-period"), 60, "no awards")
    assert driver.find_element("css selector", ".bm-m-awards .bm-award-period").text.startswith(shown)

    show(driver, f"{live_server.url}/department?name=%E5%B8%82%E7%A8%8E%E5%8A%A1%E5%B1%80")
    wait_for(driver, lambda d: "市税务局" in d.find_element("id", "dept-body").text, 60, "department view empty")
    assert driver.find_element("css selector", "#dept-body h2").text == f"市税务局 · {shown}"

    pdf = PdfReader(io.BytesIO(_fetch(driver, f"{live_server.url}/download/brief.pdf?kind=rolling")))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    assert re.sub(r"\s+", "", shown) in text
