"""The one audit log: logins, failed logins, lockouts and logouts through the login form; account changes from the
CLI; overrides; the old screen and override rows carried over by the migration; ``battlemap user audit`` and its CSV
with formulas neutralised."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlalchemy import text

from app import create_app
from auth.roles import ADMIN, LEADER
from auth.users import add_account
from cli import main as cli_main
from data.audit import AuditFilter, entries, record
from data.engine import open_store
from data.migrate import upgrade
from tests.auth_client import SITE, form_token
from tests.auth_client import login as signed_in
from tests.store_fixtures import fresh_store

PASSWORD = "correct-horse-9"


def _log(store, **which) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return [(e.actor, e.action, e.target, e.detail) for e in entries(conn, AuditFilter(**which))][::-1]


def test_logins_failures_lockouts_and_logouts_are_audited(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, settings = fresh_store(
        tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "i", extra={"auth": {"max_failures": 2}}
    )
    add_account(store, "lead", LEADER, PASSWORD)
    client = create_app(settings, store).server.test_client()
    signed_in(client, "lead", "wrong-one")
    signed_in(client, "my-secret-password", "x")  # a password typed as the name is never written
    signed_in(client, "lead", "wrong-two")
    assert signed_in(client, "lead", PASSWORD).status_code == 429
    assert _log(store, action="login.") == [
        ("lead", "login.failed", "", "用户名或密码不正确"),
        ("（未知用户名）", "login.failed", "", "用户名或密码不正确"),
        ("lead", "login.failed", "", "用户名或密码不正确"),
        ("lead", "login.locked", "", "15 分钟内失败 2 次"),
    ]
    other = create_app(settings, store).server.test_client()
    with store.write() as conn:
        conn.execute(text("DELETE FROM login_failure"))
    assert signed_in(other, "lead", PASSWORD).status_code == 302
    other.post("/logout", data={"csrf_token": form_token(other)}, headers={"Origin": SITE})
    assert _log(store)[-2:] == [("lead", "login.ok", "", ""), ("lead", "logout", "", "")]
    with store.read() as conn:
        assert conn.execute(text("SELECT last_login_at FROM app_user")).scalar_one() is not None
    store.dispose()


def test_cli_account_changes_are_audited_and_exported_neutralised(tmp_path, monkeypatch, capsysbinary) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    store, _settings = fresh_store(tmp_path, "cli.db", load_demo_on_empty=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    assert cli_main(["user", "add", "=HYPERLINK(1)", "--role", "operator", "--password-stdin"]) == 0
    assert cli_main(["user", "role", "=HYPERLINK(1)", "--role", "leader"]) == 0
    assert cli_main(["user", "logout", "=HYPERLINK(1)"]) == 0
    assert cli_main(["user", "del", "=HYPERLINK(1)"]) == 0
    assert _log(store) == [
        ("命令行", "user.add", "=HYPERLINK(1)", "数据操作员"),
        ("命令行", "user.role", "=HYPERLINK(1)", "数据操作员 → 领导（调度会）"),
        ("命令行", "user.sessions", "=HYPERLINK(1)", "0 个会话"),
        ("命令行", "user.delete", "=HYPERLINK(1)", "领导（调度会）"),
    ]
    capsysbinary.readouterr()
    assert cli_main(["user", "audit", "--action", "user.role"]) == 0
    shown = capsysbinary.readouterr().out.decode()
    assert "修改角色" in shown and "user.add" not in shown and "最新的 1 条" in shown
    exported = _csv_rows(capsysbinary, ["user", "audit", "--csv", "--since", "2000-01-01"])
    assert exported[0] == ["时间", "操作人", "操作", "对象", "说明"]
    assert [r[1:4] for r in exported[1:]] == [
        ["命令行", "添加账号", "'=HYPERLINK(1)"],
        ["命令行", "修改角色", "'=HYPERLINK(1)"],
        ["命令行", "结束会话", "'=HYPERLINK(1)"],
        ["命令行", "删除账号", "'=HYPERLINK(1)"],
    ]
    assert _csv_rows(capsysbinary, ["user", "audit", "--csv", "--until", "2000-01-01"])[1:] == []
    store.dispose()


def _csv_rows(capture, argv: list[str]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    capture.readouterr()
    assert cli_main(argv) == 0
    raw = capture.readouterr().out
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_migration_carries_the_screen_and_override_rows_into_the_log(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(store, "0011")
    at = datetime(2026, 12, 1, 9, 30)
    with store.write() as conn:
        conn.execute(
            text(
                "INSERT INTO ops_audit (at, username, target, action, detail) VALUES (:at, 'op', 'hall', 'freeze', :d)"
            ),
            {"at": at, "d": "固定"},
        )
    upgrade(store)
    assert _log(store) == [("op", "ops.freeze", "hall", "固定")]
    with store.write() as conn:
        record(conn, at, ADMIN, "user.add", "x")
    assert [a for _, a, _, _ in _log(store, action="ops.")] == ["ops.freeze"]
    store.dispose()
