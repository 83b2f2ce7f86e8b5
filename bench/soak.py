"""Soak benchmark (long; not in CI): the wall open in headless Chromium, rotating, against ``battlemap serve
--prod`` while a file is imported every few minutes; the page's JS heap (CDP ``Performance.getMetrics``) and the
server's memory (RSS of gunicorn and its workers) are sampled (the heap after a forced garbage collection) and
their trends printed as slopes.

The first minutes are a warm-up left out of the slopes, with an import every few seconds: the page's heap first
grows by the code V8 compiles and optimises for what rotation and new data versions exercise (with no import at
all it still grows, all of it compiled code), and that levels off only after about a hundred data versions, which the
hall's wall reaches in its first hours. After the warm-up and at the end, a heap snapshot splits the page's heap
into compiled code, strings and other objects (``bench.heap_snapshot``), so a rise left in the slopes can be told
apart: code that V8 is still optimising, or strings and objects a leak keeps.

``python -m bench.soak [--minutes 130] [--warmup 20] [--warmup-import-every 10] [--import-every 5]
[--sample-every 30]``; the demo city is the data. The browser runs without ChromeDriver's performance log (which
keeps the page's Network domain on), as on the wall PC.
Last line: one JSON object with ``minutes``, ``samples``, ``imports``, ``warmup_imports``, ``heap_mb_start`` /
``_after_warmup`` / ``_end``, ``heap_slope_mb_per_h``, ``rss_mb_start`` / ``_after_warmup`` / ``_end``,
``rss_slope_mb_per_h`` (after the warm-up; each with its 95 % margin, ``heap_slope_margin_mb_per_h``,
``rss_slope_margin_mb_per_h``), the same two slopes over the second half of that
(``heap_slope_late_mb_per_h``, ``rss_slope_late_mb_per_h``), the heap's growth from the end of the warm-up to the
end by kind (``code_mb_growth``, ``strings_mb_growth``, ``objects_mb_growth``), ``wall_errors``.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench import heap_snapshot
from bench.scale_data import bench_settings
from tests.browser.conftest import CHROMEDRIVER, _chrome_options, free_port
from tests.prod_server import battlemap_env, start, stop, wait_healthy, write_config

DWELL_SECONDS = 10  # a fast rotation: many more page turns per hour than the default 30 s
TEMPLATE = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "files" / "appeals_utf8.csv"


def slope_per_hour(times_s: list[float], values: list[float]) -> float:
    """Least-squares slope of ``values`` against time, per hour."""
    if len(times_s) < 2:
        return 0.0
    return statistics.linear_regression(times_s, values).slope * 3600


def slope_margin_per_hour(times_s: list[float], values: list[float]) -> float:
    """Half-width of the slope's 95 % confidence interval, per hour: 1.96 × s / √Σ(t − t̄)², where s² = Σ residual² /
    (n − 2). A slope within this of zero is no trend the samples can tell from the page turning (which page is on
    screen moves the heap by a few hundred KB)."""
    if len(times_s) < 3:
        return 0.0
    fit = statistics.linear_regression(times_s, values)
    residual = sum((v - fit.intercept - fit.slope * t) ** 2 for t, v in zip(times_s, values, strict=True))
    mean_t = statistics.fmean(times_s)
    spread = sum((t - mean_t) ** 2 for t in times_s)
    return 1.96 * (residual / (len(times_s) - 2)) ** 0.5 / spread**0.5 * 3600


def next_import_due(now: float, warmup_end: float, warmup_gap_s: float, gap_s: float) -> float:
    """When the import after one started at ``now`` is due: ``warmup_gap_s`` later while that is still in the
    warm-up, otherwise on the next multiple of ``gap_s`` counted from the warm-up's end (a slow import never drifts
    the schedule)."""
    if now + warmup_gap_s < warmup_end:
        return now + warmup_gap_s
    return warmup_end + gap_s * (1 + max(0, (now - warmup_end) // gap_s))


def server_rss_mb(pid: int) -> float:
    master = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [master, *master.children(recursive=True)]) / 2**20


def fresh_appeals(path: Path, batch: int) -> Path:
    """An appeals file whose tickets are new in every batch (so each import really writes)."""
    with TEMPLATE.open(encoding="utf-8") as fh:
        header, *body = list(csv.reader(fh))
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows([f"SOAK{batch:04d}{i:03d}", *row[1:]] for i, row in enumerate(body * 50))
    return path


def sample(driver, server_pid: int, started: float) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(seconds since ``started``, the page's live JS heap in MB after a garbage collection, the server's RSS in MB)."""
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})  # live objects, not the garbage of the moment
    metrics = {m["name"]: m["value"] for m in driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
    return time.monotonic() - started, metrics["JSHeapUsedSize"] / 2**20, server_rss_mb(server_pid)


def snapshot_composition(driver) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The page's JS heap by kind (MB), printed as it is taken."""
    snapshot = heap_snapshot.take(driver.capabilities["goog:chromeOptions"]["debuggerAddress"])
    composition = heap_snapshot.composition_mb(snapshot)
    print("         heap snapshot: " + ", ".join(f"{kind} {mb:.2f} MB" for kind, mb in composition.items()), flush=True)
    return composition


def prepare_demo(folder: Path) -> Path:
    """A database in ``folder`` holding the demo city."""
    from etl.bootstrap import prepare_store
    from etl.demo import load_demo

    database = folder / "soak.db"
    settings = bench_settings(database)
    store, _notes = prepare_store(settings)
    load_demo(store, settings)
    store.dispose()
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=130, help="minutes the wall stays open, warm-up included")
    parser.add_argument("--import-every", type=float, default=5, help="minutes between imports after the warm-up")
    parser.add_argument("--sample-every", type=float, default=30, help="seconds between samples")
    parser.add_argument(
        "--warmup", type=float, default=20, help="minutes left out of the slopes, with imports in quick succession"
    )
    parser.add_argument(
        "--warmup-import-every", type=float, default=10, help="seconds between imports during the warm-up"
    )
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    folder = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    database = prepare_demo(folder)
    pages = "".join(
        f'[[wall.pages]]\nname = "{n}"\ntitle = "{t}"\ndwell = {DWELL_SECONDS}\n'
        for n, t in (
            ("overview", "总览"),
            ("appeals", "企业诉求"),
            ("projects", "项目建设"),
            ("clearance", "清障行动"),
            ("evaluation", "营商环境评价"),
            ("economy", "经济指标"),
        )
    )
    config = write_config(folder, f"[wall]\nrefresh_seconds = 5\n{pages}[scheduler]\nin_app = false\n")
    env = battlemap_env(config, f"sqlite:///{database}")
    port, log = free_port(), folder / "server.log"
    server = start(["serve", "--prod", "--port", str(port)], env, log)
    driver = None
    samples: list[tuple[float, float, float]] = []
    imports = warmup_imports = 0
    warmup_s = 60 * args.warmup
    composition: list[dict[str, float]] = []  # after the warm-up, at the end
    try:
        wait_healthy(f"http://127.0.0.1:{port}", server, log)
        options = _chrome_options(str(folder / "chrome"), performance_log=False)  # as on the wall PC: no Network log
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.get(f"http://127.0.0.1:{port}/wall")
        driver.execute_cdp_cmd("Performance.enable", {})
        started = time.monotonic()
        warmup_end, end = started + warmup_s, started + args.minutes * 60
        next_import, next_sample = started + args.warmup_import_every, started
        while (now := time.monotonic()) < end:
            if now >= next_import:
                path = fresh_appeals(folder / f"appeals_soak_{imports}.csv", imports)
                start(["etl", "import", str(path)], env, folder / "import.log").wait(timeout=300)
                imports += 1
                warmup_imports += now < warmup_end
                next_import = next_import_due(now, warmup_end, args.warmup_import_every, args.import_every * 60)
            if now >= next_sample:
                next_sample += args.sample_every
                elapsed, heap, rss = sample(driver, server.pid, started)
                samples.append((elapsed, heap, rss))
                print(
                    f"{elapsed / 60:6.1f} min  JS heap {heap:7.1f} MB  server RSS {rss:7.1f} MB  imports {imports}",
                    flush=True,
                )
                if not composition and elapsed >= warmup_s:
                    composition.append(snapshot_composition(driver))
            time.sleep(max(0.0, min(next_import, next_sample, end) - time.monotonic()))
        composition.append(snapshot_composition(driver))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        if driver is not None:
            driver.quit()
        stop(server)
    steady = [s for s in samples if s[0] >= warmup_s] or samples
    times = [s[0] for s in steady]
    late = steady[len(steady) // 2 :]  # a leak keeps its slope here; allocator and cache warm-up has flattened
    late_times = [s[0] for s in late]
    summary = {
        "minutes": args.minutes,
        "samples": len(samples),
        "imports": imports,
        "warmup_imports": warmup_imports,
        "heap_mb_start": round(samples[0][1], 1),
        "heap_mb_after_warmup": round(steady[0][1], 1),
        "heap_mb_end": round(samples[-1][1], 1),
        "heap_slope_mb_per_h": round(slope_per_hour(times, [s[1] for s in steady]), 2),
        "heap_slope_margin_mb_per_h": round(slope_margin_per_hour(times, [s[1] for s in steady]), 2),
        "rss_mb_start": round(samples[0][2], 1),
        "rss_mb_after_warmup": round(steady[0][2], 1),
        "rss_mb_end": round(samples[-1][2], 1),
        "rss_slope_mb_per_h": round(slope_per_hour(times, [s[2] for s in steady]), 2),
        "rss_slope_margin_mb_per_h": round(slope_margin_per_hour(times, [s[2] for s in steady]), 2),
        "heap_slope_late_mb_per_h": round(slope_per_hour(late_times, [s[1] for s in late]), 2),
        "rss_slope_late_mb_per_h": round(slope_per_hour(late_times, [s[2] for s in late]), 2),
        **{f"{kind}_mb_growth": round(composition[-1][kind] - composition[0][kind], 2) for kind in composition[0]},
        "wall_errors": len(errors),
    }
    print(
        f"JS heap slope {summary['heap_slope_mb_per_h']:+.2f} ± {summary['heap_slope_margin_mb_per_h']:.2f} MB/h, "
        f"server RSS slope {summary['rss_slope_mb_per_h']:+.2f} ± {summary['rss_slope_margin_mb_per_h']:.2f} MB/h "
        f"(95 %) over {args.minutes - args.warmup:g} min and "
        f"{imports - warmup_imports} imports after {args.warmup:g} min and {warmup_imports} imports of warm-up "
        f"(JS heap {summary['heap_mb_start']} → {summary['heap_mb_after_warmup']} MB, server RSS "
        f"{summary['rss_mb_start']} → {summary['rss_mb_after_warmup']} MB in it); second half of that: "
        f"JS heap {summary['heap_slope_late_mb_per_h']:+.2f} MB/h, "
        f"server RSS {summary['rss_slope_late_mb_per_h']:+.2f} MB/h"
    )
    print(
        "JS heap by kind, after the warm-up → at the end: "
        + ", ".join(f"{kind} {composition[0][kind]:.2f} → {composition[-1][kind]:.2f} MB" for kind in composition[0])
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
