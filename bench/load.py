"""Load benchmark: simulated wall and meeting clients against ``battlemap serve --prod`` (gunicorn) on 127.0.0.1
with 1,000,000 appeals and 1,000,000 reviews loaded.

``python -m bench.load [--clients 50] [--seconds 60] [--database PATH]``. The database is built once by
``bench.scale_data`` (reused when it already holds the volumes). A real headless Chromium opens the wall and the
meeting view once to record the exact Dash requests they make; the clients then replay them in a realistic mix:
walls poll the cheap ``/api/status`` and now and then reload (every page callback), meeting clients change filters
(the meeting panels callback) and poll. Loopback only, bounded by ``--seconds``.
Last line: one JSON object with ``clients``, ``p50_ms``, ``p95_ms``, ``errors``, ``requests``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.scale_data import bench_settings, build
from tests.browser.conftest import free_port
from tests.prod_server import battlemap_env, start, stop, wait_healthy, write_config

BENCH_USER, BENCH_PASSWORD = "bench-leader", "bench-password-2026"
CALLBACK = "/_dash-update-component"
REGION_CHOICES = (None, ["HC01"], ["HC02"], ["HC03"], ["HC04"], ["HCP1"])
WALL_RELOAD_CHANCE = 0.03  # per wall poll: a wall (re)loading all its pages
WALL_THINK_S, MEETING_THINK_S = 0.5, 1.5
# Injected before any page script: keeps the body of every Dash callback request the page sends.
RECORDER = """
window.__benchBodies = [];
const original = window.fetch;
window.fetch = function (url, options) {
  if (String(url).includes("/_dash-update-component") && options && options.body) {
    window.__benchBodies.push(options.body);
  }
  return original.apply(this, arguments);
};
window.__benchStopRecording = function () {  /* a page left open keeps no bodies (a heap reading would count them) */
  window.fetch = original;
  window.__benchBodies = [];
};
"""


@dataclass
class Recorded:
    """The Dash requests a real browser made: the wall's page load, the meeting view's, and its session cookie."""

    wall: list[dict]
    meeting: list[dict]
    cookie: str


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    reasons: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    retries: int = 0

    def add(self, kind: str, ms: float, ok: bool) -> None:
        with self.lock:
            self.times[kind].append(ms)
            if not ok:
                self.errors[kind] += 1

    def note(self, reason: str) -> None:
        with self.lock:
            self.reasons[reason] += 1

    def add_retry(self) -> None:
        with self.lock:
            self.retries += 1


def _ensure_account(settings) -> None:  # type: ignore[no-untyped-def]
    from auth.users import add_account, list_accounts
    from etl.bootstrap import prepare_store

    store, _notes = prepare_store(settings)
    if BENCH_USER not in {a.username for a in list_accounts(store)}:
        add_account(store, BENCH_USER, "leader", BENCH_PASSWORD)
    store.dispose()


def record(base: str) -> Recorded:
    """Open the wall and the logged-in meeting view in headless Chromium and keep every callback request body."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from tests.browser.conftest import CHROMEDRIVER, _chrome_options, wait_for

    profile = tempfile.mkdtemp(prefix="bench-chrome-")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=_chrome_options(profile))
    driver.set_page_load_timeout(120)

    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})

    def bodies() -> list[dict]:
        return [json.loads(b) for b in driver.execute_script("return window.__benchBodies || []")]

    try:
        driver.get(f"{base}/wall?pause=1")
        wait_for(driver, lambda d: d.find_elements("css selector", ".js-plotly-plot .main-svg"), 300, "wall")
        time.sleep(2)
        wall = bodies()
        driver.get(f"{base}/login?next=/")
        driver.find_element("id", "login-username").send_keys(BENCH_USER)
        driver.find_element("id", "login-password").send_keys(BENCH_PASSWORD)
        driver.find_element("id", "login-submit").click()
        wait_for(driver, lambda d: d.find_elements("css selector", ".bm-meeting .js-plotly-plot .main-svg"), 300, "m")
        time.sleep(2)
        meeting = bodies()
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    finally:
        driver.quit()
    return Recorded(wall, meeting, cookie)


def _vary(body: dict) -> dict:
    """A meeting callback body with another district filter, as a leader clicking through the districts would."""
    varied = json.loads(json.dumps(body))
    for item in varied.get("inputs", []):
        if isinstance(item, dict) and item.get("id") == "meeting-region":
            item["value"] = random.choice(REGION_CHOICES)
    return varied


