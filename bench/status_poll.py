"""Status-poll benchmark (issue 18): what the named walls' heartbeats cost the server.

``battlemap serve --prod`` on the demo city; ``--threads`` clients poll ``/api/status`` back to back for
``--seconds`` each, first anonymously (the baseline, measured in the same run: a wall without a name, whose poll writes
nothing), then as ``--screens`` named walls, each poll carrying its heartbeat (page, data version, canvas, uptime, JS
heap, errors) and answered with that screen's orders. Printed: requests per second and the p50 / p95 latency of each
phase, the named/baseline throughput ratio, the ``screen`` rows afterwards (one per wall: heartbeats overwrite, they
never pile up) and the server's RSS (gunicorn and its workers) before and after.

``python -m bench.status_poll [--screens 50] [--threads 8] [--seconds 30]``
Last line: one JSON object with ``screens``, ``threads``, ``seconds``, ``baseline_rps``, ``baseline_p50_ms``,
``baseline_p95_ms``, ``named_rps``, ``named_p50_ms``, ``named_p95_ms``, ``named_to_baseline``, ``screen_rows``,
``screens_online``, ``rss_mb_start``, ``rss_mb_end``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from bench.load import _percentile
from bench.soak import prepare_demo, server_rss_mb
from tests.browser.conftest import free_port
from tests.prod_server import battlemap_env, start, stop, wait_healthy, write_config

STATUS = "/api/status"
PAGES = ("overview", "appeals", "projects", "clearance", "evaluation", "economy")


def named_poll(screen: int, beat: int) -> str:
    """The poll of wall ``screen`` on its ``beat``-th heartbeat, as the wall's script sends it."""
    query = {
        "screen": f"bench-{screen:03d}",
        "page": PAGES[beat % len(PAGES)],
        "shown": "1@bench",
        "canvas": "1920x1080",
        "up": str(beat * 5),
        "heap": "48",
        "errors": "0",
    }
    return f"{STATUS}?{urlencode(query)}"


def hammer(port: int, threads: int, seconds: float, path_for: Callable[[int, int], str]) -> tuple[list[float], int]:
    """``threads`` keep-alive clients asking ``path_for(client, n)`` back to back for ``seconds``: the latencies
    (ms) of all answers, and the number of answers that were not 200."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad, n = 0, 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            conn.request("GET", path_for(index, n))
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            bad += response.status != 200
            n += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return latencies, failures[0]


def summary(name: str, latencies: list[float], failures: int, seconds: float) -> dict[str, float]:
    figures = {
        "rps": len(latencies) / seconds,
        "p50_ms": statistics.median(latencies),
        "p95_ms": _percentile(latencies, 0.95),
    }
    print(
        f"{name:>10}: {len(latencies):,} polls, {figures['rps']:.0f}/s, p50 {figures['p50_ms']:.1f} ms, "
        f"p95 {figures['p95_ms']:.1f} ms, {failures} not 200",
        flush=True,
    )
    return {f"{name}_{key}": round(value, 2) for key, value in figures.items()}


def screen_rows(database: Path) -> tuple[int, int]:
    """The ``screen`` rows, and those whose last heartbeat is within two refresh periods (10 s) of the newest."""
    with sqlite3.connect(database) as conn:
        total = conn.execute("SELECT count(*) FROM screen").fetchone()[0]
        online = conn.execute(
            "SELECT count(*) FROM screen"
            " WHERE last_seen >= (SELECT datetime(max(last_seen), '-10 seconds') FROM screen)"
        ).fetchone()[0]
    return total, online


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=50, help="named walls polling (at most 100 are kept)")
    parser.add_argument("--threads", type=int, default=8, help="clients polling back to back")
    parser.add_argument("--seconds", type=float, default=30, help="seconds per phase")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-status-"))
    database = prepare_demo(folder)
    config = write_config(folder, "[wall]\nrefresh_seconds = 5\n[scheduler]\nin_app = false\n")
    env = battlemap_env(config, f"sqlite:///{database}")
    port, log = free_port(), folder / "server.log"
    server = start(["serve", "--prod", "--port", str(port)], env, log)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, log)
        hammer(port, args.threads, 3, lambda _c, _n: STATUS)  # warm-up: workers started, first build served
        rss_start = server_rss_mb(server.pid)
        print(f"server RSS {rss_start:.0f} MB; {args.threads} clients, {args.seconds:.0f} s per phase", flush=True)
        figures = summary("baseline", *hammer(port, args.threads, args.seconds, lambda _c, _n: STATUS), args.seconds)
        polls = hammer(
            port, args.threads, args.seconds, lambda c, n: named_poll((c + n * args.threads) % args.screens, n)
        )
        figures |= summary("named", *polls, args.seconds)
        time.sleep(2)  # the heartbeat writer flushes about once a second
        rows, online = screen_rows(database)
        rss_end = server_rss_mb(server.pid)
    finally:
        stop(server)
    result = {
        "screens": args.screens,
        "threads": args.threads,
        "seconds": args.seconds,
        **figures,
        "named_to_baseline": round(figures["named_rps"] / figures["baseline_rps"], 3),
        "screen_rows": rows,
        "screens_online": online,
        "rss_mb_start": round(rss_start, 1),
        "rss_mb_end": round(rss_end, 1),
    }
    print(f"named/baseline throughput {result['named_to_baseline']:.2f}; {rows} screen rows for {args.screens} walls")
    print(f"server RSS {rss_start:.0f} → {rss_end:.0f} MB")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
