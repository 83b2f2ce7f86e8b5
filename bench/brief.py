"""Brief benchmark: the meeting brief as PDF and as Excel at 1,000,000 appeals + 1,000,000 reviews, each made in a
fresh process as a web worker would (the store opened, the brief built and rendered), timed and with the process's
peak resident memory; the baseline is the same brief on the demo city (about 9,000 appeals), measured in the same
run, so the figures show how little the brief grows with the facts (its lists are capped, ``data.brief``).

``python -m bench.brief [--database PATH] [--appeals N] [--reviews N]``. The database is built once by
``bench.scale_data`` (reused when it already holds the volumes). Targets: each brief ≤ 10 s, peak RSS ≤ 500 MB.
Last line: one JSON object with ``pdf_seconds``, ``xlsx_seconds``, ``pdf_peak_rss_mb``, ``xlsx_peak_rss_mb``,
their baselines, ``appeals``, ``reviews`` and ``within_targets``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.scale_data import build

TARGET_SECONDS, TARGET_RSS_MB = 10.0, 500.0
# Run in a child process: build and render one brief for the whole year, report seconds and peak RSS.
CHILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
from bench.scale_data import bench_settings
from callbacks.filters import Filters
from data.brief import build_brief
from data.clock import local_now
from data.engine import open_store
from exports.brief_pdf import brief_pdf
from exports.brief_xlsx import brief_xlsx
path, kind = Path(sys.argv[1]), sys.argv[2]
settings = bench_settings(path)
store = open_store(settings.database_url, settings.database, settings.timezone)
imported = time.perf_counter()
filters = Filters.from_query({})
now = local_now(settings.timezone)
with store.read() as conn:
    brief = build_brief(conn, filters.scope(now), settings, filters.describe(now.date(), {}), now)
built = time.perf_counter()
body = brief_pdf(brief, settings.instance_dir / "fonts") if kind == "pdf" else brief_xlsx(brief)
done = time.perf_counter()
rows = sum(len(s.rows) for s in brief.sections)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": done - imported, "build_seconds": built - imported, "render_seconds": done - built,
                  "bytes": len(body), "rows": rows, "rss_mb": rss_mb}))
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
    parser.add_argument("--database", type=Path, help="the 1 M + 1 M database (built when missing)")
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-brief-") as tmp:
        baseline_db = Path(tmp) / "demo.db"
        build(baseline_db, 0, 0)
        big_db = args.database or Path(tmp) / "scale.db"
        build(big_db, args.appeals, args.reviews)
        figures: dict[str, object] = {"appeals": args.appeals, "reviews": args.reviews}
        ok = True
        for kind in ("pdf", "xlsx"):
            base, big = measure(baseline_db, kind), measure(big_db, kind)
            print(
                f"{kind:>4}: demo city {base['seconds']:6.2f} s {base['rss_mb']:6.0f} MB ({base['rows']} rows) | "
                f"{args.appeals:,d} + {args.reviews:,d}: {big['seconds']:6.2f} s "
                f"(query {big['build_seconds']:.2f} s, render {big['render_seconds']:.2f} s) "
                f"{big['rss_mb']:6.0f} MB ({big['rows']} rows, {big['bytes']:,d} bytes)"
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
