"""Logging a Flask test client in as a browser would: the login form's CSRF token, this site's Origin, and the
token Dash's renderer sends with every callback."""

from __future__ import annotations

import re
from typing import Any

SITE = "http://localhost"


def form_token(client: Any) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client: Any, username: str, password: str, next_path: str = "/", **extra: Any) -> Any:
    data = {"username": username, "password": password, "next": next_path, "csrf_token": form_token(client), **extra}
    return client.post("/login", data=data, headers={"Origin": SITE})


def page_headers(client: Any) -> dict[str, str]:
    """The headers of a callback sent from one of this site's pages (the token once logged in)."""
    cookie = client.get_cookie("_csrf_token")
    return {"Origin": SITE, **({"X-CSRFToken": cookie.value} if cookie else {})}
