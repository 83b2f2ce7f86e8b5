"""The ``battlemap etl`` command contract: --json on stdout only, exit codes 0/1/2, Chinese help, status, rejects."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main
from tests.import_fixtures import CORPUS

LEVELS = "非常满意/满意/基本满意/不满意/非常不满意"
JSON_KEYS = [
    "file",
    "kind",
    "status",
    "encoding",
    "rows_read",
    "rows_inserted",
    "rows_updated",
    "rows_unchanged",
    "rows_rejected",
    "rejects",
    "warnings",
    "error",
    "run_id",
    "dry_run",
    "data_changed",
    "reject_groups",
]


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database file selected through BATTLEMAP_DATABASE_URL, and no config file."""
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("BATTLEMAP_CONFIG", raising=False)
    return tmp_path


def run_json(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, list[dict]]:
    code = main(["etl", "import", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_is_one_array_with_the_contract_keys_and_exit_0_with_rejects(db_env: Path, capsys):
    code, payload = run_json(capsys, str(CORPUS / "appeals_utf8.csv"), str(CORPUS / "appeals_unknown_district.csv"))
    assert code == 0
    assert [list(p) for p in payload] == [JSON_KEYS, JSON_KEYS]
    assert [(p["status"], p["rows_inserted"], p["rows_rejected"], p["run_id"]) for p in payload] == [
        ("loaded", 3, 0, 1),
        ("loaded", 2, 1, 2),
    ]
    assert payload[1]["rejects"] == [
        {
            "row": 3,
            "column": "所属县区",
            "value": "火星区",
            "reason": "「火星区」配置中没有这个县区，请核对名称或在配置文件 [city.regions] 中添加",
        }
    ]


def test_exit_1_when_any_file_failed_and_the_others_still_load(db_env: Path, capsys):
    code, payload = run_json(capsys, str(CORPUS / "appeals_password.xlsx"), str(CORPUS / "appeals_gbk.csv"))
    assert code == 1
    assert [(p["status"], p["encoding"], p["rows_inserted"]) for p in payload] == [
        ("failed", None, 0),
        ("loaded", "GBK", 3),
    ]
    assert payload[0]["error"].startswith("文件“appeals_password.xlsx”设置了打开密码")


def test_exit_2_on_usage_errors(db_env: Path, capsys):
    assert main(["etl", "import", str(db_env / "missing.csv")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_kind:
        main(["etl", "import", str(CORPUS / "appeals_utf8.csv"), "--kind", "nonsense"])
    assert bad_kind.value.code == 2
    with pytest.raises(SystemExit) as no_path:
        main(["etl", "import"])
    assert no_path.value.code == 2


def test_kind_option_overrides_detection_and_dry_run_writes_nothing(db_env: Path, capsys):
    renamed = db_env / "data.csv"
    shutil.copy(CORPUS / "export_20261101.csv", renamed)
    code, payload = run_json(capsys, str(renamed), "--kind", "reviews", "--dry-run")
    assert (code, payload[0]["kind"], payload[0]["rows_inserted"], payload[0]["run_id"]) == (0, "reviews", 2, None)
    code, payload = run_json(capsys, str(renamed), "--kind", "reviews")
    assert (payload[0]["rows_inserted"], payload[0]["run_id"]) == (2, 1)


def test_status_and_rejects_commands(db_env: Path, capsys):
    main(["etl", "import", str(CORPUS / "appeals_satisfaction_range.csv")])
    capsys.readouterr()
    assert main(["etl", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    runs = [(r["id"], r["kind"], r["status"], r["rows_rejected"]) for r in status["runs"]]
    assert runs == [(1, "appeals", "loaded", 2)]
    assert status["lock"] is None
    assert main(["etl", "rejects", "1"]) == 0
    started = status["runs"][0]["started_at"].replace("T", " ")
    assert capsys.readouterr().out.splitlines() == [
        f"导入记录 1：{CORPUS / 'appeals_satisfaction_range.csv'}（企业诉求台账，已导入，{started} Asia/Shanghai）",
        "被拒绝 2 行：",
        "  行号  列      值    原因",
        "     2  满意度  7     「满意度」超出范围（应为 1–5）",
        "     4  满意度  很好  「满意度」的值“很好”无法识别，应为 1–5 的数字或 " + LEVELS,
    ]
    assert main(["etl", "rejects", "99"]) == 1


@pytest.mark.parametrize(
    "argv",
    [["etl"], ["etl", "import"], ["etl", "run"], ["etl", "status"], ["etl", "rejects"], ["scheduler"]],
)
def test_every_command_has_chinese_help(argv: list[str], capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：")
    assert "显示本帮助并退出" in text
    assert "show this help" not in text


def test_real_command_keeps_stdout_pure_json_and_creates_the_database(tmp_path: Path):
    """A subprocess with the environment variables; a file large enough to draw progress on stderr."""
    big = tmp_path / "appeals_big.csv"
    lines = ["诉求编号,企业名称,所属县区,承办单位,受理时间,办理状态"]
    lines += [f"BIG{i:07d},淮川企业{i % 500}有限公司,淮川区,市税务局,2026-11-03 09:00,办理中" for i in range(60_000)]
    big.write_text("\n".join(lines), encoding="gbk")
    env = {**os.environ, "BATTLEMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh' / 'new.db'}", "COLUMNS": "80"}
    env.pop("BATTLEMAP_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "cli", "etl", "import", str(big), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[1],
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert [(p["status"], p["encoding"], p["rows_read"], p["rows_inserted"]) for p in payload] == [
        ("loaded", "GBK", 60_000, 60_000)
    ]
    assert "导入 appeals_big.csv" in done.stderr


def test_a_dry_run_of_a_failing_file_says_so_names_its_kind_and_changes_nothing(db_env: Path, capsys):
    path = CORPUS / "appeals_missing_column.csv"
    code, [result] = run_json(capsys, str(path), "--dry-run")
    assert code == 1
    assert (result["status"], result["kind"], result["dry_run"], result["data_changed"], result["run_id"]) == (
        "failed",
        "appeals",
        True,
        False,
        None,
    )
    code, [forced] = run_json(capsys, str(CORPUS / "appeals_empty.csv"), "--dry-run", "--kind", "clearance")
    assert (code, forced["kind"], forced["dry_run"], forced["data_changed"]) == (1, "clearance", True, False)
    assert main(["etl", "import", str(path), "--dry-run"]) == 1
    text = capsys.readouterr().out
    assert "结果：试导入失败（企业诉求台账）" in text
    assert "试导入：只检查、不写入，数据库未作任何更改。" in text
    assert main(["etl", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"] == []  # not even a failed run is recorded
    _code, [checked] = run_json(capsys, str(CORPUS / "appeals_utf8.csv"), "--dry-run")
    _code, [loaded] = run_json(capsys, str(CORPUS / "appeals_utf8.csv"))
    assert [(r["status"], r["dry_run"], r["data_changed"]) for r in (checked, loaded)] == [
        ("loaded", True, False),
        ("loaded", False, True),
    ]


def test_a_missing_path_with_json_prints_a_json_error_naming_it_and_exits_2(db_env: Path, capsys):
    missing = str(db_env / "不在这里.csv")
    assert main(["etl", "import", str(CORPUS / "appeals_utf8.csv"), missing, "--json"]) == 2
    out = capsys.readouterr()
    error = f"找不到文件 {missing}；请检查路径（要处理收件箱目录请用 battlemap etl run）"
    assert json.loads(out.out) == {"error": error, "missing": [missing]}
    assert out.err == f"错误：{error}\n"
    assert main(["etl", "import", str(db_env), "--json", "--dry-run"]) == 2  # a directory is not a file either
    assert json.loads(capsys.readouterr().out)["missing"] == [str(db_env)]
    assert main(["etl", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"] == []  # nothing was imported, not even the file that exists


def test_the_template_command_names_a_missing_directory_and_exits_2(db_env: Path, capsys):
    nowhere = db_env / "没有的目录"
    assert main(["etl", "template", "appeals", "-o", str(nowhere / "模板.xlsx")]) == 2
    assert capsys.readouterr().err == (f"错误：找不到目录 {nowhere}；请先创建该目录，或用 -o 指定已有的目录或文件名\n")
    assert main(["etl", "template", "appeals", "-o", f"{nowhere}/"]) == 2  # a directory, written as one
    assert capsys.readouterr().err.startswith(f"错误：找不到目录 {nowhere}；")
    assert not nowhere.exists()
    nowhere.mkdir()
    assert main(["etl", "template", "appeals", "-o", f"{nowhere}/"]) == 0
    assert (nowhere / "企业诉求_导入模板.xlsx").is_file()
