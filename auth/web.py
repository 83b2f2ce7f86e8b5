"""The login and logout routes, the session cookie's settings, and ``install``: everything auth adds to the server."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, Response, redirect, request, session

from auth.guard import LOGIN_PATH, LOGOUT_PATH, SESSION_EPOCH, SESSION_USER, install_guard
from auth.settings import AuthSettings, session_secret
from auth.users import check_login
from config import Settings
from data.engine import Store
from layouts.login import login_page

LOCKED_TEXT = "登录失败次数过多，请 {minutes:g} 分钟后再试"
WRONG_TEXT = "用户名或密码不正确"


def safe_next(target: str | None) -> str:
    """Only a path on this site is followed after login (never ``//host`` or ``http://…``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _html(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def install(server: Flask, store: Store, settings: Settings, callback_map: dict) -> AuthSettings:
    """Sign sessions with the deployment's secret, add /login and /logout, and put the guard in front of
    every request."""
    auth = AuthSettings.of(settings)
    server.secret_key = session_secret(settings.instance_dir)
    server.config.update(
        PERMANENT_SESSION_LIFETIME=timedelta(hours=auth.session_hours),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=auth.secure_cookies,
        SESSION_COOKIE_NAME="battlemap_session",
    )
    window = timedelta(minutes=auth.failure_window_minutes)

    def login() -> Response:
        next_path = safe_next(request.values.get("next"))
        if request.method == "GET":
            return _html(login_page(settings.title, next_path))
        ip = request.remote_addr or "?"
        outcome = check_login(
            store,
            request.form.get("username", ""),
            request.form.get("password", ""),
            ip,
            max_failures=auth.max_failures,
            window=window,
        )
        if outcome.locked:
            message = LOCKED_TEXT.format(minutes=auth.failure_window_minutes)
            return _html(login_page(settings.title, next_path, message), 429)
        if outcome.account is None:
            return _html(login_page(settings.title, next_path, WRONG_TEXT), 401)
        session.clear()
        session[SESSION_USER] = outcome.account.username
        session[SESSION_EPOCH] = outcome.account.session_epoch
        session.permanent = True
        return redirect(next_path)

    def logout() -> Response:
        session.clear()
        return redirect(LOGIN_PATH)

    server.add_url_rule(LOGIN_PATH, "battlemap_login", login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "battlemap_logout", logout, methods=["GET", "POST"])
    install_guard(server, store, callback_map)
    return auth
