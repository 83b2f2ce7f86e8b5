"""The login, logout and new-password routes, the session cookie's settings, and ``install``: everything auth adds
to the server (the admin's pages are ``auth.admin``)."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from urllib.parse import quote, unquote, urljoin, urlsplit

from flask import Flask, Response, redirect, request, session

from auth.admin import install_admin
from auth.csrf import csrf_token, renew_csrf_token
from auth.guard import LOGIN_PATH, LOGOUT_PATH, install_guard, principal
from auth.passwords import WeakPassword
from auth.sessions import TOKEN_KEY, end_session_of, start_session
from auth.settings import AuthSettings, session_secret
from auth.users import AccountError, change_own_password, check_login, verify_own_password
from config import Settings
from data.engine import Store
from layouts.admin import PASSWORD_PATH, password_page
from layouts.login import login_page

LOCKED_TEXT = "登录失败次数过多，请 {minutes:g} 分钟后再试"
WRONG_TEXT = "用户名或密码不正确"
DISABLED_TEXT = "该账号已停用，请联系管理员"
MISMATCH_TEXT = "两次输入的新密码不一致"
CURRENT_WRONG_TEXT = "当前密码不正确"
_PROBE_HOST = "battlemap.invalid"


def _plain_path(text: str) -> bool:
    """No control, format or space character (browsers drop tabs and newlines from a URL, and ``\\`` is ``/``)."""
    return "\\" not in text and not any(unicodedata.category(c)[0] in "CZ" for c in text)


def safe_next(target: str | None) -> str:
    """Only a path on this site is followed after login: the target must be a plain path (as written and once
    percent-decoded) that a browser resolves against this site to this site; anything else gives ``/``."""
    if not target or not _plain_path(target) or not _plain_path(unquote(target)):
        return "/"
    if not target.startswith("/") or target.startswith("//") or unquote(target).startswith("//"):
        return "/"
    try:
        parts, resolved = urlsplit(target), urlsplit(urljoin(f"http://{_PROBE_HOST}/", target))
    except ValueError:
        return "/"
    if parts.scheme or parts.netloc or resolved.netloc != _PROBE_HOST:
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

    def page(next_path: str, message: str | None = None, status: int = 200) -> Response:
        return _html(login_page(settings.title, next_path, csrf_token(), message), status)

    def login() -> Response:
        next_path = safe_next(request.values.get("next"))
        if request.method == "GET":
            return page(next_path)
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
            return page(next_path, LOCKED_TEXT.format(minutes=auth.failure_window_minutes), 429)
        if outcome.disabled:
            return page(next_path, DISABLED_TEXT, 403)
        if outcome.account is None:
            return page(next_path, WRONG_TEXT, 401)
        end_session_of(store, session.get(TOKEN_KEY))
        fresh_session(outcome.account.username, ip)
        if outcome.account.must_change_password:
            return redirect(f"{PASSWORD_PATH}?next={quote(next_path)}")
        return redirect(next_path)

    def fresh_session(username: str, ip: str) -> None:
        session.clear()
        session[TOKEN_KEY] = start_session(store, username, ip, request.user_agent.string)
        renew_csrf_token()
        session.permanent = True

    def new_password() -> Response:
        """Set one's own password: the only page open after an admin's reset (then without the current one)."""
        who = principal()
        next_path = safe_next(request.values.get("next"))
        forced, username = who.must_change_password, who.username or ""

        def form(message: str | None = None, status: int = 200) -> Response:
            return _html(password_page(settings.title, username, next_path, csrf_token(), forced, message), status)

        if request.method == "GET":
            return form()
        new, repeat = request.form.get("new", ""), request.form.get("repeat", "")
        if new != repeat:
            return form(MISMATCH_TEXT, 400)
        if not forced and not verify_own_password(store, username, request.form.get("current", "")):
            return form(CURRENT_WRONG_TEXT, 400)
        try:
            change_own_password(store, username, new)
        except (AccountError, WeakPassword) as exc:
            return form(str(exc), 400)
        fresh_session(username, request.remote_addr or "?")
        return redirect(next_path)

    def logout() -> Response:
        end_session_of(store, session.get(TOKEN_KEY))
        session.clear()
        return redirect(LOGIN_PATH)

    server.add_url_rule(LOGIN_PATH, "battlemap_login", login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT_PATH, "battlemap_logout", logout, methods=["POST"])
    server.add_url_rule(PASSWORD_PATH, "battlemap_password", new_password, methods=["GET", "POST"])
    install_admin(server, store, settings.title)
    install_guard(server, store, callback_map, auth)
    return auth
