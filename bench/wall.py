"""Wall benchmark (issue 4): ``battlemap serve --prod`` on 127.0.0.1 with 1,000,000 appeals and 1,000,000 reviews.

``python -m bench.wall [--database PATH] [--cycles 1000]``. The database is built once by ``bench.scale_data`` and
reused from /tmp. Measured: a refresh when nothing changed (the status poll, which is all the wall asks then),
the time from an import until the status reports the new views, the refresh when data changed (the page on screen
asked for by a browser that shows it at the old version: a Patch) and the p95 of requests while the rebuild runs,
the first full render at 3840×2160 in headless Chromium (the median of ``--cold-loads`` loads, each in a browser
with a fresh profile: one cold load on a shared machine is mostly noise), and the JS heap — after two forced garbage
collections once requests have settled — after warm-up (two slow rounds of the rotation: every page drawn once,
then ``--warmup-cycles`` quick steps) and after ``--cycles`` more rotation steps with the status poll running every
second.
Last line: one JSON object with ``unchanged_ms``, ``unchanged_bytes``, ``changed_p95_ms``, ``first_render_ms``,
``heap_start_mb``, ``heap_end_mb`` (and ``rebuild_s``, ``first_build_s``, ``visible_after_import_s``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.load import RECORDER, _percentile
from bench.scale_data import build
from bench.soak import fresh_appeals
from tests.browser.conftest import CHROMEDRIVER, _chrome_options, free_port
from tests.browser.test_wall import ACTIVE_PAGE_READY
from tests.prod_server import battlemap_env, start, stop, wait_healthy, write_config

CALLBACK = "/_dash-update-component"
PAGES = ("overview", "appeals", "projects", "clearance", "evaluation", "economy")


def _config(folder: Path) -> Path:
    pages = "".join(f'[[wall.pages]]\nname = "{n}"\ntitle = "{n}"\ndwell = 30\n' for n in PAGES)
    server = "[server]\nworkers = 1\nthreads = 8\ntimeout = 600\n"
    return write_config(folder, f"[wall]\nrefresh_seconds = 1\n{pages}[scheduler]\nin_app = false\n{server}")


class Http:
    """A keep-alive connection that times each request and counts the bytes on the wire (headers and body)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[float, int, bytes]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        payload = json.dumps(body) if body is not None else None
        try:
            self.conn.request(method, path, payload, headers)
            self.conn.getresponse().read()  # warms the keep-alive connection (the server closes idle ones)
        except (OSError, http.client.HTTPException):
            self.conn.close()
        started = time.perf_counter()
        self.conn.request(method, path, payload, headers)
        response = self.conn.getresponse()
        data = response.read()
        ms = (time.perf_counter() - started) * 1000
        head = sum(len(k) + len(v) + 4 for k, v in response.getheaders()) + len("HTTP/1.1 200 OK\r\n\r\n")
        if response.status != 200:
            raise SystemExit(f"{method} {path}: HTTP {response.status}")
        return ms, head + len(data), data

    def status(self) -> dict:
        return json.loads(self.call("GET", "/api/status")[2])


def _wait_version(client: Http, differs_from: str | None, timeout: float) -> tuple[str, float]:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        version = client.status()["version"]
        if version is not None and version != differs_from:
            return version, time.monotonic() - started
        time.sleep(0.05)
    raise SystemExit(f"the served version never moved on from {differs_from} in {timeout:.0f} s")


