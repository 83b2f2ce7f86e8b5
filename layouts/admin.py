"""The admin's pages and the new-password page: plain HTML served by Flask (like the login page), every form a POST
with the session's CSRF token, laid out to work on a phone (tables scroll inside their card)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from html import escape
from urllib.parse import urlencode

from data.accounts import Account
from data.audit import ACTIONS, AuditEntry

ADMIN_PREFIX = "/admin/"
USERS_PATH, AUDIT_PATH, AUDIT_CSV_PATH = "/admin/users", "/admin/audit", "/admin/audit.csv"
PASSWORD_PATH = "/password"
# The tables' columns; on a phone a row is a card without the head, so the cells named here carry their column's name
_USER_COLUMNS, _USER_LABELLED = ("用户名", "角色", "状态", "最近登录", "会话"), ("角色", "状态", "最近登录", "会话")
_AUDIT_COLUMNS, _AUDIT_LABELLED = ("时间", "操作人", "操作", "对象", "说明"), ("对象", "说明")
_LINKS = (("/", "调度会"), ("/operator", "数据操作"), (USERS_PATH, "账号管理"), (AUDIT_PATH, "审计日志"))

_SHELL = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading} · {title}</title>
<link rel="stylesheet" href="/assets/01-base.css"><link rel="stylesheet" href="/assets/03-meeting.css">
</head><body class="bm-admin-body">
<header class="bm-admin-header"><h1>{title}</h1><nav class="bm-admin-nav">{links}</nav>
<span class="bm-nav-user">{username}</span>{logout}</header>
<main class="bm-admin"><h2 class="bm-section-title">{heading}</h2>{body}</main></body></html>"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _csrf(token: str) -> str:
    return f'<input type="hidden" name="csrf_token" value="{_e(token)}">'


def _cells(values: Sequence[object], columns: Sequence[str], labelled: Sequence[str]) -> str:
    return "".join(
        f'<td data-label="{column}">{_e(v)}</td>' if column in labelled else f"<td>{_e(v)}</td>"
        for v, column in zip(values, columns, strict=True)
    )


def _when(moment: datetime | None) -> str:
    return "—" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


def admin_shell(title: str, heading: str, active: str, username: str, csrf: str, body: str) -> str:
    links = "".join(
        f'<a class="bm-nav-link{" bm-nav-active" if path == active else ""}" href="{path}">{text}</a>'
        for path, text in _LINKS
    )
    logout = (
        f'<form class="bm-logout" method="post" action="/logout">{_csrf(csrf)}'
        '<button class="bm-link">退出</button></form>'
    )
    return _SHELL.format(
        title=_e(title), heading=_e(heading), links=links, username=_e(username), logout=logout, body=body
    )


def _message(message: str | None, error: bool) -> str:
    if not message:
        return ""
    kind = "bm-login-error" if error else "bm-admin-ok"
    return f'<p id="admin-message" class="{kind}">{_e(message)}</p>'


def _role_options(roles: Mapping[str, str], selected: str | None = None) -> str:
    return "".join(
        f'<option value="{r}"{" selected" if r == selected else ""}>{_e(label)}</option>' for r, label in roles.items()
    )


def _action(name: str, csrf: str, action: str, label: str, extra: str = "", confirm: str = "") -> str:
    """A button posting ``action`` for ``name``; with ``confirm``, only once the browser's dialog is answered yes."""
    ask = f' onsubmit="{_e("return confirm(" + json.dumps(confirm, ensure_ascii=False) + ")")}"' if confirm else ""
    return (
        f'<form method="post" action="{USERS_PATH}/{action}" data-user="{_e(name)}" data-action="{action}"{ask}>'
        f'{_csrf(csrf)}<input type="hidden" name="username" value="{_e(name)}">{extra}'
        f'<button type="submit">{label}</button></form>'
    )


def _account_row(account: Account, sessions: int, csrf: str, me: str, roles: Mapping[str, str]) -> str:
    state = "启用" if account.active else "已停用"
    if account.must_change_password:
        state += "（待设新密码）"
    name = account.username
    actions = [_action(name, csrf, "reset", "重置密码"), _action(name, csrf, "sessions", "结束会话")]
    if name != me:
        role_select = f'<select name="role" aria-label="角色">{_role_options(roles, account.role)}</select>'
        actions.insert(0, _action(name, csrf, "role", "修改角色", role_select))
        toggle = ("disable", "停用") if account.active else ("enable", "启用")
        actions.append(_action(name, csrf, *toggle))
        ask = f"删除账号 {name}？其会话随即结束，审计日志保留其记录。"
        actions.append(_action(name, csrf, "delete", "删除", confirm=ask))
    cells = (name, roles.get(account.role, account.role), state, _when(account.last_login_at), str(sessions))
    tds = _cells(cells, _USER_COLUMNS, _USER_LABELLED)
    return f'<tr data-user="{_e(name)}">{tds}<td class="bm-admin-actions">{"".join(actions)}</td></tr>'


