"""The admin's routes: /admin/users (add, disable, enable, change role, reset password, end sessions, delete —
each a POST with the CSRF token, each audited by ``auth.users``; the last active admin cannot be disabled, demoted
or deleted) and /admin/audit with its streamed CSV. The guard lets only an admin reach anything under /admin/
(``auth.policy``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from urllib.parse import quote

from flask import Flask, Response, request, stream_with_context

from auth.csrf import csrf_token
from auth.guard import principal
from auth.passwords import WeakPassword
from auth.roles import LOGIN_ROLES, ROLE_LABELS
from auth.sessions import end_sessions_of
from auth.users import (
    AccountError,
    add_account,
    delete_account,
    list_accounts,
    reset_password,
    set_active,
    set_role,
    temporary_password,
)
from data import accounts, audit
from data.audit import ACTIONS, AuditFilter
from data.engine import Store
from exports.audit_csv import audit_csv_chunks
from layouts.admin import AUDIT_CSV_PATH, AUDIT_PATH, USERS_PATH, audit_page, users_page

AUDIT_ROWS_SHOWN = 200
_ROLES = {r: ROLE_LABELS[r] for r in LOGIN_ROLES}


def _html(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _day(text: str | None) -> datetime | None:
    try:
        return datetime.combine(datetime.strptime((text or "").strip(), "%Y-%m-%d").date(), time())
    except ValueError:
        return None


def audit_filter(args: dict[str, str]) -> AuditFilter:
    """The filter of the audit page's query: from the start of ``since`` to the end of ``until`` (dates), one actor,
    one action; anything unreadable is left out."""
    until = _day(args.get("until"))
    action = args.get("action") or None
    return AuditFilter(
        since=_day(args.get("since")),
        until=until + timedelta(days=1) if until else None,
        actor=(args.get("actor") or "").strip()[:64] or None,
        action=action if action in ACTIONS else None,
    )


def install_admin(server: Flask, store: Store, title: str) -> None:
    def users(message: str | None = None, error: bool = False, temporary: tuple[str, str] | None = None) -> Response:
        with store.read() as conn:
            counts = accounts.session_counts(conn)
        me = principal().username or ""
        page = users_page(title, me, csrf_token(), _ROLES, list_accounts(store), counts, message, error, temporary)
        return _html(page, 400 if error else 200)

    def add(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        password = temporary_password()
        account = add_account(store, name, request.form.get("role", ""), password, actor, must_change=True)
        return f"已添加账号 {account.username}（{ROLE_LABELS[account.role]}）", (account.username, password)

    def reset(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        return f"已重置 {name} 的密码，其会话已全部结束", (name, reset_password(store, name, actor))

    def role(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        chosen = request.form.get("role", "")
        set_role(store, name, chosen, actor)
        return f"{name} 的角色已改为 {ROLE_LABELS.get(chosen, chosen)}，其会话已全部结束", None

    def disable(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        set_active(store, name, False, actor)
        return f"已停用 {name}：不能再登录，其会话已全部结束", None

    def enable(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        set_active(store, name, True, actor)
        return f"已启用 {name}", None

    def remove(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        delete_account(store, name, actor)
        return f"已删除账号 {name}，其会话已全部结束", None

    def sessions(name: str, actor: str) -> tuple[str, tuple[str, str] | None]:
        return f"已结束 {name} 的 {end_sessions_of(store, name, actor)} 个会话", None

    actions: dict[str, Callable[[str, str], tuple[str, tuple[str, str] | None]]] = {
        "add": add,
        "reset": reset,
        "role": role,
        "disable": disable,
        "enable": enable,
        "delete": remove,
        "sessions": sessions,
    }

    def act(action: str) -> Response:
        name = request.form.get("username", "").strip()
        if action not in actions or not name:
            return users("未知的操作或缺少用户名", error=True)
        try:
            message, temporary = actions[action](name, principal().username or "?")
        except (AccountError, WeakPassword) as exc:
            return users(str(exc), error=True)
        return users(message, temporary=temporary)

    def audit_view() -> Response:
        query = {k: v for k, v in request.args.items() if k in ("since", "until", "actor", "action") and v}
        which = audit_filter(query)
        with store.read() as conn:
            found = audit.entries(conn, which, AUDIT_ROWS_SHOWN)
            total, names = audit.count(conn, which), audit.actors(conn)
        me = principal().username or ""
        return _html(audit_page(title, me, csrf_token(), query, names, found, total))

    def audit_csv() -> Response:
        which = audit_filter(request.args.to_dict())

        def chunks():  # type: ignore[no-untyped-def]
            with store.read() as conn:
                yield from audit_csv_chunks(conn, which)

        response = Response(stream_with_context(chunks()), mimetype="text/csv; charset=utf-8")
        name = f"审计日志_{store.now():%Y%m%d-%H%M}.csv"
        response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(USERS_PATH, "battlemap_admin_users", lambda: users(), methods=["GET"])
    server.add_url_rule(f"{USERS_PATH}/<action>", "battlemap_admin_user_action", act, methods=["POST"])
    server.add_url_rule(AUDIT_PATH, "battlemap_admin_audit", audit_view, methods=["GET"])
    server.add_url_rule(AUDIT_CSV_PATH, "battlemap_admin_audit_csv", audit_csv, methods=["GET"])
