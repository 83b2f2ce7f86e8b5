"""The header of the views behind the login: title, the views this role may open, the as-of time, logout."""

from __future__ import annotations

from dash import dcc, html

LINKS = (
    ("/", "调度会", "leader"),
    ("/department", "部门视图", "leader"),
    ("/operator", "数据操作", "operator"),
    ("/ops", "大屏运维", "operator"),
    ("/admin/users", "账号管理", "admin"),
    ("/admin/audit", "审计日志", "admin"),
)
ROLE_ORDER = ("viewer", "leader", "operator", "admin")


def logout_form(csrf: str) -> html.Form:
    """Logout is a POST with the session's CSRF token, so no link or image on another site can end a session."""
    return html.Form(
        [
            dcc.Input(type="hidden", name="csrf_token", value=csrf),
            html.Button("退出", type="submit", className="bm-link"),
        ],
        method="post",
        action="/logout",
        className="bm-logout",
    )


def nav_header(title: str, active: str, username: str | None, role: str, csrf: str, subtitle: str = "") -> html.Header:
    rank = ROLE_ORDER.index(role) if role in ROLE_ORDER else 0
    links = [
        html.A(text, href=path, className="bm-nav-link bm-nav-active" if path == active else "bm-nav-link")
        for path, text, needed in LINKS
        if rank >= ROLE_ORDER.index(needed)
    ]
    links.append(html.A("大屏 ›", href="/wall", className="bm-nav-link"))
    return html.Header(
        [
            html.Div([html.H1(title), html.Span(subtitle, className="bm-nav-sub")], className="bm-nav-title"),
            html.Nav(links, className="bm-nav"),
            html.Div(
                [
                    html.Span(id="meeting-asof", className="bm-asof"),
                    html.Span(f"{username or ''}", className="bm-nav-user"),
                    logout_form(csrf),
                ],
                className="bm-meeting-meta",
            ),
        ],
        className="bm-meeting-header",
    )
