"""What the command line prints: times in the city's zone, tables aligned by display width, quiet ends when the
reader of a pipe stops early (real processes through a shell pipe), and exit codes in every command's --help."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cli import build_parser
from data.clock import log_in_zone
from etl.text_table import clip, display_width, text_table

ROOT = Path(__file__).parents[1]
# The instant every command of the shell fixture reads as now; by hand (UTC+8): 00:30 on 3 December in Shanghai.
FROZEN_UTC = "2026-12-02T16:30:05+00:00"
SHANGHAI_MINUTE = "2026-12-03 00:30"
SHIM = """#!{python}
import datetime, sys
import data.clock
frozen = datetime.datetime.fromisoformat("{frozen}")
data.clock.utc_now = lambda: frozen  # every time the product writes is read through data.clock.utc_now
from cli import main
sys.exit(main())
"""


@pytest.fixture
def shell(tmp_path: Path):
    """Run a bash pipeline with ``battlemap`` on PATH (this checkout's cli with its clock at ``FROZEN_UTC``), a
    fresh database, and the machine's zone set to New York so that a time written in the machine's zone would show."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "battlemap"
    shim.write_text(SHIM.format(python=sys.executable, frozen=FROZEN_UTC))
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "BATTLEMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "TZ": "America/New_York",
    }
    env.pop("BATTLEMAP_CONFIG", None)

    def run(pipeline: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", f"set -o pipefail; {pipeline}"],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )

    return run


def _column_starts(line: str, cells: list[str]) -> list[int]:
    """The display column at which each of ``cells`` starts in ``line`` (searched left to right)."""
    starts, at = [], 0
    for cell in cells:
        at = line.index(cell, at)
        starts.append(display_width(line[:at]))
        at += len(cell)
    return starts


def test_user_list_prints_shanghai_times_in_columns_aligned_by_display_width(shell):
    for name, role in (("王主任", "leader"), ("admin", "admin"), ("数据科张三丰", "operator")):
        added = shell(f"battlemap user add {name} --role {role} --password-stdin", stdin="correct-horse-9\n")
        assert added.returncode == 0, added.stderr

    listed = shell("battlemap user list")

    assert (listed.returncode, listed.stderr) == (0, "")
    lines = listed.stdout.splitlines()
    assert lines[-1] == "（时间均为 Asia/Shanghai 时间）"
    header, *rows = lines[:-1]
    assert [r.split()[0] for r in rows] == ["admin", "数据科张三丰", "王主任"]
    starts = {tuple(_column_starts(header, ["用户名", "角色", "创建时间", "更新时间"]))}
    for row in rows:
        name, role, _label, *times = row.split()
        assert times == [*SHANGHAI_MINUTE.split(), *SHANGHAI_MINUTE.split()]  # created, updated
        starts.add(tuple(_column_starts(row, [name, role, SHANGHAI_MINUTE, SHANGHAI_MINUTE])))
    # 数据科张三丰 is 12 columns, "leader 领导（调度会）" 21, a time 16; two columns between
    assert starts == {(0, 14, 37, 55)}
    piped = shell("battlemap user list | head -2")
    assert (piped.returncode, piped.stdout.splitlines(), piped.stderr) == (0, [header, rows[0]], "")


def test_etl_status_through_head_ends_quietly_with_shanghai_times(shell, tmp_path: Path):
    source = tmp_path / "企业诉求_2026-11.csv"
    source.write_text(
        "诉求编号,企业名称,所属县区,承办单位,受理时间,办理状态\n"
        "P1,淮川甲有限公司,淮川区,市税务局,2026-11-03 09:00,办理中\n",
        encoding="utf-8",
    )
    assert shell(f"battlemap etl import {source}").returncode == 0

    first = shell("battlemap etl status | head -1")
    assert (first.returncode, first.stdout, first.stderr) == (0, "数据版本：1（时间均为 Asia/Shanghai 时间）\n", "")
    gone = shell("battlemap etl status | true")  # the reader is gone before anything is written
    assert (gone.returncode, gone.stderr) == (0, "")

    full = shell("battlemap etl status").stdout.splitlines()
    header = full.index("最近的导入：") + 1
    run = full[header + 1]
    cells = ["编号", "时间", "类型", "结果", "读取/新增/更新/未变/拒绝", "文件"]
    values = ["1", SHANGHAI_MINUTE, "企业诉求台账", "已导入", "1/1/0/0/0", str(source)]
    # two of indent; 编号 4 columns (the number right-aligned under it), a time 16, 企业诉求台账 12, 已导入 6, the
    # counts' header 24; two columns between
    assert _column_starts(full[header], cells) == [2, 8, 26, 40, 48, 74]
    assert _column_starts(run, values) == [5, 8, 26, 40, 48, 74]


def test_listing_larger_than_the_pipe_buffer_through_head(shell, tmp_path: Path):
    source = tmp_path / "企业诉求_bad.csv"
    rows = [f"B{i:05d},企业{i},淮川区,市税务局,2026-11-03 09:00,办理中,很满意很满意{i}" for i in range(3000)]
    header = "诉求编号,企业名称,所属县区,承办单位,受理时间,办理状态,满意度\n"
    source.write_text(header + "\n".join(rows), encoding="utf-8")
    assert shell(f"battlemap etl import {source} --json > /dev/null").returncode == 1  # every row rejected

    head = shell("battlemap etl rejects 1 | head -1")
    missing = shell("battlemap etl rejects 2 | head -1")

    assert head.returncode == 0 and head.stderr == ""
    assert head.stdout == (
        f"导入记录 1：{source}（企业诉求台账，未导入（所有行都被拒绝），2026-12-03 00:30:05 Asia/Shanghai）\n"
    )
    assert (missing.returncode, missing.stdout) == (1, "")  # the command's own exit code, not the pipe's
    assert "没有编号为 2 的导入记录" in missing.stderr


def _helps(parser: argparse.ArgumentParser, path: str = "") -> dict[str, str]:
    helps = {path: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                helps.update(_helps(sub, f"{path} {name}".strip()))
    return helps


def test_every_command_documents_its_exit_codes():
    helps = _helps(build_parser())

    commands = {"", "etl", "etl import", "etl status", "user list", "db backup", "demo", "serve", "calendar show"}
    assert commands <= set(helps)
    unwrapped = {path: "".join(text.split()) for path, text in helps.items()}
    assert [path for path, text in unwrapped.items() if "退出码：" not in text or "|head" not in text] == []
    assert [path for path, text in helps.items() if not text.startswith("用法：") or "show this help" in text] == []
    assert "1 没有这个编号的导入记录" in helps["etl rejects"]
    assert "1 有文件导入失败" in helps["etl import"]


def test_text_table_pads_by_display_width():
    assert display_width("淮川区ab") == 8
    assert text_table(("名称", "数"), [("淮川区", 3), ("ab", 12)], right=(1,)) == [
        "名称    数",
        "淮川区   3",
        "ab      12",
    ]
    assert clip("很长的值\n第二行", 9) == "很长的值…"
    assert clip("短", 9) == "短"


def test_log_lines_carry_the_city_time(monkeypatch):
    monkeypatch.setattr(logging.Formatter, "converter", logging.Formatter.converter)  # restored after the test
    log_in_zone("Asia/Shanghai")
    record = logging.LogRecord("battlemap", logging.INFO, __file__, 1, "载入完成", None, None)
    record.created = datetime(2026, 12, 2, 16, 0, 0, tzinfo=UTC).timestamp()  # 00:00 on 3 December in Shanghai
    assert logging.Formatter("%(asctime)s %(message)s").format(record).startswith("2026-12-03 00:00:00,")
