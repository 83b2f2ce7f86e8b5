"""Only Chinese on screen: every page (wall, meeting view with its drill-down grid and an opened filter,
department view, operator page, screens page, phone view) and the brief (PDF and Excel) carry no Latin word outside
an allow-list of units, formats and codes."""

from __future__ import annotations

import io
import re
import urllib.request

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.browser.conftest import login, show, wait_for

pytestmark = pytest.mark.browser

LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_.-])[A-Za-z]{2,}(?![A-Za-z0-9_])")
# Units, file formats and names people say in Latin letters; codes mixing letters and digits (P003, 2026Q3,
# HC01) are not words and never match.
ALLOWED = {"CSV", "PDF", "Excel", "GDP", "CPI", "PPI", "km", "kWh", "Wh", "MB", "KB", "GB", "ID"}
ACCOUNTS = {"admin", "leader", "operator"}  # the test logins' user names, shown as the signed-in user
KEYS = {"Esc", "PageUp", "PageDown"}  # keys named as on the keyboard
# What an operator types, quoted as code on the operator page: a command line, a config section.
CODE = re.compile(r"battlemap(?: [a-z][a-z_-]*| --?[a-z-]+| [A-Z]+)+|\[[a-z_]+(?:\.[a-z_0-9]+)*\]")
PAGE_TEXT = """
const root = document.getElementById('react-entry-point');
const texts = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement && n.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
while (walker.nextNode()) texts.push(walker.currentNode.nodeValue);
for (const el of root.querySelectorAll('[placeholder], [title], [aria-label]'))
    for (const name of ['placeholder', 'title', 'aria-label']) texts.push(el.getAttribute(name) || '');
return texts.join(' ');
"""


def latin_words(text: str) -> set[str]:
    return {w for w in LATIN_WORD.findall(CODE.sub(" ", text)) if w not in ALLOWED | ACCOUNTS | KEYS}


def test_the_scanner_finds_latin_words() -> None:
    assert latin_words("第 1 页 Page Size 1 to 2 of 2；P003 受阻，2026Q3，CSV 导出，HC01") == {
        "Page",
        "Size",
        "to",
        "of",
    }


def _fetch(driver, url: str) -> bytes:  # type: ignore[no-untyped-def]
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=120) as response:
        return response.read()


def test_every_screen_and_the_brief_speak_only_chinese(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, set[str]] = {}
    show(driver, f"{live_server.url}/wall")
    wait_for(driver, lambda d: d.find_elements("css selector", ".bm-page-active .bm-panel"), 60)
    found["/wall"] = latin_words(driver.execute_script(PAGE_TEXT))

    login(driver, live_server, "admin")
    show(driver, f"{live_server.url}/")
    wait_for(driver, lambda d: len(d.find_elements("css selector", ".bm-meeting-kpis button.bm-drill")) >= 15, 60)
    driver.find_element("css selector", "#meeting-region").click()
    wait_for(driver, lambda d: "全选" in d.execute_script(PAGE_TEXT) or None, 10, "the region list never opened")
    found["/ (filters)"] = latin_words(driver.execute_script(PAGE_TEXT))
    driver.find_element("css selector", ".bm-meeting-kpis button.bm-drill").click()
    wait_for(driver, lambda d: "bm-drill-open" in d.find_element("id", "drill-overlay").get_attribute("class"), 40)
    wait_for(driver, lambda d: d.find_elements("css selector", "#drill-grid .ag-paging-panel"), 40)
    found["/ (drill-down)"] = latin_words(driver.execute_script(PAGE_TEXT))
    pdf = PdfReader(io.BytesIO(_fetch(driver, driver.find_element("id", "meeting-brief-pdf").get_attribute("href"))))
    found["brief.pdf"] = latin_words("".join(page.extract_text() for page in pdf.pages))
    book = load_workbook(
        io.BytesIO(_fetch(driver, driver.find_element("id", "meeting-brief-xlsx").get_attribute("href")))
    )
    cells = " ".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v)
    found["brief.xlsx"] = latin_words(cells + " " + " ".join(book.sheetnames))

    views = {
        "/department?name=%E5%B8%82%E7%A8%8E%E5%8A%A1%E5%B1%80": "#dept-body .bm-panel",
        "/operator": "#op-runs tr",
        "/ops": "#op-ops-audit div, #op-ops-audit ul",
    }
    for path, filled in views.items():
        show(driver, f"{live_server.url}{path}")
        wait_for(driver, lambda d, css=filled: d.find_elements("css selector", css), 60, f"{path} stayed empty")
        found[path] = latin_words(driver.execute_script(PAGE_TEXT))
    show(driver, f"{live_server.url}/m")
    found["/m"] = latin_words(driver.find_element("tag name", "body").text)
    assert {where: words for where, words in found.items() if words} == {}
