"""What each page, callback and download needs — the one table the server checks every request against.

Callbacks are judged by the component ids they write (the ``output`` key Dash dispatches on, never what the
client claims in ``outputs``). The wall's ids are public; ids of the operator and account pages need those roles;
every other callback needs at least a leader, so a new callback is protected until it is declared public.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from dash._utils import split_callback_id

from auth.roles import ADMIN, LEADER, OPERATOR, ROLES, VIEWER
from layouts.admin import ADMIN_PREFIX, PASSWORD_PATH  # under /admin/ every method needs an admin

WALL_PATH, MEETING_PATH, DEPARTMENT_PATH, OPERATOR_PATH = "/wall", "/", "/department", "/operator"
OPS_PATH, MOBILE_PATH = "/ops", "/m"
PAGE_ROLES: dict[str, str] = {
    WALL_PATH: VIEWER,
    MOBILE_PATH: VIEWER,
    MEETING_PATH: LEADER,
    DEPARTMENT_PATH: LEADER,
    OPERATOR_PATH: OPERATOR,
    OPS_PATH: OPERATOR,
}
DOWNLOAD_PREFIX = "/download/"
DOWNLOAD_ROLES: dict[str, str] = {"brief.pdf": LEADER, "brief.xlsx": LEADER, "rows.csv": LEADER}

PUBLIC_IDS = ("page-root", "page-served", "page-title")
PUBLIC_PREFIXES = ("wall-",)
ROLE_PREFIXES: tuple[tuple[str, str], ...] = (("op-", OPERATOR), ("admin-", ADMIN))


def page_role(pathname: str | None) -> str | None:
    """The role a page needs; None for a path that is no page."""
    path = (pathname or "/").rstrip("/") or "/"
    if f"{path}/".startswith(ADMIN_PREFIX):
        return ADMIN
    if path == PASSWORD_PATH:
        return LEADER
    return PAGE_ROLES.get(path)


def _id_name(component_id: str) -> str:
    """A component id's name: the id itself, or the ``type`` of a pattern-matching id."""
    if component_id.startswith("{"):
        try:
            return str(json.loads(component_id).get("type", ""))
        except (ValueError, AttributeError):
            return ""
    return component_id


def id_role(component_id: str) -> str:
    name = _id_name(component_id)
    if name in PUBLIC_IDS or name.startswith(PUBLIC_PREFIXES):
        return VIEWER
    for prefix, role in ROLE_PREFIXES:
        if name.startswith(prefix):
            return role
    return LEADER


def _highest(roles: Iterable[str]) -> str:
    return max(roles, key=ROLES.index, default=ADMIN)


def callback_role(output_key: str) -> str:
    """The role a callback needs, from its dispatch key (``'page-root.children'``, ``'..a.b...c.d..'``)."""
    try:
        outputs = split_callback_id(output_key)
    except (ValueError, IndexError):
        return ADMIN
    if isinstance(outputs, dict):
        outputs = [outputs]
    return _highest(id_role(str(o["id"])) for o in outputs)
