"""The server-side check in front of every request: who is logged in (signed session, re-checked against the
store), and whether that role may load this page, run this callback or fetch this download.

Refused callbacks get HTTP 403 and no data; a page load without a session is sent to the login page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Flask, Response, g, jsonify, redirect, request, session

from auth.policy import DOWNLOAD_PREFIX, DOWNLOAD_ROLES, callback_role, page_role
from auth.roles import VIEWER, role_allows
from data.accounts import get_account
from data.engine import Store

SESSION_USER, SESSION_EPOCH = "user", "epoch"
CALLBACK_PATH = "/_dash-update-component"
LOGIN_PATH, LOGOUT_PATH = "/login", "/logout"


@dataclass(frozen=True)
class Principal:
    """The person behind a request; ``username`` None = not logged in (a viewer)."""

    username: str | None
    role: str

    @property
    def logged_in(self) -> bool:
        return self.username is not None


ANONYMOUS = Principal(None, VIEWER)


def principal() -> Principal:
    """The current request's principal (set by the guard; anonymous outside a request it checked)."""
    return g.get("principal", ANONYMOUS)


def current_role() -> str:
    return principal().role


def allowed(needed: str) -> bool:
    """Whether the current request's principal has at least role ``needed`` (for checks inside callbacks)."""
    return role_allows(principal().role, needed)


def _load_principal(store: Store) -> Principal:
    username = session.get(SESSION_USER)
    if not username:
        return ANONYMOUS
    with store.read() as conn:
        account = get_account(conn, username)
    if account is None or account.session_epoch != session.get(SESSION_EPOCH):
        session.clear()
        return ANONYMOUS
    return Principal(account.username, account.role)


def _refuse(message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = 403
    return response


def _check_callback(callback_map: dict) -> Response | None:
    body = request.get_json(silent=True, cache=True)
    key = body.get("output") if isinstance(body, dict) else None
    if not isinstance(key, str) or key not in callback_map:
        return _refuse("未知的回调")
    if not allowed(callback_role(key)):
        return _refuse("请先登录，或当前账号无此权限")
    return None


def _check_page(path: str) -> Response | None:
    needed = page_role(path)
    if needed is None or allowed(needed):
        return None
    if not principal().logged_in:
        return redirect(f"{LOGIN_PATH}?next={quote(path)}")
    return Response("当前账号无权访问此页面。", status=403, mimetype="text/plain")


def _check_download(path: str) -> Response | None:
    needed = DOWNLOAD_ROLES.get(path[len(DOWNLOAD_PREFIX) :])
    if needed is None or not allowed(needed):
        return _refuse("请先登录，或当前账号无此权限")
    return None


def install_guard(server: Flask, store: Store, callback_map: dict) -> None:
    """Check every request before Flask routes it (Dash's own routes included)."""

    @server.before_request
    def guard() -> Response | None:
        g.principal = _load_principal(store)
        path = request.path
        if path == CALLBACK_PATH or path.endswith(CALLBACK_PATH):
            return _check_callback(callback_map)
        if path.startswith(DOWNLOAD_PREFIX):
            return _check_download(path)
        if request.method == "GET":
            return _check_page(path)
        return None
