"""Import benchmark: 1,000,000 appeal rows as a GBK CSV and 100,000 as XLSX, against a raw sqlite3 baseline; the
peak memory of importing a 100 MB CSV and a workbook near the default [etl] max_uncompressed_mb (500 MB of sheet
XML, streamed) and one near it made mostly of shared strings; the time to refuse an .xlsx that expands to 2 GB.

The full import (read, normalise, validate, resolve, load, audit) is timed on a fresh database; in the same run
the very rows it stored are copied with plain ``sqlite3`` ``executemany`` into a second fresh database of the
same schema (only the ``executemany`` calls are timed). The 100 MB CSV, the large workbook and the 2 GB workbook
are each imported in a child process of their own, whose peak RSS (VmHWM) is that import's alone (the limit: 1 GB
on any accepted file). Workbooks are written as XML directly (inline strings, as openpyxl writes them), which
takes seconds. Prints readable figures; the last line is one JSON object: csv_rows, csv_rows_per_s,
raw_rows_per_s, ratio, xlsx_rows_per_s, peak_rss_mb, csv100_mb, csv100_peak_rss_mb, xlsx_large_unzipped_mb,
xlsx_large_rows, xlsx_large_s, xlsx_large_peak_rss_mb, xlsx_strings_unzipped_mb, xlsx_strings_peak_rss_mb,
bomb_declared_mb, bomb_refused_s, bomb_peak_rss_mb.
Targets: ratio >= 0.5, peak_rss_mb < 2000, csv100_peak_rss_mb < 1000, xlsx_large_peak_rss_mb < 1000,
xlsx_strings_peak_rss_mb < 1000, bomb_refused_s < 5.
Usage: python bench/etl.py [--csv-rows N] [--xlsx-rows N] [--csv100-rows N] [--near-limit-mb MB] [--strings-mb MB]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sqlite3
import sys
import tempfile
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

# This script is bench/etl.py: its own folder must not shadow the ``etl`` package.
sys.path[0] = str(Path(__file__).resolve().parents[1])

from config import load_settings  # noqa: E402
from etl.bootstrap import prepare_store  # noqa: E402
from etl.importer import import_file  # noqa: E402
from etl.readers.xlsx_parts import column_letters  # noqa: E402

WORKBOOK = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PACKAGE = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{RELATIONS}"><Relationship Id="rId1" '
    f'Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{WORKBOOK}" xmlns:r="{OFFICE}"><sheets>'
    '<sheet name="企业诉求" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELATIONS}"><Relationship Id="rId1" '
    f'Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
TITLE = "2026年企业诉求台账（基准测试）"
SHEET_OPEN = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{WORKBOOK}"><sheetData>'.encode()

GENERATE_CHUNK = 100_000
XLSX_CHUNK = 5_000  # rows per piece of sheet XML (about 4 MB: the large workbook stops within that of its size)
NEAR_LIMIT_MB = 500  # the sheet XML of the largest workbook the default [etl] max_uncompressed_mb (512) accepts
STRINGS_MB = 340  # shared strings XML of a workbook mostly of strings near the limit (~490 MB unzipped)
BOMB_BYTES = 2 << 30
LARGE_FILE_MB = 1000  # the 1,000,000-row CSV is larger than the default [etl] max_file_mb
COPY_CHUNK = 50_000
DISTRICTS = ["淮川区", "东湖区", "西山区", "南塘县", "北岭县", "清溪县", "望江县", "临河市"]
DEPARTMENTS = ["市税务局", "市市场监管局", "市自然资源和规划局", "市住房城乡建设局", "供电公司", "市数据资源局"]
CATEGORIES = ["政策咨询", "要素保障", "审批服务", "融资信贷", "用工招聘", "水电气暖"]
CHANNELS = ["12345", "驻企走访", "亲清观察员", "政企互动平台"]
STATUS = ["已办结", "办结", "办理中"]
SATISFACTION = ["非常满意", "满意", "基本满意", "不满意", ""]


def appeal_chunk(start: int, size: int, rng: np.random.Generator) -> pd.DataFrame:
    """``size`` appeal rows as an office would export them (labels, Chinese headers, mixed blanks)."""
    i = np.arange(start, start + size)
    received = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 330 * 86_400, size), unit="s")
    closed = received + pd.to_timedelta(rng.integers(3_600, 10 * 86_400, size), unit="s")
    status = np.array(STATUS)[rng.integers(0, 3, size)]
    done = status != "办理中"
    fmt = "%Y-%m-%d %H:%M:%S"
    return pd.DataFrame(
        {
            "诉求编号": [f"GD{n:08d}" for n in i],
            "企业名称": [f"淮川测试企业{n % 20_000}有限公司" for n in i],
            "所属县区": np.array(DISTRICTS)[i % len(DISTRICTS)],
            "承办单位": np.array(DEPARTMENTS)[i % len(DEPARTMENTS)],
            "诉求类别": np.array(CATEGORIES)[rng.integers(0, len(CATEGORIES), size)],
            "来源渠道": np.array(CHANNELS)[rng.integers(0, len(CHANNELS), size)],
            "紧急程度": "一般",
            "受理时间": received.strftime(fmt),
            "办理时限": (received.normalize() + pd.Timedelta(days=7, hours=17)).strftime(fmt),
            "办结时间": np.where(done, closed.strftime(fmt), ""),
            "办理状态": status,
            "满意度": np.where(done, np.array(SATISFACTION)[rng.integers(0, 5, size)], ""),
            "是否重复": np.where(rng.random(size) < 0.05, "是", "否"),
            "诉求内容": "企业反映用地审批进度较慢，希望协调加快办理",
        }
    )


def write_csv(path: Path, rows: int) -> None:
    rng = np.random.default_rng(20261103)
    with path.open("w", encoding="gbk", newline="") as fh:
        fh.write(TITLE + "\n")
        for start in range(0, rows, GENERATE_CHUNK):
            appeal_chunk(start, min(GENERATE_CHUNK, rows - start), rng).to_csv(fh, index=False, header=start == 0)


def write_xlsx(path: Path, rows: int | None = None, sheet_mb: float | None = None) -> tuple[int, int]:
    """An .xlsx of appeal rows as openpyxl writes them (inline strings), its sheet XML written directly (fast):
    ``rows`` rows, or as many as make ``sheet_mb`` of XML; the data rows written and the declared size in bytes."""
    rng = np.random.default_rng(7)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in PACKAGE.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN)
            written, done, line = 0, 0, 1
            sheet.write(_xml_rows([[TITLE]], line))
            while (rows is None or done < rows) and (sheet_mb is None or written < sheet_mb * (1 << 20)):
                frame = appeal_chunk(done, min(XLSX_CHUNK, rows - done) if rows else XLSX_CHUNK, rng)
                cells = ([list(frame.columns)] if done == 0 else []) + frame.values.tolist()
                data = _xml_rows(cells, line + 1)
                sheet.write(data)
                written, done, line = written + len(data), done + len(frame), line + len(cells)
            sheet.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(path) as book:
        return done, sum(info.file_size for info in book.infolist())


def _xml_rows(rows: list[list[object]], first: int) -> bytes:
    letters = [column_letters(i) for i in range(max(len(r) for r in rows))]
    out = []
    for n, row in enumerate(rows, first):
        cells = "".join(
            f'<c r="{c}{n}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
            for c, v in zip(letters, row, strict=False)
            if v != ""
        )
        out.append(f'<row r="{n}">{cells}</row>')
    return "".join(out).encode()


def write_shared_strings_xlsx(path: Path, strings_mb: float, content_chars: int = 300) -> tuple[int, int, int]:
    """An .xlsx of appeal rows as Excel writes them (every text cell an index into ``xl/sharedStrings.xml``) whose
    shared strings take ``strings_mb`` of XML, most of the workbook: each row's 诉求内容 is its own string of
    about ``content_chars`` characters. Written in two passes over the same rows (strings, then cells) so nothing
    is held; the data rows written, the declared size and the shared strings' size in bytes."""
    vocabulary = [*appeal_chunk(0, 1, np.random.default_rng(0)).columns, TITLE]
    for values in (DISTRICTS, DEPARTMENTS, CATEGORIES, CHANNELS, STATUS, SATISFACTION, ["一般", "是", "否"]):
        vocabulary.extend(v for v in values if v and v not in vocabulary)
    shared = {v: i for i, v in enumerate(vocabulary)}
    pad = "企业反映用地审批进度较慢，希望协调加快办理。" * (content_chars // 22 + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, text in _with_shared_strings(PACKAGE).items():
            book.writestr(name, text)
        rows = _write_strings(book, vocabulary, shared, pad[:content_chars], strings_mb * (1 << 20))
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN + f'<row r="1"><c r="A1" t="s"><v>{shared[TITLE]}</v></c></row>'.encode())
            sheet.write(_indexed_rows([vocabulary[:14]], 2, shared, len(vocabulary))[0])
            rng, done, fresh = np.random.default_rng(7), 0, len(vocabulary)
            while done < rows:
                frame = appeal_chunk(done, min(XLSX_CHUNK, rows - done), rng)
                data, fresh = _indexed_rows(frame.values.tolist(), done + 3, shared, fresh)
                sheet.write(data)
                done += len(frame)
            sheet.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(path) as book:
        sizes = {info.filename: info.file_size for info in book.infolist()}
    return rows, sum(sizes.values()), sizes["xl/sharedStrings.xml"]


