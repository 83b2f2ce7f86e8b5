"""The wall's panels used well (issue 16), in headless Chromium on every page of the rotation: no text is cut off
(clipped, or ended with "…") unless it was fitted — shrunk to the canvas's minimum font size, then wrapped — so it
all shows; no panel is mostly empty; the appeal trend has its legend and month and year labels that never run into
each other."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import show, wait_for
from tests.browser.test_wall import ACTIVE_PAGE_READY, _active_index

pytestmark = pytest.mark.browser

# Every element of the page on screen (outside the figures) that hides what does not fit — clipped or ended with an
# ellipsis, on one line or clamped to a few — and whose content does not fit: its text and what was hidden.
CUT_TEXT = """
const page = document.querySelector('.bm-page-active');
const cut = [];
page.querySelectorAll('*').forEach(el => {
    if (el.closest('.js-plotly-plot') || !el.textContent.trim() || el.getClientRects().length === 0) return;
    const style = getComputedStyle(el);
    if (el.classList.contains('bm-panel-body') || el.classList.contains('bm-pager-page')) return;
    const clipsX = style.overflowX !== 'visible', clipsY = style.overflowY !== 'visible';
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;  // a glyph's overhang is no cut
    const box = el.getBoundingClientRect(), scale = box.width / el.offsetWidth, range = document.createRange();
    range.selectNodeContents(el);  // the laid-out text: wider by a fraction of a pixel still shows the ellipsis
    const right = box.right - (parseFloat(style.paddingRight) + parseFloat(style.borderRightWidth)) * scale;
    const wider = el.scrollWidth > el.clientWidth || range.getBoundingClientRect().right > right + 0.05 * scale;
    if (clipsX && wider) cut.push([el.textContent.trim(), 'width']);
    else if (clipsY && el.scrollHeight > el.clientHeight + line / 2) cut.push([el.textContent.trim(), 'height']);
});
return cut;
"""

MIN_FONT = "return parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--bm-min-font'))"

# The smallest font size of any text the fitting shrank, on the page on screen.
SMALLEST_FITTED = """
const sizes = Array.from(document.querySelectorAll('.bm-page-active [data-fit]'))
    .map(el => parseFloat(getComputedStyle(el).fontSize));
return sizes.length ? Math.min(...sizes) : null;
"""

# Each panel's share of its body's height that its content spans (from the top of the first thing in it to the
# bottom of the last; a figure counts as its drawn plot area and labels).
PANEL_FILL = """
const page = document.querySelector('.bm-page-active');
return Array.from(page.querySelectorAll('.bm-panel')).map(panel => {
    const body = panel.querySelector('.bm-panel-body').getBoundingClientRect();
    let top = Infinity, bottom = -Infinity;
    panel.querySelectorAll('.bm-panel-body *').forEach(el => {
        const drawn = el.matches('.js-plotly-plot .main-svg .draglayer, .js-plotly-plot .main-svg text')
            || (!el.closest('.js-plotly-plot') && el.childElementCount === 0 && el.textContent.trim())
            || el.matches('img, canvas, .bm-bar, .bm-fill-bar');
        if (!drawn) return;
        const r = el.getBoundingClientRect();
        if (r.height === 0 || r.bottom < body.top || r.top > body.bottom) return;
        top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    });
    const share = bottom > top ? (Math.min(bottom, body.bottom) - Math.max(top, body.top)) / body.height : 0;
    return [panel.querySelector('.bm-panel-tab').textContent, Math.round(share * 100) / 100];
});
"""

# Pairs of x-axis labels (tick labels and the year annotations under them) that overlap, per figure.
TICK_OVERLAPS = """
const out = [];
document.querySelectorAll('.bm-page-active .js-plotly-plot').forEach(gd => {
    const labels = Array.from(gd.querySelectorAll('.xtick text, .annotation-text'))
        .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
    labels.forEach(([ta, a], i) => labels.slice(i + 1).forEach(([tb, b]) => {
        const apart = a.right - 0.5 <= b.left || b.right - 0.5 <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        if (!apart) out.push([ta, tb]);
    }));
});
return out;
"""

LEGEND_ITEMS = """
const gd = document.querySelector('.bm-page-active [data-panel="trend"] .js-plotly-plot');
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
return Array.from(gd.querySelectorAll('.legend .traces')).map(t => {
    const r = t.getBoundingClientRect();
    const inside = r.top >= svg.top && r.bottom <= svg.bottom && r.left >= svg.left && r.right <= svg.right;
    return [t.textContent, inside];
});
"""

YEARS = """
const gd = document.querySelector('.bm-page-active [data-panel="trend"] .js-plotly-plot');
return [gd.data[0].x, Array.from(gd.querySelectorAll('.annotation-text')).map(t => t.textContent)];
"""

MOSTLY_EMPTY = 0.6  # a panel whose content spans less than this share of its height is mostly empty


def _visit_pages(driver, base: str, width: int, height: int):  # type: ignore[no-untyped-def]
    """Each page of the rotation in turn, drawn: yields its name."""
    show(driver, f"{base}/wall?page=1&pause=1", width, height)
    body = driver.find_element("tag name", "body")
    count = None
    number = 0
    while count is None or number < count:
        if number:
            body.send_keys(Keys.ARROW_RIGHT)
        wait_for(driver, lambda d, n=number: _active_index(d) == n, message=f"page {number + 1} never became active")
        wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 30, f"page {number + 1} not rendered")
        count = driver.execute_script("return document.querySelectorAll('.bm-page').length")
        yield driver.execute_script("return document.querySelector('.bm-page-active').getAttribute('data-page')")
        number += 1


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)], ids=["1920x1080", "3840x2160"])
def test_no_text_is_cut_off_and_no_panel_is_mostly_empty(driver, live_server, size) -> None:  # type: ignore[no-untyped-def]
    minimum = None
    seen = []
    for page in _visit_pages(driver, live_server.url, *size):
        seen.append(page)
        minimum = minimum or driver.execute_script(MIN_FONT)
        assert driver.execute_script(CUT_TEXT) == [], f"text cut off on {page}"
        smallest = driver.execute_script(SMALLEST_FITTED)
        assert smallest is None or smallest >= minimum, f"{page}: fitted below the minimum font size"
        empty = [(title, share) for title, share in driver.execute_script(PANEL_FILL) if share < MOSTLY_EMPTY]
        assert empty == [], f"mostly empty panels on {page}"
        assert driver.execute_script(TICK_OVERLAPS) == [], f"x-axis labels overlap on {page}"
    assert minimum == 16 and len(seen) == 7


def test_the_appeal_trend_has_a_legend_and_readable_month_and_year_labels(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    for page in _visit_pages(driver, live_server.url, 1920, 1080):
        if page not in ("overview", "appeals"):
            continue
        assert driver.execute_script(LEGEND_ITEMS) == [["受理", True], ["办结", True], ["按时办结率", True]], page
        months, years = driver.execute_script(YEARS)
        assert len(months) == 13 and years == sorted({f"{m[:4]}年" for m in months}), page  # each year written once
        assert driver.execute_script(TICK_OVERLAPS) == [], f"x-axis labels overlap on {page}"
