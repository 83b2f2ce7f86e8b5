"""Driving a Flask test client as a browser would: a site with one account per role, logging in with the login form's
CSRF token and this site's Origin, and sending the callbacks this site's pages send (with the token Dash's renderer
adds)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from auth.roles import ADMIN, LEADER, OPERATOR
from auth.users import add_account
from config import Settings
from data.engine import Store
from tests.store_fixtures import fresh_store

SITE = "http://localhost"
PASSWORD = "correct-horse-9"


def role_site(tmp_path: Path) -> tuple[Any, Store, Settings]:
    """The app on an empty store (no demo) with the accounts ``lead`` (leader), ``oper`` (operator) and ``boss``
    (admin), each with ``PASSWORD``; the caller disposes of the store."""
    from app import create_app

    store, settings = fresh_store(tmp_path, load_demo_on_empty=False, instance_dir=tmp_path / "instance")
    for name, role in (("lead", LEADER), ("oper", OPERATOR), ("boss", ADMIN)):
        add_account(store, name, role, PASSWORD)
    return create_app(settings, store), store, settings


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


def post_callback(client: Any, body: dict[str, Any] | bytes | str) -> Any:
    """Send a Dash callback as this site's page would (its Origin, and the token once logged in)."""
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(
        "/_dash-update-component", data=data, content_type="application/json", headers=page_headers(client)
    )


def route_body(path: str) -> dict[str, Any]:
    """The routing callback a page sends when it opens ``path``."""
    return {
        "output": "..page-root.children...page-served.data..",
        "outputs": [{"id": "page-root", "property": "children"}, {"id": "page-served", "property": "data"}],
        "inputs": [{"id": "url", "property": "pathname", "value": path}],
        "state": [{"id": "page-served", "property": "data", "value": None}],
        "changedPropIds": ["url.pathname"],
    }


def upload_body(app: Any, contents: Any, names: Any) -> dict[str, Any]:
    """The operator page's upload callback for ``contents`` (data URLs) under ``names``."""
    return {
        "output": next(k for k in app.callback_map if "op-upload-result.children" in k),
        "outputs": [{"id": "op-upload-result", "property": "children"}, {"id": "op-refresh", "property": "data"}],
        "inputs": [{"id": "op-upload", "property": "contents", "value": contents}],
        "state": [
            {"id": "op-upload", "property": "filename", "value": names},
            {"id": "op-refresh", "property": "data", "value": 0},
        ],
        "changedPropIds": ["op-upload.contents"],
    }
