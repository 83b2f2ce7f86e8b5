"""The URL decides the view: ``/wall`` is the kiosk wall (public); the meeting, department and operator views
need a login, checked here on the server as well as by the guard in front of every request."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dash import Dash, Input, Output

from auth.guard import allowed, principal
from auth.policy import page_role
from callbacks.status import STATUS_PATH
from config import Settings
from layouts.shell import PageSpec, WallSpec
from layouts.signin import not_found, sign_in_needed


def wall_spec(settings: Settings) -> WallSpec:
    return WallSpec(
        title=settings.title,
        canvas=settings.canvas,
        pages=tuple(PageSpec(p.name, p.title, p.dwell) for p in settings.wall_pages),
        refresh_seconds=settings.refresh_seconds,
        reload_hour=settings.reload_hour,
        timezone=settings.timezone,
        status_url=STATUS_PATH,
    )


def register(app: Dash, pages: Mapping[str, Callable[[], Any]]) -> None:
    """Route every page path (``/wall`` included) to its renderer in ``pages``."""

    @app.callback(Output("page-root", "children"), Input("url", "pathname"))
    def route(pathname: str | None) -> Any:
        path = (pathname or "/").rstrip("/") or "/"
        needed = page_role(path)
        if needed is None:
            return not_found(path)
        if not allowed(needed):
            return sign_in_needed(path, principal().logged_in)
        render = pages.get(path)
        return not_found(path) if render is None else render()
