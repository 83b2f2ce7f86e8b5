"""Cross-site request forgery: every state-changing request must come from this site's own pages.

Two checks. The ``Origin`` header (or, without one, the ``Referer``) of a POST, PUT, PATCH or DELETE must name this
server; ``Origin: null`` is refused. And the request must carry the session's CSRF token: forms in the hidden field
``csrf_token``; Dash callbacks in the ``X-CSRFToken`` header, which Dash's renderer fills from the ``_csrf_token``
cookie (readable by this site's scripts only, never sent cross-site). The wall's public callbacks change nothing
and run without a session, so they are held to the origin check alone.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import Request, Response, session

CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CROSS_SITE_TEXT = "拒绝跨站请求：请从本站页面重新操作"
TOKEN_TEXT = "页面已过期或缺少安全令牌，请刷新页面后重试"


def csrf_token() -> str:
    """The token of the browser's session (made when first needed; a new one at every login)."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def renew_csrf_token() -> str:
    session[CSRF_KEY] = secrets.token_urlsafe(32)
    return session[CSRF_KEY]


def _host(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else None


def same_origin(request: Request) -> bool:
    """Whether an unsafe request's ``Origin`` (else ``Referer``) names this server's host and port; a request with
    neither (no browser sends a cross-site POST without an Origin) passes here and still needs its token. The
    scheme is not compared: behind a proxy that ends TLS the browser's ``https`` reaches the app as ``http``."""
    ours = request.host.lower()
    claimed = request.headers.get("Origin")
    if claimed is None:
        claimed = request.headers.get("Referer")
        if claimed is None:
            return True
    return _host(claimed) == ours


def token_matches(sent: object) -> bool:
    expected = session.get(CSRF_KEY)
    if not isinstance(sent, str) or not isinstance(expected, str) or not expected:
        return False
    return hmac.compare_digest(sent.encode(), expected.encode())


def set_csrf_cookie(response: Response, secure: bool) -> None:
    """Give the page's scripts the token (Dash's renderer sends it back as ``X-CSRFToken``)."""
    token = session.get(CSRF_KEY)
    if isinstance(token, str) and token:
        response.set_cookie(CSRF_COOKIE, token, secure=secure, httponly=False, samesite="Strict", path="/")
    else:
        response.delete_cookie(CSRF_COOKIE, path="/")