def _browser(folder: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _chrome_options(str(folder))
    options.add_argument("--enable-precise-memory-info")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.execute_cdp_cmd("Performance.enable", {})
    return driver


def _asking(body: dict, shown_version: str) -> dict:
    """The wall's page request as a browser showing page 1 at ``shown_version`` sends it once the version moved."""
    asked = json.loads(json.dumps(body))
    for item in asked["inputs"]:
        if item["id"] == "wall-want":
            item["value"] = {"pages": [0], "version": "new"}
    for item in asked["state"]:
        if item["id"] == "wall-rendered":
            item["value"] = {"0": shown_version}
    return asked


def first_render_ms(driver, base: str) -> float:  # type: ignore[no-untyped-def]
    """Navigation start → the active page's panels and figures all drawn, at 3840×2160, in ``driver``'s fresh
    profile (nothing cached)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 3840, "height": 2160, "deviceScaleFactor": 1, "mobile": False}
    )
    driver.get(f"{base}/wall?page=1&pause=1")
    probe = f"return (function () {{ {ACTIVE_PAGE_READY} }})() ? performance.now() : null;"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready = driver.execute_script(probe)
        if ready is not None:
            return float(ready)
        time.sleep(0.01)
    raise SystemExit("the wall never finished rendering at 3840×2160")


def cold_first_renders(folder: Path, base: str, runs: int) -> list[float]:
    """``first_render_ms`` in ``runs`` browsers, each started with a fresh profile (a wall PC switched on)."""
    times = []
    for run in range(runs):
        driver = _browser(folder / f"cold-{run}")
        try:
            driver.get("about:blank")  # the browser's own start-up is not the page's first render
            times.append(first_render_ms(driver, base))
        finally:
            driver.quit()
    return times


def heap_mb(driver) -> float:  # type: ignore[no-untyped-def]
    """The used JS heap once requests in flight have settled and after two forced garbage collections."""
    time.sleep(3)
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    metrics = {m["name"]: m["value"] for m in driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
    return metrics["JSHeapUsedSize"] / 2**20


def warm_up(driver, pages: int) -> None:  # type: ignore[no-untyped-def]
    """Two slow rounds of the rotation, so every page has been fetched and drawn once (pages come as they turn)."""
    from selenium.webdriver.common.keys import Keys

    body = driver.find_element("tag name", "body")
    for _ in range(2 * pages):
        body.send_keys(Keys.ARROW_RIGHT)
        time.sleep(1.5)


def rotate(driver, cycles: int) -> None:  # type: ignore[no-untyped-def]
    """``cycles`` page steps by keyboard (the same path as timed rotation), the 1-second status poll running."""
    from selenium.webdriver.common.keys import Keys

    body = driver.find_element("tag name", "body")
    if "已暂停" in driver.find_element("id", "page-title").text:
        body.send_keys(Keys.SPACE)  # unpause, so the step also restarts the page tick as rotation does
    for n in range(cycles):
        body.send_keys(Keys.ARROW_RIGHT)
        time.sleep(0.03)
        if n % 100 == 99:
            print(f"  {n + 1} rotation cycles", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "battlemap-bench" / "wall.db")
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--warmup-cycles", type=int, default=500, help="rotation steps before the first heap reading")
    parser.add_argument("--cold-loads", type=int, default=3, help="first renders measured (the median is reported)")
    args = parser.parse_args()

    args.database.parent.mkdir(parents=True, exist_ok=True)
    build(args.database, args.appeals, args.reviews)
    folder = Path(tempfile.mkdtemp(prefix="bench-wall-"))
    env = battlemap_env(_config(folder), f"sqlite:///{args.database}")
    port, log = free_port(), folder / "server.log"
    base = f"http://127.0.0.1:{port}"
    server = start(["serve", "--prod", "--port", str(port)], env, log)
    driver = None
    try:
        wait_healthy(base, server, log, timeout=300)
        client = Http(port)
        version, first_build_s = _wait_version(client, None, 1800)
        print(f"first view build (warm-up at start): {first_build_s:.1f} s → version {version}")

        renders = cold_first_renders(folder, base, args.cold_loads)
        render_ms = statistics.median(renders)
        print(
            f"first full render at 3840×2160, {len(renders)} cold loads: median {render_ms:.0f} ms "
            f"({', '.join(f'{ms:.0f}' for ms in renders)})"
        )
        driver = _browser(folder / "wall")
        first_render_ms(driver, base)
        pages_body = next(
            json.loads(b) for b in driver.execute_script("return window.__benchBodies") if "wall-want" in b
        )
        driver.execute_script("window.__benchStopRecording()")

        polls = [client.call("GET", "/api/status") for _ in range(args.samples)]
        unchanged_ms = statistics.median(ms for ms, _b, _d in polls)
        unchanged_bytes = polls[-1][1]
        page_calls = [client.call("POST", CALLBACK, pages_body) for _ in range(20)]
        pages_ms, pages_bytes = statistics.median(ms for ms, _b, _d in page_calls), page_calls[-1][1]
        print(f"unchanged refresh (status poll): median {unchanged_ms:.2f} ms, {unchanged_bytes} bytes")
        print(f"page content request (only when the version changed): median {pages_ms:.1f} ms, {pages_bytes:,d} bytes")

        import_log = folder / "import.log"
        csv_path = fresh_appeals(folder / f"appeals_wall_{int(time.time())}.csv", int(time.time()) % 10_000)
        started = time.monotonic()
        done = start(["etl", "import", str(csv_path)], env, import_log)
        if done.wait(timeout=600) != 0:
            raise SystemExit(f"import failed:\n{import_log.read_text(errors='replace')}")
        imported_s = time.monotonic() - started
        during: list[float] = []
        changed_at = None
        while changed_at is None:  # a wall refreshing every second while the rebuild runs
            ms, _bytes, data = client.call("GET", "/api/status")
            during.append(ms)
            during.append(client.call("POST", CALLBACK, pages_body)[0])
            if json.loads(data)["version"] != version:
                changed_at = time.monotonic()
            elif time.monotonic() - started > 1800:
                raise SystemExit("no rebuild within 30 minutes")
            time.sleep(0.2)
        rebuild_s = changed_at - started - imported_s
        changed_body = _asking(pages_body, version)
        visible_ms = client.call("POST", CALLBACK, changed_body)[0]
        visible_s = changed_at - started + visible_ms / 1000
        changed = [client.call("POST", CALLBACK, changed_body) for _ in range(args.samples)]
        changed_p95 = _percentile([ms for ms, _b, _d in changed], 0.95)
        changed_bytes = changed[-1][1]
        sent_patch = b"__dash_patch_update" in changed[-1][2]
        print(
            f"changed refresh (the page on screen, shown at the old version): p50 "
            f"{_percentile([ms for ms, _b, _d in changed], 0.5):.1f} ms, p95 {changed_p95:.1f} ms, "
            f"{changed_bytes:,d} bytes, {'a Patch' if sent_patch else 'the page whole'}"
        )
        print(
            f"import {imported_s:.1f} s; rebuild in the background {rebuild_s:.1f} s; new numbers served "
            f"{visible_s:.1f} s after the import started (+ up to one refresh period for the wall to ask)"
        )
        print(
            f"refresh requests while the import and rebuild ran: {len(during)}, p50 {_percentile(during, 0.5):.1f} ms, "
            f"p95 {_percentile(during, 0.95):.1f} ms, max {max(during):.1f} ms"
        )

        warm_up(driver, len(PAGES))
        rotate(driver, args.warmup_cycles)  # the same steps as measured: caches and compiled code settle first
        heap_start = heap_mb(driver)
        rotate(driver, args.cycles)
        heap_end = heap_mb(driver)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        print(
            f"JS heap after warm-up {heap_start:.2f} MB, after {args.cycles} cycles {heap_end:.2f} MB "
            f"({(heap_end / heap_start - 1) * 100:+.1f} %); console errors {len(errors)}"
        )
    finally:
        if driver is not None:
            driver.quit()
        stop(server)
    summary = {
        "unchanged_ms": round(unchanged_ms, 2),
        "unchanged_bytes": unchanged_bytes,
        "changed_p95_ms": round(changed_p95, 1),
        "changed_bytes": changed_bytes,
        "during_rebuild_p95_ms": round(_percentile(during, 0.95), 1),
        "first_render_ms": round(render_ms),
        "heap_start_mb": round(heap_start, 2),
        "heap_end_mb": round(heap_end, 2),
        "first_build_s": round(first_build_s, 1),
        "rebuild_s": round(rebuild_s, 1),
        "visible_after_import_s": round(visible_s, 1),
        "pages_request_ms": round(pages_ms, 1),
        "pages_request_bytes": pages_bytes,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
