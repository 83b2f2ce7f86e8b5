"""Security headers on every response, set so that Dash still works: its renderer needs one inline script and
Plotly ``eval``-compiled code, so the Content-Security-Policy allows those but nothing from another host.

No framing (the wall is shown full-screen, never inside another site), no MIME sniffing, no referrer leaving the
site, and a ``Server`` header without versions (gunicorn's own is renamed in ``server.prod``).
"""

from __future__ import annotations

from flask import Flask, Response, request

SERVER_NAME = "battlemap"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # never sent to another host; the app reads it (callbacks.routing)
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not str(request.environ.get("SERVER_SOFTWARE", "")).startswith("gunicorn"):
        response.headers["Server"] = SERVER_NAME  # werkzeug / waitress would otherwise announce their versions
    return response


def register(server: Flask) -> None:
    server.after_request(add_security_headers)