STALE_CONNECTION = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Client:
    """One simulated browser: a keep-alive connection, its cookie, and a tally to report into.

    Like a browser, it sends a request once more on a fresh connection when the server had already closed the
    kept-alive one (gunicorn closes idle connections after its keep-alive time; a meeting client thinks longer);
    any other failure, and a failure on a fresh connection, is an error.
    """

    def __init__(self, port: int, tally: Tally, cookie: str = "") -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.tally, self.cookie = tally, cookie
        self.reused = False

    def _send(self, method: str, path: str, payload: str | None, headers: dict[str, str]) -> int:
        self.conn.request(method, path, payload, headers)
        response = self.conn.getresponse()
        response.read()
        if response.will_close:
            self.conn.close()
        self.reused = not response.will_close
        return response.status

    def request(self, kind: str, method: str, path: str, body: dict | None = None) -> None:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        payload = json.dumps(body) if body is not None else None
        started = time.perf_counter()
        status = None
        try:
            try:
                status = self._send(method, path, payload, headers)
            except STALE_CONNECTION:
                if not self.reused:
                    raise
                self.conn.close()
                self.tally.add_retry()
                status = self._send(method, path, payload, headers)
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.reused = False
            self.tally.note(type(exc).__name__)
        if status is not None and status not in (200, 204):
            self.tally.note(f"HTTP {status}")
        self.tally.add(kind, (time.perf_counter() - started) * 1000, status in (200, 204))


def wall_client(port: int, recorded: Recorded, tally: Tally, until: float) -> None:
    client = Client(port, tally)
    while time.monotonic() < until:
        client.request("wall status poll", "GET", "/api/status")
        if random.random() < WALL_RELOAD_CHANCE:
            for body in recorded.wall:
                client.request("wall page callbacks", "POST", CALLBACK, body)
        time.sleep(random.uniform(0.5, 1.5) * WALL_THINK_S)


def meeting_client(port: int, recorded: Recorded, tally: Tally, until: float) -> None:
    client = Client(port, tally, recorded.cookie)
    panels = [b for b in recorded.meeting if "meeting-body.children" in b.get("output", "")]
    others = [b for b in recorded.meeting if b not in panels]
    while time.monotonic() < until:
        client.request("meeting status poll", "GET", "/api/status")
        if panels:
            client.request("meeting filter change", "POST", CALLBACK, _vary(random.choice(panels)))
        if others and random.random() < 0.2:
            client.request("meeting other callbacks", "POST", CALLBACK, random.choice(others))
        time.sleep(random.uniform(0.5, 1.5) * MEETING_THINK_S)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def run_clients(port: int, recorded: Recorded, clients: int, meeting_share: float, seconds: float) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    meetings = round(clients * meeting_share)
    threads = [
        threading.Thread(target=meeting_client if i < meetings else wall_client, args=(port, recorded, tally, until))
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def report(tally: Tally, clients: int, seconds: float) -> dict:
    every = [ms for times in tally.times.values() for ms in times]
    print(f"\n{'request':<26}{'count':>8}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, times in sorted(tally.times.items()):
        p50, p95 = _percentile(times, 0.5), _percentile(times, 0.95)
        print(f"{kind:<26}{len(times):>8}{tally.errors[kind]:>8}{p50:>10.1f}{p95:>10.1f}{max(times):>10.1f}")
    summary = {
        "clients": clients,
        "p50_ms": round(_percentile(every, 0.5), 1),
        "p95_ms": round(_percentile(every, 0.95), 1),
        "errors": sum(tally.errors.values()),
        "requests": len(every),
    }
    rate, mean = len(every) / seconds, statistics.fmean(every)
    print(f"\n{len(every):,d} requests in {seconds:.0f} s ({rate:,.0f}/s); mean {mean:.1f} ms")
    print(f"sent again on a fresh connection after the server closed an idle one: {tally.retries}")
    if tally.reasons:
        print("errors: " + ", ".join(f"{reason} × {n}" for reason, n in sorted(tally.reasons.items())))
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--meeting-share", type=float, default=0.2, help="share of clients that are meeting views")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--database", type=Path, default=Path(tempfile.gettempdir()) / "battlemap-bench" / "load.db")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    args.database.parent.mkdir(parents=True, exist_ok=True)
    build(args.database, args.appeals, args.reviews)
    _ensure_account(bench_settings(args.database))
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    config = write_config(
        folder, f"[scheduler]\nin_app = false\n[server]\nworkers = {args.workers}\nthreads = {args.threads}\n"
    )
    port, log = free_port(), folder / "server.log"
    server = start(["serve", "--prod", "--port", str(port)], battlemap_env(config, f"sqlite:///{args.database}"), log)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, log, timeout=300)
        started = time.perf_counter()
        recorded = record(f"http://127.0.0.1:{port}")
        print(
            f"recorded {len(recorded.wall)} wall and {len(recorded.meeting)} meeting callback requests "
            f"(first, cold page loads took {time.perf_counter() - started:.1f} s)"
        )
        run_clients(port, recorded, min(args.clients, 4), args.meeting_share, 5)  # warm every worker's caches
        print(
            f"{args.clients} clients for {args.seconds:.0f} s against gunicorn "
            f"{args.workers}×{args.threads} on 127.0.0.1 …"
        )
        tally = run_clients(port, recorded, args.clients, args.meeting_share, args.seconds)
    finally:
        stop(server)
    summary = report(tally, args.clients, args.seconds)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