def users_page(
    title: str,
    me: str,
    csrf: str,
    roles: Mapping[str, str],
    rows: Sequence[Account],
    sessions: Mapping[str, int],
    message: str | None = None,
    error: bool = False,
    temporary: tuple[str, str] | None = None,
) -> str:
    """The accounts page (``roles``: the roles an account may have, with their names); ``temporary`` (user name,
    temporary password) is shown once, after an add or a reset."""
    handover = ""
    if temporary is not None:
        name, password = temporary
        handover = (
            f'<p class="bm-admin-temporary">{_e(name)} 的临时密码（只显示这一次，请当面或电话告知）：'
            f'<code id="admin-temporary">{_e(password)}</code>；该用户登录后须先设置自己的新密码。</p>'
        )
    add = (
        f'<form id="admin-add" class="bm-admin-add" method="post" action="{USERS_PATH}/add">{_csrf(csrf)}'
        '<label>用户名<input id="admin-add-username" name="username" required maxlength="64"></label>'
        f'<label>角色<select id="admin-add-role" name="role">{_role_options(roles)}</select></label>'
        '<button id="admin-add-submit" type="submit">添加账号（生成临时密码）</button></form>'
    )
    head = "".join(f"<th>{h}</th>" for h in (*_USER_COLUMNS, "操作"))
    body = "".join(_account_row(a, sessions.get(a.username, 0), csrf, me, roles) for a in rows)
    table = (
        f'<div class="bm-admin-scroll"><table class="bm-admin-table bm-admin-users"><tr>{head}</tr>{body}</table></div>'
    )
    return admin_shell(title, "账号管理", USERS_PATH, me, csrf, _message(message, error) + handover + add + table)


def _select(name: str, options: Sequence[tuple[str, str]], selected: str) -> str:
    choices = "".join(
        f'<option value="{_e(v)}"{" selected" if v == selected else ""}>{_e(t)}</option>' for v, t in options
    )
    return f'<select id="audit-{name}" name="{name}">{choices}</select>'


def audit_page(
    title: str,
    me: str,
    csrf: str,
    query: Mapping[str, str],
    actors: Sequence[str],
    found: Sequence[AuditEntry],
    total: int,
    message: str | None = None,
) -> str:
    """The audit log with its filters (from and to dates, actor, action) and the CSV of what they select."""
    actor_options = [("", "全部操作人"), *((a, a) for a in actors)]
    action_options = [("", "全部操作"), *ACTIONS.items()]
    since, until = _e(query.get("since", "")), _e(query.get("until", ""))
    filters = (
        f'<form id="audit-filter" class="bm-admin-add" method="get" action="{AUDIT_PATH}">'
        f'<label>起始日期<input type="date" id="audit-since" name="since" value="{since}"></label>'
        f'<label>截止日期<input type="date" id="audit-until" name="until" value="{until}"></label>'
        f"<label>操作人{_select('actor', actor_options, query.get('actor', ''))}</label>"
        f"<label>操作{_select('action', action_options, query.get('action', ''))}</label>"
        '<button type="submit">查询</button>'
        f'<a id="audit-csv" class="bm-link" href="{AUDIT_CSV_PATH}?{_e(urlencode(query))}">导出 CSV</a></form>'
    )
    shown = f"共 {total} 条" + (f"，显示最新的 {len(found)} 条（全部请导出 CSV）" if total > len(found) else "")
    head = "".join(f"<th>{h}</th>" for h in _AUDIT_COLUMNS)
    rows = "".join(
        f"<tr>{_cells(cells, _AUDIT_COLUMNS, _AUDIT_LABELLED)}</tr>"
        for cells in ((f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action_label, e.target, e.detail) for e in found)
    )
    table = (
        f'<div class="bm-admin-scroll"><table class="bm-admin-table bm-admin-audit"><tr>{head}</tr>{rows}</table></div>'
    )
    count = f'<p id="audit-count" class="bm-muted">{shown}</p>'
    return admin_shell(title, "审计日志", AUDIT_PATH, me, csrf, _message(message, True) + filters + count + table)


_PASSWORD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>设置新密码 · {title}</title>
<link rel="stylesheet" href="/assets/01-base.css"><link rel="stylesheet" href="/assets/03-meeting.css">
</head><body class="bm-login-body">
<main class="bm-login">
<h1>设置新密码</h1>
<p class="bm-login-lead">{lead}</p>
{message}
<form method="post" action="{action}" class="bm-login-form">
<input type="hidden" name="next" value="{next}">
{csrf}{current}
<label>新密码（至少 8 位）
<input id="password-new" name="new" type="password" autocomplete="new-password" required></label>
<label>再输入一次<input id="password-repeat" name="repeat" type="password" autocomplete="new-password" required></label>
<button id="password-submit" type="submit">保存新密码</button>
</form>
</main></body></html>"""


def password_page(title: str, username: str, next_path: str, csrf: str, forced: bool, message: str | None) -> str:
    """The page to set one's own password; after an admin's reset (``forced``) the only page that opens."""
    lead = f"{username}：管理员已重置您的密码，请先设置自己的新密码。" if forced else f"{username}：修改登录密码。"
    current = (
        ""
        if forced
        else '<label>当前密码<input id="password-current" name="current" type="password" '
        'autocomplete="current-password" required></label>'
    )
    return _PASSWORD.format(
        title=_e(title),
        lead=_e(lead),
        message=_message(message, True),
        next=_e(next_path),
        csrf=_csrf(csrf),
        current=current,
        action=PASSWORD_PATH,
    )
