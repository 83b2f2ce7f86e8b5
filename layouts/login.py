"""The login page: a plain HTML form served by Flask (no Dash, no data), in the meeting view's colours."""

from __future__ import annotations

from html import escape

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>登录 · {title}</title>
<link rel="stylesheet" href="/assets/01-base.css"><link rel="stylesheet" href="/assets/03-meeting.css">
</head><body class="bm-login-body">
<main class="bm-login">
<h1>{title}</h1>
<p class="bm-login-lead">调度会与数据操作需要登录；大屏 <a class="bm-link" href="/wall">/wall</a> 无需登录。</p>
{message}
<form method="post" action="/login" class="bm-login-form">
<input type="hidden" name="next" value="{next}">
<input type="hidden" name="csrf_token" value="{csrf}">
<label>用户名<input id="login-username" name="username" autocomplete="username" required autofocus></label>
<label>密码<input id="login-password" name="password" type="password" autocomplete="current-password" required></label>
<button id="login-submit" type="submit">登录</button>
</form>
</main></body></html>"""


def login_page(title: str, next_path: str, csrf: str, message: str | None = None) -> str:
    note = f'<p class="bm-login-error" id="login-error">{escape(message)}</p>' if message else ""
    return _PAGE.format(
        title=escape(title), next=escape(next_path, quote=True), csrf=escape(csrf, quote=True), message=note
    )
