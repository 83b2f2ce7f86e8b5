"""The drill-down's "导出当前表格 CSV" in a real browser: AG Grid's own export, with every cell written as the
server's CSV writes it (exports.cells): formula-looking text and negative numbers get a leading apostrophe, other
numbers stay as they are, and the file starts with a BOM before the Chinese headers, so Excel opens it right."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from config import Settings
from data.engine import Store
from data.metrics.appeals import APPEAL, ap
from exports.cells import cell_text, neutralise
from tests.browser.conftest import LiveServer, login, serve_copy, show, wait_for

pytestmark = pytest.mark.browser

HYPERLINK = '=HYPERLINK("http://evil.example/x","点我")'
# (content, contact_name, resolution, satisfaction) written into the first three rows of the drill-down
PLANTED = (
    (HYPERLINK, "+1", "@x", 4),
    ("-2+3", "张三", "办结", -1),
    ("普通诉求", "\t李四", "a=b", None),
)
GRID = "const api = dash_ag_grid.getApi('drill-grid');"
FIRST_ROWS = GRID + "return [0, 1, 2].map(i => api.getDisplayedRowAtIndex(i).data.ticket_no);"
FIRST_ROW = GRID + "return api.getDisplayedRowAtIndex(0).data;"
ROW_COUNT = GRID + "return api.getDisplayedRowCount();"
MIRROR_VALUES = ["=1", "+1", "-1", "@x", "\tx", "\rx", "a=b", " =1", "", None, 3, -3, 2.5, 0, True, False, "诉求"]


@pytest.fixture
def copy_server(
    demo_settings: Settings, demo_store: Store, demo_accounts, tmp_path: Path
) -> Iterator[tuple[LiveServer, Store]]:  # type: ignore[no-untyped-def]
    with serve_copy(demo_settings, tmp_path / "drill-export.db") as served:
        yield served


def _open_received(driver) -> None:  # type: ignore[no-untyped-def]
    selector = ".bm-meeting-kpis button[id*='appeals.received']"
    wait_for(driver, lambda d: d.find_elements("css selector", selector), 60, "the meeting figures never appeared")
    driver.find_element("css selector", selector).click()
    wait_for(driver, lambda d: "bm-drill-open" in d.find_element("id", "drill-overlay").get_attribute("class"), 40)
    wait_for(driver, lambda d: d.execute_script(ROW_COUNT), 40)


def _downloaded(folder: Path, name: str, timeout: float = 30) -> bytes:
    deadline = time.monotonic() + timeout
    path = folder / name
    while not path.exists() or any(folder.glob("*.crdownload")):
        assert time.monotonic() < deadline, f"{name} was never downloaded: {sorted(folder.iterdir())}"
        time.sleep(0.1)
    return path.read_bytes()


def test_neutralise_cell_is_exports_cells_in_the_browser(driver, live_server) -> None:  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/")
    wait_for(driver, lambda d: d.execute_script("return !!(window.dashAgGridFunctions || {}).neutraliseCell"), 30)
    got = driver.execute_script(
        "return arguments[0].map(v => window.dashAgGridFunctions.neutraliseCell({value: v}));", MIRROR_VALUES
    )
    assert got == [neutralise(cell_text(v)) for v in MIRROR_VALUES]
    assert got[:6] == ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx"] and got[10:13] == ["3", "'-3", "2.5"]


def test_the_grid_export_is_neutralised_with_chinese_headers(driver, copy_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, store = copy_server
    login(driver, server, "leader")
    show(driver, f"{server.url}/")
    _open_received(driver)
    tickets = driver.execute_script(FIRST_ROWS)
    with store.write() as conn:
        for ticket, (content, contact, resolution, satisfaction) in zip(tickets, PLANTED, strict=True):
            values = {
                "content": content,
                "contact_name": contact,
                "resolution": resolution,
                "satisfaction": satisfaction,
            }
            conn.execute(update(APPEAL).where(ap.ticket_no == ticket).values(**values))
    driver.find_element("id", "drill-close").click()
    _open_received(driver)  # the rows are read again when the figure is clicked again
    wait_for(
        driver, lambda d: d.execute_script(FIRST_ROW)["content"] == HYPERLINK, 20, "the planted row is not in the grid"
    )
    shown = driver.execute_script(ROW_COUNT)

    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    driver.find_element("id", "drill-export").click()
    body = _downloaded(tmp_path, "明细.csv")

    assert body.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(table) == shown
    assert {"诉求编号", "诉求内容", "联系人", "办理结果", "满意度", "受理时间"} <= set(table[0])
    by_ticket = {row["诉求编号"]: row for row in table}
    cells = [[by_ticket[t][h] for h in ("诉求内容", "联系人", "办理结果", "满意度")] for t in tickets]
    assert cells == [
        ["'" + HYPERLINK, "'+1", "'@x", "4"],
        ["'-2+3", "张三", "办结", "'-1"],
        ["普通诉求", "'\t李四", "a=b", ""],
    ]
    # every other cell: no formula start survives, and the received times are the grid's own text
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [v for row in table for v in row.values() if v.startswith(starts)]
    assert by_ticket[tickets[0]]["受理时间"] == driver.execute_script(FIRST_ROW)["received_at"]
