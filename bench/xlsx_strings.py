"""Peak memory of importing .xlsx workbooks heavy in shared strings, at a few sizes up to near the default
[etl] max_uncompressed_mb (512): each workbook (bench.etl.write_shared_strings_xlsx) is imported in a child process
of its own, whose peak RSS (VmHWM) is that import's alone; the target is < 1000 MB for any accepted file.
Prints one line per size and, last, one JSON list of {strings_mb, unzipped_mb, rows, status, s, peak_rss_mb}.
Usage: python -m bench.xlsx_strings [--sizes MB,MB,...]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.etl import in_child, write_shared_strings_xlsx

SIZES = "25,100,250,480"  # MB of shared strings XML; 480 MB of strings makes a ~500 MB workbook


def main() -> None:
    parser = argparse.ArgumentParser(description="共享字符串为主的 XLSX 导入内存峰值")
    parser.add_argument("--sizes", default=SIZES, help="MB of xl/sharedStrings.xml, comma-separated")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="battlemap-strings-") as tmp:
        for mb in (float(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"企业诉求_共享字符串_{mb:g}MB.xlsx"
            rows, declared, strings = write_shared_strings_xlsx(path, mb)
            status, loaded, seconds, peak = in_child(Path(tmp) / f"strings_{mb:g}.db", path)
            path.unlink()
            results.append(
                {
                    "strings_mb": round(strings / (1 << 20)),
                    "unzipped_mb": round(declared / (1 << 20)),
                    "rows": loaded,
                    "status": status,
                    "s": round(seconds, 1),
                    "peak_rss_mb": round(peak),
                }
            )
            print(
                f"{strings / (1 << 20):6.0f} MB strings, {declared / (1 << 20):6.0f} MB unzipped, {rows:,} rows: "
                f"{status} ({loaded:,} loaded) in {seconds:.1f} s, peak RSS {peak:,.0f} MB (target < 1000)"
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
