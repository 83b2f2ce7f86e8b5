"""Brief benchmark: the meeting brief as PDF and as Excel at 1,000,000 appeals + 1,000,000 reviews, each made in a
fresh process the way the web worker makes it (``callbacks.downloads.brief_file``: the store opened, the brief built
and rendered under ``[server] brief_timeout``), timed and with the process's peak resident memory; the baseline is
the same brief on the demo city (about 9,000 appeals and 78,000 reviews), measured in the same run, so the figures
show how little the brief grows with the facts (its lists are capped and counted in SQL, ``data.brief``).

``python -m bench.brief [--appeals N] [--reviews N]``. The databases come from ``bench.scale_data``'s cache (built
in about a minute when missing). Targets: each brief ≤ 10 s, peak RSS ≤ 500 MB. Last line: one JSON object with
``pdf_seconds``, ``xlsx_seconds``, ``pdf_peak_rss_mb``, ``xlsx_peak_rss_mb``, their baselines, ``appeals``,
``reviews`` and ``within_targets``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.scale_data import bench_settings, cached
from exports.fonts import register_fonts

TARGET_SECONDS, TARGET_RSS_MB = 10.0, 500.0
# Run in a child process: open the store as a worker does, then make one brief for the default filters (this
# year); report the seconds from the open store to the finished file, and the process's peak RSS.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from bench.scale_data import bench_settings
from callbacks.downloads import brief_file
from data.clock import local_now
from data.engine import open_store
path, kind = Path(sys.argv[1]), sys.argv[2]
settings = bench_settings(path)
store = open_store(settings.database_url, settings.database, settings.timezone)
started = time.perf_counter()
body = brief_file(store, settings, {}, kind, local_now(settings.timezone), lambda _key: "")
seconds = time.perf_counter() - started
status = Path("/proc/self/status")  # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's size
hwm = [line for line in status.read_text().splitlines() if line.startswith("VmHWM")] if status.exists() else []
rss_mb = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": len(body), "rss_mb": rss_mb}))
"""


def measure(path: Path, kind: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), kind],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    baseline_db, big_db = cached(0, 0), cached(args.appeals, args.reviews)
    register_fonts(bench_settings(big_db).instance_dir / "fonts")  # converted once, as a running server has them
    figures: dict[str, object] = {"appeals": args.appeals, "reviews": args.reviews}
    ok = True
    for kind in ("pdf", "xlsx"):
        base, big = measure(baseline_db, kind), measure(big_db, kind)
        print(
            f"{kind:>4}: demo city {base['seconds']:6.2f} s {base['rss_mb']:6.0f} MB | "
            f"{args.appeals:,d} + {args.reviews:,d}: {big['seconds']:6.2f} s {big['rss_mb']:6.0f} MB "
            f"({big['bytes']:,d} bytes)"
        )
        figures |= {
            f"{kind}_seconds": round(big["seconds"], 2),
            f"{kind}_peak_rss_mb": round(big["rss_mb"], 1),
            f"{kind}_baseline_seconds": round(base["seconds"], 2),
            f"{kind}_baseline_peak_rss_mb": round(base["rss_mb"], 1),
        }
        ok = ok and big["seconds"] <= TARGET_SECONDS and big["rss_mb"] <= TARGET_RSS_MB
    figures["within_targets"] = ok
    verdict = "met" if ok else "MISSED"
    print(f"targets: each brief ≤ {TARGET_SECONDS:g} s and ≤ {TARGET_RSS_MB:g} MB peak RSS — {verdict}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
