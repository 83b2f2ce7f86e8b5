"""At 02:00 — the page's clock and the server's both set by the test — an appeal due at 23:59 that day is not 逾期:
not on the wall (the district tile's 应办结 count), not in the meeting view (逾期未办结 and the rows behind it), not
in the brief; and the same appeal is 逾期 once the server's clock has passed 23:59.

Runs on a private copy of the demo database, so the other browser tests keep their data and their clock."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from app import VIEWS_EXTENSION
from callbacks.filters import Filters
from callbacks.views.context import ViewContext
from config import Settings, load_settings
from data import drilldown
from data.clock import local_now, set_clock
from data.engine import Store
from data.metrics import appeals
from etl.bootstrap import prepare_store
from etl.importer import import_file
from tests.brief_workbook import figures, table_rows
from tests.browser.conftest import LiveServer, free_port, login, show, wait_for
from tests.browser.test_meeting import _digits, _fetch, _kpi_numbers
from tests.browser.test_wall import ACTIVE_PAGE_READY

pytestmark = pytest.mark.browser

TICKET = "CLOCK0001"
HEADER = "诉求编号,企业名称,所属县区,承办单位,受理时间,办理时限,办理状态"
FIXED_CLOCK = """
(() => {
    const RealDate = Date, shift = %d - RealDate.now();
    class FixedDate extends RealDate {
        constructor(...args) { if (args.length) { super(...args); } else { super(RealDate.now() + shift); } }
        static now() { return RealDate.now() + shift; }
    }
    window.Date = FixedDate;
})();
"""
TILE = """
for (const tile of document.querySelectorAll('.bm-page-active .bm-tile')) {
    if (tile.querySelector('.bm-tile-name').textContent === arguments[0]) {
        return tile.querySelector('.bm-tile-detail').textContent;
    }
}
return null;"""


@pytest.fixture
def two_am(
    demo_settings: Settings, demo_store: Store, demo_accounts: dict[str, str], tmp_path: Path
) -> Iterator[tuple[LiveServer, Store, datetime]]:
    """The app at 02:00 today on a copy of the demo database (with its accounts) holding one more appeal, open and
    due at 23:59 today."""
    from app import create_app

    now = datetime.combine(local_now(demo_settings.timezone).date(), time(2, 0))
    set_clock(now)
    source = demo_settings.database_url.removeprefix("sqlite:///")
    target = tmp_path / "clock.db"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    settings = replace(load_settings(environ={}, database_url=f"sqlite:///{target}"), refresh_seconds=1)
    store, _notes = prepare_store(settings)
    path = tmp_path / "appeals_clock.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER.split(","))
        day = f"{now:%Y-%m-%d}"
        out.writerow([TICKET, "淮川恒达科技有限公司", "淮川区", "市税务局", f"{day} 01:00", f"{day} 23:59", "办理中"])
    [result] = import_file(store, settings, path)
    assert result.status == "loaded" and result.rows_inserted == 1
    app = create_app(settings, store)
    server = LiveServer(app, free_port())
    try:
        assert app.server.extensions[VIEWS_EXTENSION].wait_ready(60)
        server.start()
        yield server, store, now
    finally:
        server.stop()
        app.server.extensions[VIEWS_EXTENSION].stop()
        store.dispose()
        set_clock(None)


@pytest.fixture
def page_at(driver, two_am):  # type: ignore[no-untyped-def]
    """The session's browser with its clock at the server's 02:00 (for this test only)."""
    _server, _store, now = two_am
    epoch_ms = int(now.replace(tzinfo=ZoneInfo("Asia/Shanghai")).timestamp() * 1000)
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIXED_CLOCK % epoch_ms})
    yield driver
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


def _tickets(csv_bytes: bytes) -> list[str]:
    return [row[0] for row in csv.reader(io.StringIO(csv_bytes.decode("utf-8-sig")))][1:]


def test_an_appeal_due_at_2359_is_not_overdue_at_0200(page_at, two_am) -> None:  # type: ignore[no-untyped-def]
    driver, (server, store, now) = page_at, two_am
    settings = server.app.server.extensions[VIEWS_EXTENSION].settings
    wall_scope = replace(ViewContext(settings, now).period_scope, region_codes=("HC01",))
    meeting_scope = Filters.of("rolling").scope(now)
    with store.read() as conn:
        owed = int(appeals.on_time_rate(conn, wall_scope).denominator)
        owed_tonight = int(appeals.on_time_rate(conn, replace(wall_scope, now=None)).denominator)
        overdue = drilldown.count(conn, meeting_scope, "appeals.overdue", settings.rag)
        overdue_tonight = drilldown.count(conn, replace(meeting_scope, now=None), "appeals.overdue", settings.rag)
        received = drilldown.rows(conn, meeting_scope, "appeals.received", settings.rag)
    assert TICKET in set(received["ticket_no"])
    # by the end of the day the ticket is owed and 逾期 (so each figure below would show it if it were counted)
    assert owed_tonight > owed and overdue_tonight > overdue

    # the wall: the page's clock reads 02:00, and 淮川区's tile counts the appeals owed at 02:00
    show(driver, f"{server.url}/wall?page=overview&pause=1")
    wait_for(driver, lambda d: d.execute_script(ACTIVE_PAGE_READY), 40, "overview not rendered")
    wait_for(driver, lambda d: re.search(rf"{now:%Y-%m-%d} .* 02:0\d", d.find_element("id", "wall-clock").text), 5)
    assert driver.execute_script(TILE, "淮川区") == f"{owed:,d} 件应办结"

    # the meeting view: 逾期未办结 as at 02:00, and the rows behind it without the ticket
    login(driver, server, "leader")
    show(driver, f"{server.url}/")
    wait_for(driver, lambda d: "appeals.overdue" in _kpi_numbers(d), 60, "the meeting figures never appeared")
    assert [_digits(text) for text in _kpi_numbers(driver)["appeals.overdue"]] == [overdue]
    rows = _fetch(driver, f"{server.url}/download/rows.csv?kind=rolling&measure=appeals.overdue")
    assert len(_tickets(rows)) == overdue and TICKET not in _tickets(rows)

    # the brief: the same count, and the ticket in no overdue list
    book = load_workbook(io.BytesIO(_fetch(driver, f"{server.url}/download/brief.xlsx?kind=rolling")))
    assert figures(book)["逾期未办结诉求"] == f"{overdue:,d} 件"
    listed = table_rows(book, "逾期未办结企业诉求（按承办单位）")
    assert TICKET not in {cell for row in listed for cell in row}

    # a minute after 23:59 the server counts the ticket 逾期 (a new login: the 02:00 session has passed its lifetime)
    set_clock(now.replace(hour=23, minute=59) + timedelta(minutes=1))
    login(driver, server, "leader")
    rows = _fetch(driver, f"{server.url}/download/rows.csv?kind=rolling&measure=appeals.overdue")
    assert TICKET in _tickets(rows)
