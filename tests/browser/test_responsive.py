"""The meeting and department views on a phone (390×844) and a tablet (768×1024) in real Chromium, emulated as a
touch device: no horizontal scroll, no two KPI tiles or panels overlapping, every table wider than its card scrolls
inside the card. Screenshots (the screen and the whole page) are saved to docs/screenshots/responsive/ and
committed, so a change to the look shows in review."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import OVERLAPS, WIDTHS, emulate_touch, full_page_shot, login, wait_for

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "responsive"
SIZES = ((390, 844), (768, 1024))
VIEWS = (
    ("meeting", "/", "meeting-body", ".bm-meeting-kpis .bm-kpi", ".bm-meeting-grid > .bm-panel"),
    (
        "department",
        "/department?name=%E5%B8%82%E7%A8%8E%E5%8A%A1%E5%B1%80",
        "dept-body",
        ".bm-dept-kpis .bm-kpi",
        ".bm-page-grid > .bm-panel",
    ),
)
CLIPPED_TABLES = """
    const out = [];
    for (const t of document.querySelectorAll('.bm-meeting-main table')) {
        const card = t.closest('.bm-scroll, .bm-panel-body');
        if (!card || t.scrollWidth <= card.clientWidth + 1) continue;
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(card).overflowX);
        if (!scrolls) out.push(t.className + ' ' + t.scrollWidth + '>' + card.clientWidth);
    }
    return out;"""
OUTSIDE = """
    const w = window.innerWidth, out = [];
    for (const e of document.querySelectorAll('.bm-meeting *')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > w + 1 && !e.closest('.bm-scroll, .bm-drill-overlay')) {
            out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
        }
    }
    return out.slice(0, 5);"""


@pytest.mark.parametrize(("width", "height"), SIZES, ids=("phone", "tablet"))
def test_the_meeting_and_department_views_fit_phones_and_tablets(phone, live_server, width, height):  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    login(phone, live_server, "leader")
    emulate_touch(phone, width, height)
    for name, path, body, tiles, panels in VIEWS:
        phone.get(f"{live_server.url}{path}")
        wait_for(phone, lambda d, t=tiles: len(d.find_elements("css selector", t)) >= 5, 60, f"{name}: no tiles")
        wait_for(phone, lambda d, b=body: "加载" not in d.find_element("id", b).text, 30)
        phone.execute_script("return document.fonts.ready")
        phone.save_screenshot(str(SHOTS / f"{name}-{width}x{height}.png"))
        full_page_shot(phone, SHOTS / f"{name}-{width}x{height}-full.png")
        scroll, inner, body_scroll = phone.execute_script(WIDTHS)
        outside = phone.execute_script(OUTSIDE)
        assert scroll <= width and body_scroll <= width and inner == width, (name, scroll, inner, outside)
        count, overlapping = phone.execute_script(OVERLAPS, tiles)
        assert count >= 5 and overlapping == [], (name, overlapping)
        count, overlapping = phone.execute_script(OVERLAPS, panels)
        assert count >= 2 and overlapping == [], (name, overlapping)
        assert phone.execute_script(CLIPPED_TABLES) == [], name
