"""Accounts, login and the server-side guard: hashing, the user CLI, sessions, rate limiting, and every protected
callback refused without a session or with a role too low."""

from __future__ import annotations

import io
import json

import pytest

from auth.policy import callback_role
from auth.roles import ADMIN, LEADER, OPERATOR, VIEWER, role_allows
from auth.users import AccountError, add_account, list_accounts, set_password
from cli import main as cli_main
from tests.auth_client import PASSWORD, page_headers, role_site
from tests.auth_client import login as signed_in


@pytest.fixture
def site(tmp_path):  # type: ignore[no-untyped-def]
    app, store, settings = role_site(tmp_path)
    yield app, store, settings
    store.dispose()


def login(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return signed_in(client, username, password)


def post_callback(client, output_key: str, outputs=None):  # type: ignore[no-untyped-def]
    body = {"output": output_key, "outputs": outputs or {"id": "x", "property": "children"}, "inputs": []}
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=page_headers(client),
    )


def test_roles_are_ordered() -> None:
    assert role_allows(ADMIN, OPERATOR) and role_allows(OPERATOR, LEADER) and role_allows(None, VIEWER)
    assert not role_allows(LEADER, OPERATOR) and not role_allows(None, LEADER) and not role_allows("bogus", LEADER)


def test_passwords_are_stored_as_argon2_hashes(site) -> None:  # type: ignore[no-untyped-def]
    _app, store, _settings = site
    with store.read() as conn:
        hashes = [h for (h,) in conn.exec_driver_sql("select password_hash from app_user")]
    assert len(hashes) == 3 and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)
    with pytest.raises(AccountError):
        add_account(store, "lead", LEADER, PASSWORD)
    with pytest.raises(AccountError):
        add_account(store, "someone", VIEWER, PASSWORD)  # the wall needs no account


def test_user_cli_reads_the_password_from_stdin_never_an_argument(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pass\n"))
    assert cli_main(["user", "add", "zhang", "--role", "operator", "--password-stdin"]) == 0
    assert cli_main(["user", "list"]) == 0
    assert "zhang" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli_main(["user", "add", "li", "--role", "leader", "--password", "x"])
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli_main(["user", "passwd", "zhang", "--password-stdin"]) == 1
    assert "至少 8 位" in capsys.readouterr().err
    assert cli_main(["user", "del", "zhang"]) == 0
    assert cli_main(["user", "del", "zhang"]) == 1


def test_pages_redirect_to_login_and_the_wall_never_does(site) -> None:  # type: ignore[no-untyped-def]
    client = site[0].server.test_client()
    assert client.get("/wall").status_code == 200
    assert client.get("/api/status").status_code == 200
    for path in ("/", "/department", "/operator"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert client.get("/download/brief.pdf").status_code == 403


def test_login_session_and_logout(site) -> None:  # type: ignore[no-untyped-def]
    client = site[0].server.test_client()
    assert login(client, "lead", "wrong-password").status_code == 401
    assert login(client, "nobody", PASSWORD).status_code == 401
    response = login(client, "lead")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = client.get_cookie("battlemap_session")
    assert cookie is not None and cookie.http_only and cookie.expires is not None
    assert client.get("/").status_code == 200
    assert client.get("/operator").status_code == 403
    client.post("/logout", data={"csrf_token": client.get_cookie("_csrf_token").value})
    assert client.get("/").status_code == 302


def test_login_never_redirects_off_site(site) -> None:  # type: ignore[no-untyped-def]
    client = site[0].server.test_client()
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil"):
        response = signed_in(client, "lead", PASSWORD, target)
        assert response.headers["Location"] == "/"


def test_login_attempts_are_rate_limited_per_ip_and_user(site) -> None:  # type: ignore[no-untyped-def]
    client = site[0].server.test_client()
    for _ in range(5):
        assert login(client, "lead", "wrong-password").status_code == 401
    locked = login(client, "lead")
    assert locked.status_code == 429 and "次数过多" in locked.get_data(as_text=True)
    assert login(client, "oper").status_code == 302  # another user name from the same IP is not locked
    other_ip = site[0].server.test_client()
    other_ip.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    response = login(other_ip, "lead")
    assert response.status_code == 302


def test_a_new_password_ends_existing_sessions(site) -> None:  # type: ignore[no-untyped-def]
    app, store, _settings = site
    client = app.server.test_client()
    login(client, "lead")
    assert client.get("/").status_code == 200
    set_password(store, "lead", "another-pass-1")
    assert client.get("/").status_code == 302
    assert [a.username for a in list_accounts(store)] == ["boss", "lead", "oper"]


def _keys_needing(app, role: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [key for key in app.callback_map if callback_role(key) == role]


def test_every_protected_callback_is_refused_without_a_session(site) -> None:  # type: ignore[no-untyped-def]
    app = site[0]
    client = app.server.test_client()
    protected = [key for key in app.callback_map if callback_role(key) != VIEWER]
    assert len(protected) >= 10, protected
    for key in protected:
        response = post_callback(client, key)
        assert response.status_code == 403, key
        assert response.get_json() == {"error": "请先登录，或当前账号无此权限"}
    # claiming wall outputs does not help: Dash dispatches on "output", and so does the guard
    spoof = post_callback(client, protected[0], outputs={"id": "wall-version", "property": "data"})
    assert spoof.status_code == 403
    assert post_callback(client, "no-such.children").status_code == 403


def test_role_boundaries_for_callbacks(site) -> None:  # type: ignore[no-untyped-def]
    app = site[0]
    leader, operator = app.server.test_client(), app.server.test_client()
    login(leader, "lead")
    login(operator, "oper")
    operator_keys = _keys_needing(app, OPERATOR)
    assert len(operator_keys) >= 5, "the operator page registers its callbacks"
    for key in operator_keys:
        assert post_callback(leader, key).status_code == 403, key
        assert post_callback(operator, key).status_code != 403, key
    for key in _keys_needing(app, LEADER):
        assert post_callback(leader, key).status_code != 403, key


def test_the_wall_callbacks_need_no_login(site) -> None:  # type: ignore[no-untyped-def]
    client = site[0].server.test_client()
    body = {
        "output": "..page-root.children...page-served.data..",
        "outputs": [{"id": "page-root", "property": "children"}, {"id": "page-served", "property": "data"}],
        "inputs": [{"id": "url", "property": "pathname", "value": "/wall"}],
        "state": [{"id": "page-served", "property": "data", "value": None}],
        "changedPropIds": ["url.pathname"],
    }
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and "wall-canvas" in response.get_data(as_text=True)
    body["inputs"][0]["value"] = "/"
    refused = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "此页面需要登录" in text and "meeting" not in text
