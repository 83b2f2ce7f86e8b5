"""What a page shows instead of itself: a sign-in prompt (no session, or a role too low) or "no such page"."""

from __future__ import annotations

from urllib.parse import quote

from dash import html


def sign_in_needed(path: str, logged_in: bool) -> html.Div:
    text = "当前账号无权查看此页面。" if logged_in else "此页面需要登录。"
    link = html.A("换个账号登录 ›" if logged_in else "登录 ›", href=f"/login?next={quote(path)}", className="bm-link")
    wall = html.A("大屏视图 ›", href="/wall", className="bm-link")
    return html.Div([html.P(text), link, wall], className="bm-signin")


def not_found(path: str) -> html.Div:
    return html.Div(
        [html.P(f"没有页面 {path}"), html.A("调度会视图 ›", href="/", className="bm-link")], className="bm-signin"
    )
