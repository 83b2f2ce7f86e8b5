"""The admin's accounts and audit pages: only an admin reaches them; each action (a POST with the form's token)
changes the account and writes one audit entry; a reset password lets the user do nothing but set a new one; a
disabled user cannot log in; a role change ends the user's sessions; the audit CSV neutralises formulas."""

from __future__ import annotations

import csv
import io
import re

import pytest

from auth.users import LAST_ADMIN_TEXT, AccountError, delete_account, list_accounts, set_active, set_role
from data.audit import CLI_ACTOR, entries
from tests.auth_client import PASSWORD, SITE, post_callback, role_site, route_body
from tests.auth_client import login as signed_in


@pytest.fixture
def site(tmp_path):  # type: ignore[no-untyped-def]
    app, store, _settings = role_site(tmp_path)
    yield app, store
    store.dispose()


def _client(app, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    client = app.server.test_client()
    assert signed_in(client, name, password).status_code == 302
    return client


def _token(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/admin/users").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _act(client, action: str, **form: str):  # type: ignore[no-untyped-def]
    data = {"csrf_token": _token(client), **form}
    return client.post(f"/admin/users/{action}", data=data, headers={"Origin": SITE})


def _accounts(store) -> dict[str, tuple[str, bool, bool]]:  # type: ignore[no-untyped-def]
    return {a.username: (a.role, a.active, a.must_change_password) for a in list_accounts(store)}


def _log(store) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return [
            (e.actor, e.action, e.target)
            for e in entries(conn)
            if not e.action.startswith(("login", "logout")) and e.actor != "命令行"
        ]


def _temporary(response) -> str:  # type: ignore[no-untyped-def]
    return re.search(r'<code id="admin-temporary">([^<]+)</code>', response.get_data(as_text=True)).group(1)


def test_only_an_admin_reaches_the_accounts_and_audit_pages(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    for name in ("lead", "oper"):
        client = _client(app, name)
        for path in ("/admin/users", "/admin/audit", "/admin/audit.csv"):
            assert client.get(path).status_code == 403
        token = client.get_cookie("_csrf_token").value
        form = {"csrf_token": token, "username": "lead", "role": "admin"}
        assert client.post("/admin/users/role", data=form, headers={"Origin": SITE}).status_code == 403
    assert app.server.test_client().get("/admin/users").headers["Location"].startswith("/login")
    assert _accounts(store)["lead"] == ("leader", True, False)
    page = _client(app, "boss").get("/admin/users")
    assert page.status_code == 200 and "账号管理" in page.get_data(as_text=True)


def test_each_action_changes_the_account_and_writes_one_audit_entry(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    boss = _client(app, "boss")
    added = _act(boss, "add", username="newbie", role="operator")
    assert added.status_code == 200 and len(_temporary(added)) == 12
    assert _accounts(store)["newbie"] == ("operator", True, True)
    assert _act(boss, "role", username="newbie", role="leader").status_code == 200
    assert _accounts(store)["newbie"] == ("leader", True, True)
    assert _act(boss, "disable", username="newbie").status_code == 200
    assert _accounts(store)["newbie"] == ("leader", False, True)
    assert _act(boss, "enable", username="newbie").status_code == 200
    assert _accounts(store)["newbie"] == ("leader", True, True)
    _client(app, "lead")
    assert '<td data-label="会话">1</td>' in boss.get("/admin/users").get_data(as_text=True)
    assert "已结束 lead 的 1 个会话" in _act(boss, "sessions", username="lead").get_data(as_text=True)
    assert _log(store)[::-1] == [
        ("boss", "user.add", "newbie"),
        ("boss", "user.role", "newbie"),
        ("boss", "user.disable", "newbie"),
        ("boss", "user.enable", "newbie"),
        ("boss", "user.sessions", "lead"),
    ]
    refused = _act(boss, "disable", username="boss")
    assert refused.status_code == 400 and "不能停用自己的账号" in refused.get_data(as_text=True)
    assert _accounts(store)["boss"] == ("admin", True, False) and len(_log(store)) == 5


def test_a_reset_password_must_be_replaced_before_anything_else(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    before = _client(app, "lead")
    boss = _client(app, "boss")
    temporary = _temporary(_act(boss, "reset", username="lead"))
    assert _accounts(store)["lead"] == ("leader", True, True)
    assert before.get("/").status_code == 302  # the reset ended lead's session
    assert app.server.test_client().post("/login").status_code in (400, 403)
    lead = app.server.test_client()
    assert signed_in(lead, "lead", PASSWORD).status_code == 401
    landed = signed_in(lead, "lead", temporary, next_path="/department")
    assert landed.headers["Location"] == "/password?next=/department"
    assert lead.get("/").headers["Location"] == "/password"
    assert post_callback(lead, route_body("/")).status_code == 403
    page = lead.get("/password").get_data(as_text=True)
    assert "管理员已重置您的密码" in page and 'name="current"' not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "new": "my-own-pass-1", "repeat": "my-own-pass-2", "next": "/department"}
    assert lead.post("/password", data=form, headers={"Origin": SITE}).status_code == 400
    form["repeat"] = "my-own-pass-1"
    done = lead.post("/password", data=form, headers={"Origin": SITE})
    assert done.headers["Location"] == "/department"
    assert lead.get("/").status_code == 200
    assert _accounts(store)["lead"] == ("leader", True, False)
    assert signed_in(app.server.test_client(), "lead", temporary).status_code == 401
    assert _log(store)[:2] == [("lead", "password.change", "lead"), ("boss", "user.reset", "lead")]


def test_a_disabled_user_cannot_log_in_and_their_sessions_end(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    lead = _client(app, "lead")
    _act(_client(app, "boss"), "disable", username="lead")
    assert lead.get("/").status_code == 302
    refused = signed_in(app.server.test_client(), "lead", PASSWORD)
    assert refused.status_code == 403 and "该账号已停用" in refused.get_data(as_text=True)


def test_a_role_change_ends_the_users_sessions(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    oper = _client(app, "oper")
    assert oper.get("/operator").status_code == 200
    _act(_client(app, "boss"), "role", username="oper", role="leader")
    assert oper.get("/operator").status_code == 302
    assert _accounts(store)["oper"] == ("leader", True, False)


def test_the_audit_page_filters_and_its_csv_neutralises_formulas(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    boss = _client(app, "boss")
    _act(boss, "add", username="=cmd|'/c'!A1", role="leader")
    _act(boss, "add", username="plain", role="leader")
    page = boss.get("/admin/audit?action=user.add&actor=boss").get_data(as_text=True)
    assert "共 2 条" in page and "=cmd|&#x27;/c&#x27;!A1" in page
    exported = boss.get("/admin/audit.csv?action=user.add&actor=boss")
    assert exported.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["时间", "操作人", "操作", "对象", "说明"]
    assert [r[1:4] for r in rows[1:]] == [["boss", "添加账号", "'=cmd|'/c'!A1"], ["boss", "添加账号", "plain"]]
    assert (
        len(list(csv.reader(io.StringIO(boss.get("/admin/audit.csv?until=2000-01-01").get_data().decode("utf-8-sig")))))
        == 1
    )


def test_an_admin_deletes_an_account_and_its_sessions_end(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    lead = _client(app, "lead")
    boss = _client(app, "boss")
    page = boss.get("/admin/users").get_data(as_text=True)
    assert 'data-user="lead" data-action="delete" onsubmit="return confirm(&quot;删除账号 lead？' in page
    assert 'data-user="boss" data-action="delete"' not in page  # not one's own
    deleted = _act(boss, "delete", username="lead")
    assert deleted.status_code == 200 and "已删除账号 lead，其会话已全部结束" in deleted.get_data(as_text=True)
    assert "lead" not in _accounts(store)
    assert lead.get("/").status_code == 302
    assert signed_in(app.server.test_client(), "lead", PASSWORD).status_code == 401
    assert _log(store)[0] == ("boss", "user.delete", "lead")
    missing = _act(boss, "delete", username="lead")
    assert missing.status_code == 400 and "没有用户 lead" in missing.get_data(as_text=True)


def test_the_last_active_admin_cannot_be_disabled_demoted_or_deleted(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    refused = LAST_ADMIN_TEXT.format(name="boss")
    for change in (
        lambda: set_active(store, "boss", False, CLI_ACTOR),
        lambda: set_role(store, "boss", "operator"),
        lambda: delete_account(store, "boss"),
    ):
        with pytest.raises(AccountError) as raised:
            change()
        assert str(raised.value) == refused
    assert _accounts(store)["boss"] == ("admin", True, False) and _log(store) == []

    # a second admin, disabled: boss is still the last active one; once enabled, either may go
    boss = _client(app, "boss")
    _act(boss, "add", username="boss2", role="admin")
    _act(boss, "disable", username="boss2")
    with pytest.raises(AccountError, match="boss 是最后一个启用的管理员账号"):
        set_role(store, "boss", "leader")
    assert _act(boss, "enable", username="boss2").status_code == 200
    set_role(store, "boss", "leader")
    assert _accounts(store)["boss"] == ("leader", True, False)
    with pytest.raises(AccountError, match="boss2 是最后一个启用的管理员账号"):
        delete_account(store, "boss2")
    assert [name for name, (role, active, _m) in _accounts(store).items() if role == "admin" and active] == ["boss2"]
