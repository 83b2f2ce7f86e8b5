"""Sessions held on the server: a copied cookie stops working at logout (POST), at a password, role or account
change, after the idle timeout and after the absolute lifetime; login and every state-changing request carry a
CSRF token and pass an Origin/Referer check; ``next`` never leaves the site; odd upload names never give a 500;
client addresses come from ``X-Forwarded-For`` only behind a trusted proxy."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app import create_app
from auth.policy import callback_role
from auth.roles import ADMIN, LEADER, OPERATOR
from auth.users import add_account, delete_account, set_password, set_role
from auth.web import safe_next
from cli import main as cli_main
from data.schema import LoginFailure, LoginSession
from etl.service import save_upload
from tests.auth_client import SITE, form_token, post_callback, route_body, upload_body
from tests.auth_client import login as signed_in
from tests.store_fixtures import fresh_store

PASSWORD = "correct-horse-9"
SESSION = LoginSession.__table__


def _site(tmp_path, auth: dict | None = None, trusted_proxies: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    store, settings = fresh_store(
        tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance", extra={"auth": auth or {}}
    )
    settings = replace(settings, server=replace(settings.server, trusted_proxies=trusted_proxies))
    for name, role in (("lead", LEADER), ("oper", OPERATOR), ("boss", ADMIN)):
        add_account(store, name, role, PASSWORD)
    return create_app(settings, store), store


@pytest.fixture
def site(tmp_path):  # type: ignore[no-untyped-def]
    app, store = _site(tmp_path)
    yield app, store
    store.dispose()


def login(client, username: str = "lead", password: str = PASSWORD, **extra):  # type: ignore[no-untyped-def]
    return signed_in(client, username, password, **extra)


def logout(client):  # type: ignore[no-untyped-def]
    token = client.get_cookie("_csrf_token").value
    return client.post("/logout", data={"csrf_token": token}, headers={"Origin": SITE})


def leader_callback(app) -> str:  # type: ignore[no-untyped-def]
    return next(key for key in app.callback_map if callback_role(key) == LEADER)


def callback(client, output_key: str, headers: dict | None = None):  # type: ignore[no-untyped-def]
    body = {"output": output_key, "outputs": {"id": "x", "property": "children"}, "inputs": []}
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json", headers=headers or {}
    )


def copied_cookie(client) -> str:  # type: ignore[no-untyped-def]
    return client.get_cookie("battlemap_session").value


def with_cookie(app, value: str):  # type: ignore[no-untyped-def]
    other = app.server.test_client()
    other.set_cookie("battlemap_session", value)
    return other


def test_a_cookie_copied_before_logout_opens_nothing_after_it(site) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    client = app.server.test_client()
    assert login(client).status_code == 302
    stolen = copied_cookie(client)
    assert with_cookie(app, stolen).get("/").status_code == 200
    client.get("/logout")  # a link or an <img> cannot log anyone out
    assert with_cookie(app, stolen).get("/").status_code == 200
    response = logout(client)
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    replay = with_cookie(app, stolen)
    assert replay.get("/").status_code == 302
    assert replay.get("/download/brief.pdf").status_code == 403
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(SESSION)).scalar_one() == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda store: set_password(store, "lead", "another-pass-1"),
        lambda store: set_role(store, "lead", OPERATOR),
        lambda store: delete_account(store, "lead"),
    ],
    ids=["password", "role", "removal"],
)
def test_account_changes_end_that_users_sessions_only(site, change) -> None:  # type: ignore[no-untyped-def]
    app, store = site
    lead, oper = app.server.test_client(), app.server.test_client()
    login(lead)
    login(oper, "oper")
    stolen = copied_cookie(lead)
    change(store)
    assert with_cookie(app, stolen).get("/").status_code == 302
    assert oper.get("/operator").status_code == 200
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(SESSION)).scalar_one() == 1


def test_idle_timeout_and_absolute_lifetime_come_from_the_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app, store = _site(tmp_path, {"idle_minutes": 30, "session_hours": 8})
    client = app.server.test_client()
    login(client)
    with store.read() as conn:
        created, seen = conn.execute(select(SESSION.c.created_at, SESSION.c.last_seen_at)).one()
    with store.write() as conn:  # idle for 29 minutes: still open, and the visit counts as activity
        conn.execute(update(SESSION).values(last_seen_at=seen - timedelta(minutes=29)))
    assert client.get("/").status_code == 200
    with store.read() as conn:
        assert conn.execute(select(SESSION.c.last_seen_at)).scalar_one() >= seen
    with store.write() as conn:  # active all along but opened 8 hours ago: over
        conn.execute(update(SESSION).values(created_at=created - timedelta(hours=8, minutes=1)))
    assert client.get("/").status_code == 302
    login(client)
    with store.read() as conn:
        seen = conn.execute(select(SESSION.c.last_seen_at)).scalar_one()
    with store.write() as conn:  # idle for 31 minutes: over
        conn.execute(update(SESSION).values(last_seen_at=seen - timedelta(minutes=31)))
    assert client.get("/").status_code == 302
    store.dispose()


def test_login_needs_its_form_token_and_a_same_site_origin(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    client = app.server.test_client()
    token = form_token(client)
    form = {"username": "lead", "password": PASSWORD, "next": "/"}
    assert client.post("/login", data=form).status_code == 403  # no token
    assert client.post("/login", data={**form, "csrf_token": "forged"}).status_code == 403
    cross = client.post("/login", data={**form, "csrf_token": token}, headers={"Origin": "https://evil.example"})
    assert cross.status_code == 403 and "跨站" in cross.get_data(as_text=True)
    referer = {"Referer": "https://evil.example/login"}
    assert client.post("/login", data={**form, "csrf_token": token}, headers=referer).status_code == 403
    assert client.post("/login", data={**form, "csrf_token": token}, headers={"Origin": "null"}).status_code == 403
    assert client.get("/").status_code == 302  # none of those logged the browser in
    assert login(client).status_code == 302
    assert client.get("/").status_code == 200


def components(tree: object) -> list[dict]:
    """Every Dash component in a callback response or layout."""
    found: list[dict] = []
    if isinstance(tree, dict):
        if "type" in tree and "props" in tree:
            found.append(tree)
        for value in tree.values():
            found += components(value)
    elif isinstance(tree, list):
        for value in tree:
            found += components(value)
    return found


def test_every_page_behind_the_login_logs_out_by_a_form_with_the_token(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    client = app.server.test_client()
    login(client, "boss")
    token = client.get_cookie("_csrf_token").value
    for path in ("/", "/department", "/operator"):
        response = post_callback(client, route_body(path))
        assert response.status_code == 200, path
        [form] = [c for c in components(response.get_json()) if c.get("type") == "Form"]
        assert (form["props"]["action"], form["props"]["method"]) == ("/logout", "post"), path
        fields = {c["props"].get("name"): c["props"].get("value") for c in components(form)}
        assert fields["csrf_token"] == token, path


def test_the_session_id_and_form_token_change_at_login(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    client = app.server.test_client()
    before = form_token(client)
    login(client)
    assert client.get_cookie("_csrf_token").value != before
    cookie = client.get_cookie("_csrf_token")
    assert not cookie.http_only and cookie.same_site == "Strict"  # Dash's renderer reads it into X-CSRFToken


def test_callbacks_need_a_same_site_origin_and_the_token_once_logged_in(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    client = app.server.test_client()
    login(client)
    token, key = client.get_cookie("_csrf_token").value, leader_callback(app)
    refused = callback(client, key)  # logged in, but no X-CSRFToken
    assert refused.status_code == 403 and refused.get_json() == {"error": "页面已过期或缺少安全令牌，请刷新页面后重试"}
    assert callback(client, key, headers={"X-CSRFToken": "forged"}).status_code == 403
    cross = callback(client, key, headers={"X-CSRFToken": token, "Origin": "https://evil.example"})
    assert cross.status_code == 403 and cross.get_json() == {"error": "拒绝跨站请求：请从本站页面重新操作"}
    assert callback(client, key, headers={"X-CSRFToken": token, "Origin": SITE}).status_code != 403
    wall = app.server.test_client()  # the wall's public callbacks need no session, but no foreign origin either
    assert callback(wall, "wall-version.data", {"Origin": "https://evil.example"}).status_code == 403


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "//evil.example",
        "///evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        " //evil.example",
        "\x00//evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "http:/evil.example",
        "/x\nSet-Cookie: a=b",
        "evil.example",
        "",
    ],
)
def test_next_falls_back_for_anything_a_browser_would_take_off_site(site, target: str) -> None:  # type: ignore[no-untyped-def]
    assert safe_next(target) == "/"
    client = site[0].server.test_client()
    response = login(client, next=target)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_next_keeps_a_path_on_this_site(site) -> None:  # type: ignore[no-untyped-def]
    assert safe_next("/department?name=市税务局") == "/department?name=市税务局"
    client = site[0].server.test_client()
    response = client.get("/login?next=/%09/evil.example")
    assert response.status_code == 200 and 'name="next" value="/"' in response.get_data(as_text=True)
    response = login(client, next="/operator?tab=1")
    assert response.headers["Location"] == "/operator?tab=1"


@pytest.mark.parametrize("name", ["..", ".", "../../etc/passwd", "a\x00b.csv", "", "/", "C:\\x\\..", "a" * 400])
def test_odd_upload_names_are_kept_safely_inside_the_upload_folder(tmp_path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "uploads" / "1"
    path = save_upload(folder, name, b"a,b\n")
    assert path.parent == folder and path.read_bytes() == b"a,b\n"
    assert "\x00" not in path.name and path.name not in ("", ".", "..") and len(path.name.encode()) <= 200


def test_odd_upload_names_through_the_callback_answer_without_a_500(site) -> None:  # type: ignore[no-untyped-def]
    app, _store = site
    client = app.server.test_client()
    login(client, "oper")
    contents = "data:text/csv;base64," + base64.b64encode(b"a,b\n").decode()
    for name in ("..", "a\x00b.csv", "\n"):
        response = post_callback(client, upload_body(app, [contents], [name]))
        assert response.status_code == 200, (name, response.get_data(as_text=True)[:300])
        assert "Traceback" not in response.get_data(as_text=True)


def _failures(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.read() as conn:
        return [ip for (ip,) in conn.execute(select(LoginFailure.__table__.c.ip))]


def test_forwarded_addresses_count_only_from_a_trusted_proxy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app, store = _site(tmp_path, trusted_proxies=("10.0.0.0/8",))
    spoofed = {"X-Forwarded-For": "1.2.3.4"}
    direct = app.server.test_client()  # a client reaching the server directly cannot choose its address
    token = form_token(direct)
    form = {"username": "lead", "password": "wrong", "csrf_token": token}
    direct.post("/login", data=form, headers=spoofed, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    proxy = app.server.test_client()
    token = form_token(proxy)
    form = {"username": "lead", "password": "wrong", "csrf_token": token}
    chain = {"X-Forwarded-For": "6.6.6.6, 198.51.100.20, 10.1.1.1"}  # the client forged the first hop
    proxy.post("/login", data=form, headers=chain, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert sorted(_failures(store)) == ["192.0.2.7", "198.51.100.20"]
    store.dispose()


def test_an_admin_lists_open_sessions_and_ends_a_users(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "cli.db"
    monkeypatch.setenv("BATTLEMAP_DATABASE_URL", f"sqlite:///{db}")
    store, settings = fresh_store(tmp_path, "cli.db", load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    add_account(store, "lead", LEADER, PASSWORD)
    app = create_app(settings, store)
    browser = app.server.test_client()
    login(browser)
    capsys.readouterr()
    assert cli_main(["user", "sessions"]) == 0
    listing = capsys.readouterr().out
    assert "lead" in listing and "127.0.0.1" in listing
    assert cli_main(["user", "logout", "lead"]) == 0
    assert "已结束 lead 的 1 个会话" in capsys.readouterr().out
    assert browser.get("/").status_code == 302
    assert cli_main(["user", "sessions"]) == 0
    assert "没有已登录的会话" in capsys.readouterr().out
    store.dispose()