def _write_strings(book: zipfile.ZipFile, vocabulary: list[str], shared: dict[str, int], pad: str, limit: float) -> int:
    """``xl/sharedStrings.xml``: the vocabulary, then every other text of each row in order, until ``limit``
    bytes; the rows whose strings it holds."""
    rng, done, written = np.random.default_rng(7), 0, 0
    with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
        part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{WORKBOOK}">'.encode())
        part.write("".join(f"<si><t>{escape(v)}</t></si>" for v in vocabulary).encode())
        while written < limit:
            frame = appeal_chunk(done, XLSX_CHUNK, rng)
            frame["诉求内容"] = [f"{pad}（第{n}号）" for n in range(done, done + len(frame))]
            data = "".join(f"<si><t>{escape(v)}</t></si>" for v in frame.values.ravel() if v and v not in shared)
            part.write(data.encode())
            written, done = written + len(data.encode()), done + len(frame)
        part.write(b"</sst>")
    return done


def _indexed_rows(rows: list[list[object]], first: int, shared: dict[str, int], fresh: int) -> tuple[bytes, int]:
    """Sheet XML whose text cells point into the shared strings: a vocabulary word at its index, any other text
    at the next fresh index (the order ``_write_strings`` wrote them in); and the next fresh index after them."""
    letters = [column_letters(i) for i in range(max(len(r) for r in rows))]
    out = []
    for n, row in enumerate(rows, first):
        cells = []
        for c, v in zip(letters, row, strict=False):
            if v == "":
                continue
            index = shared.get(v)
            if index is None:
                index, fresh = fresh, fresh + 1
            cells.append(f'<c r="{c}{n}" t="s"><v>{index}</v></c>')
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    return "".join(out).encode(), fresh


