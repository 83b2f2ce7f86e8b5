"""The server-side check in front of every request: a state-changing request must come from this site (origin and
CSRF token, ``auth.csrf``); who is logged in (a session held on the server, ``auth.sessions``); and whether that
role may load this page, run this callback or fetch this download.

Refused callbacks get HTTP 403 and no data; a page load without a session is sent to the login page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask import Flask, Response, g, jsonify, redirect, request, session

from auth.csrf import (
    CROSS_SITE_TEXT,
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    CSRF_KEY,
    TOKEN_TEXT,
    UNSAFE_METHODS,
    same_origin,
    set_csrf_cookie,
    token_matches,
)
from auth.policy import ADMIN_PREFIX, DOWNLOAD_PREFIX, DOWNLOAD_ROLES, PASSWORD_PATH, callback_role, page_role
from auth.roles import VIEWER, role_allows
from auth.sessions import TOKEN_KEY, resume_session
from auth.settings import AuthSettings
from data.engine import Store

CALLBACK_PATH = "/_dash-update-component"
LOGIN_PATH, LOGOUT_PATH = "/login", "/logout"
OPEN_BEFORE_NEW_PASSWORD = (LOGIN_PATH, LOGOUT_PATH, PASSWORD_PATH)
NEW_PASSWORD_TEXT = "请先设置新密码"


@dataclass(frozen=True)
class Principal:
    """The person behind a request; ``username`` None = not logged in (a viewer); ``must_change_password`` after
    an admin's reset: nothing opens but the page to set a new password."""

    username: str | None
    role: str
    must_change_password: bool = False

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


def _load_principal(store: Store, auth: AuthSettings) -> Principal:
    found = resume_session(store, session.get(TOKEN_KEY), auth)
    if found is None:
        session.pop(TOKEN_KEY, None)
        return ANONYMOUS
    return Principal(found.username, found.role, found.must_change_password)


def _refuse(message: str) -> Response:
    response = jsonify({"error": message})
    response.status_code = 403
    return response


def _refuse_text(message: str) -> Response:
    return Response(message, status=403, mimetype="text/plain")


def _is_callback(path: str) -> bool:
    return path == CALLBACK_PATH or path.endswith(CALLBACK_PATH)


def _check_forgery(path: str) -> Response | None:
    """Refuse a state-changing request from another site, or without the session's token."""
    if request.method not in UNSAFE_METHODS:
        return None
    callback = _is_callback(path)
    if not same_origin(request):
        return _refuse(CROSS_SITE_TEXT) if callback else _refuse_text(CROSS_SITE_TEXT)
    if callback:
        if principal().logged_in and not token_matches(request.headers.get(CSRF_HEADER)):
            return _refuse(TOKEN_TEXT)
        return None
    return None if token_matches(request.form.get(CSRF_FIELD)) else _refuse_text(TOKEN_TEXT)


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


def _check_new_password(path: str) -> Response | None:
    """After an admin's reset the user may set a new password, log out and load the page's assets — nothing else."""
    if not principal().must_change_password or path in OPEN_BEFORE_NEW_PASSWORD or path.startswith("/assets/"):
        return None
    if _is_callback(path):
        return _refuse(NEW_PASSWORD_TEXT)
    return redirect(PASSWORD_PATH) if request.method == "GET" else _refuse_text(NEW_PASSWORD_TEXT)


def install_guard(server: Flask, store: Store, callback_map: dict, auth: AuthSettings) -> None:
    """Check every request before Flask routes it (Dash's own routes included)."""

    @server.before_request
    def guard() -> Response | None:
        g.principal = _load_principal(store, auth)
        path = request.path
        refused = _check_forgery(path)
        if refused is None:
            refused = _check_new_password(path)
        if refused is not None:
            return refused
        if path.startswith(ADMIN_PREFIX):
            return _check_page(path)
        if _is_callback(path):
            return _check_callback(callback_map)
        if path.startswith(DOWNLOAD_PREFIX):
            return _check_download(path)
        if request.method == "GET":
            return _check_page(path)
        return None

    @server.after_request
    def hand_over_token(response: Response) -> Response:
        if request.cookies.get(CSRF_COOKIE) != session.get(CSRF_KEY):
            set_csrf_cookie(response, auth.secure_cookies)
        return response