def _with_shared_strings(package: dict[str, str]) -> dict[str, str]:
    """The package's parts with a shared strings part declared (content type and workbook relationship)."""
    strings = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
    relation = f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
    parts = dict(package)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace("</Types>", strings + "</Types>")
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace("</Relationships>", relation + "</Relationships>")
    return parts


def write_bomb(path: Path) -> int:
    """A workbook whose one sheet inflates to 2 GB of zeros (a few MB on disk); its declared size in bytes."""
    block = b"0" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(BOMB_BYTES // len(block)):
                sheet.write(block)
    with zipfile.ZipFile(path) as book:
        return sum(info.file_size for info in book.infolist())


def peak_rss_mb() -> float:
    """This process's peak RSS (MB): VmHWM, which starts afresh with the process's own memory. ``ru_maxrss`` does
    not: on Linux a spawned child inherits its parent's high-water mark across fork and exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(db: str, path: str) -> tuple[str, int, float, float]:
    """Import in this (child) process with the default limits: status, rows, seconds, the process's peak RSS (MB)."""
    settings = load_settings(environ={}, database_url=f"sqlite:///{db}")
    store, _notes = prepare_store(settings)
    began = time.perf_counter()
    result = import_file(store, settings, Path(path))[0]
    elapsed = time.perf_counter() - began
    store.dispose()
    return result.status, result.rows_inserted, elapsed, peak_rss_mb()


def in_child(db: Path, path: Path) -> tuple[str, int, float, float]:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(child_import, (str(db), str(path)))


def timed_import(folder: Path, name: str, path: Path) -> tuple[float, int, str]:
    settings = load_settings(environ={}, database_url=f"sqlite:///{folder / name}")
    settings = replace(settings, etl=replace(settings.etl, max_file_mb=LARGE_FILE_MB))
    store, _notes = prepare_store(settings)
    began = time.perf_counter()
    result = import_file(store, settings, path)[0]
    elapsed = time.perf_counter() - began
    store.dispose()
    if result.status != "loaded":
        raise SystemExit(f"import failed: {result.error}")
    return elapsed, result.rows_inserted, result.encoding or "xlsx"


def raw_copy(folder: Path, loaded: str) -> tuple[float, int]:
    """Copy the appeal rows (and, untimed, the enterprises they reference) with plain sqlite3 executemany."""
    settings = load_settings(environ={}, database_url=f"sqlite:///{folder / 'raw.db'}")
    prepare_store(settings)[0].dispose()
    source = sqlite3.connect(folder / loaded)
    target = sqlite3.connect(folder / "raw.db", isolation_level=None)
    target.execute("PRAGMA journal_mode=WAL")
    target.execute("PRAGMA synchronous=NORMAL")
    target.execute("BEGIN")
    enterprises = source.execute("SELECT id, name FROM enterprise")
    target.executemany("INSERT INTO enterprise (id, name) VALUES (?, ?)", enterprises)
    columns = [c[1] for c in source.execute("PRAGMA table_info(appeal)") if c[1] != "id"]
    sql = f"INSERT INTO appeal ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor = source.execute(f"SELECT {', '.join(columns)} FROM appeal ORDER BY id")
    elapsed, copied = 0.0, 0
    while rows := cursor.fetchmany(COPY_CHUNK):
        began = time.perf_counter()
        target.executemany(sql, rows)
        elapsed += time.perf_counter() - began
        copied += len(rows)
    began = time.perf_counter()
    target.execute("COMMIT")
    elapsed += time.perf_counter() - began
    return elapsed, copied


def main() -> None:
    parser = argparse.ArgumentParser(description="导入性能基准：GBK CSV 与 XLSX 的完整导入对比原始 sqlite3 executemany")
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--csv100-rows", type=int, default=550_000, help="rows of the ~100 MB CSV")
    parser.add_argument("--near-limit-mb", type=float, default=NEAR_LIMIT_MB, help="sheet XML of the large .xlsx")
    parser.add_argument("--strings-mb", type=float, default=STRINGS_MB, help="shared strings of the strings .xlsx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="battlemap-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "企业诉求_基准.csv"
        write_csv(csv_path, args.csv_rows)
        print(f"generated {args.csv_rows:,} rows as GBK CSV ({csv_path.stat().st_size / 1e6:.0f} MB)")
        csv_s, csv_rows, encoding = timed_import(folder, "import.db", csv_path)
        print(f"full import   {csv_rows:>9,} rows in {csv_s:6.1f} s = {csv_rows / csv_s:9,.0f} rows/s  ({encoding})")
        raw_s, raw_rows = raw_copy(folder, "import.db")
        print(f"raw sqlite3   {raw_rows:>9,} rows in {raw_s:6.1f} s = {raw_rows / raw_s:9,.0f} rows/s  (executemany)")
        csv_path.unlink()
        xlsx_path = folder / "企业诉求_基准.xlsx"
        write_xlsx(xlsx_path, rows=args.xlsx_rows)
        xlsx_s, xlsx_rows, _ = timed_import(folder, "xlsx.db", xlsx_path)
        print(f"xlsx import   {xlsx_rows:>9,} rows in {xlsx_s:6.1f} s = {xlsx_rows / xlsx_s:9,.0f} rows/s")
        xlsx_path.unlink()
        near_path = folder / "企业诉求_接近上限.xlsx"
        _written, near_declared = write_xlsx(near_path, sheet_mb=args.near_limit_mb)
        near_status, near_rows, near_s, near_peak = in_child(folder / "near.db", near_path)
        print(
            f"large xlsx    {near_rows:>9,} rows ({near_declared / (1 << 20):,.0f} MB unzipped, "
            f"{near_path.stat().st_size / (1 << 20):.0f} MB on disk, {near_status}) in {near_s:6.1f} s, "
            f"peak RSS {near_peak:,.0f} MB (target < 1000)"
        )
        near_path.unlink()
        strings_path = folder / "企业诉求_共享字符串.xlsx"
        _rows, strings_declared, _strings = write_shared_strings_xlsx(strings_path, args.strings_mb)
        strings_status, strings_rows, strings_s, strings_peak = in_child(folder / "strings.db", strings_path)
        print(
            f"strings xlsx  {strings_rows:>9,} rows ({strings_declared / (1 << 20):,.0f} MB unzipped, mostly shared "
            f"strings, {strings_status}) in {strings_s:6.1f} s, peak RSS {strings_peak:,.0f} MB (target < 1000)"
        )
        strings_path.unlink()
        mid_path = folder / "企业诉求_100MB.csv"
        write_csv(mid_path, args.csv100_rows)
        mid_mb = mid_path.stat().st_size / (1 << 20)
        status, mid_rows, mid_s, mid_peak = in_child(folder / "mid.db", mid_path)
        print(
            f"100 MB CSV    {mid_rows:>9,} rows ({mid_mb:.0f} MB, {status}) in {mid_s:6.1f} s, "
            f"peak RSS {mid_peak:,.0f} MB (target < 1000)"
        )
        mid_path.unlink()
        bomb_path = folder / "企业诉求_解压2GB.xlsx"
        declared = write_bomb(bomb_path)
        bomb_status, _, bomb_s, bomb_peak = in_child(folder / "bomb.db", bomb_path)
        on_disk = bomb_path.stat().st_size / (1 << 20)
        print(
            f"2 GB workbook {on_disk:.1f} MB on disk, declares {declared / (1 << 20):,.0f} MB: "
            f"{bomb_status} in {bomb_s:.3f} s, peak RSS {bomb_peak:,.0f} MB (target: refused in < 5 s)"
        )
        if bomb_status != "failed" or {status, near_status, strings_status} != {"loaded"}:
            raise SystemExit("the 2 GB workbook must be refused, the 100 MB CSV and the large workbook loaded")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = (csv_rows / csv_s) / (raw_rows / raw_s)
    print(f"ratio full/raw {ratio:.2f} (target >= 0.5); peak RSS {peak:,.0f} MB (target < 2000)")
    print(
        json.dumps(
            {
                "csv_rows": csv_rows,
                "csv_rows_per_s": round(csv_rows / csv_s),
                "raw_rows_per_s": round(raw_rows / raw_s),
                "ratio": round(ratio, 3),
                "xlsx_rows_per_s": round(xlsx_rows / xlsx_s),
                "peak_rss_mb": round(peak),
                "csv100_mb": round(mid_mb),
                "csv100_peak_rss_mb": round(mid_peak),
                "xlsx_large_unzipped_mb": round(near_declared / (1 << 20)),
                "xlsx_large_rows": near_rows,
                "xlsx_large_s": round(near_s, 1),
                "xlsx_large_peak_rss_mb": round(near_peak),
                "xlsx_strings_unzipped_mb": round(strings_declared / (1 << 20)),
                "xlsx_strings_peak_rss_mb": round(strings_peak),
                "bomb_declared_mb": round(declared / (1 << 20)),
                "bomb_refused_s": round(bomb_s, 3),
                "bomb_peak_rss_mb": round(bomb_peak),
            }
        )
    )


if __name__ == "__main__":
    main()
