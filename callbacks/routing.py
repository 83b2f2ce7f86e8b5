"""The URL decides the view: ``/wall`` is the kiosk wall (public); the meeting, department and operator views
need a login, checked here on the server as well as by the guard in front of every request."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import flask
from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from auth.guard import allowed, principal
from auth.policy import page_role
from callbacks.status import STATUS_PATH
from callbacks.views.pages import wall_pages
from config import Settings
from layouts.shell import WALL_PATH, PageSpec, WallSpec, root_layout
from layouts.signin import not_found, sign_in_needed


def wall_spec(settings: Settings) -> WallSpec:
    return WallSpec(
        title=settings.title,
        canvas=settings.canvas,
        pages=tuple(PageSpec(p.name, p.title, p.dwell) for p in wall_pages(settings)),
        refresh_seconds=settings.refresh_seconds,
        reload_hour=settings.reload_hour,
        timezone=settings.timezone,
        status_url=STATUS_PATH,
        screen=settings.screens.screen,
    )


def _normal(pathname: str | None) -> str:
    return (pathname or "/").rstrip("/") or "/"


def served_page(referrer: str | None) -> str | None:
    """The page a ``/_dash-layout`` request is for when that is the (public) wall, from the request's same-origin
    ``Referer``; ``None`` otherwise, and the routing callback renders the page as for any other path."""
    return WALL_PATH if referrer and _normal(urlsplit(referrer).path) == WALL_PATH else None


def register(app: Dash, pages: Mapping[str, Callable[[], Any]]) -> None:
    """Route every page path (``/wall`` included) to its renderer in ``pages``. The wall comes in the layout
    itself when the layout request says it is for ``/wall``: the hall screen's first paint skips a round trip,
    and the routing callback leaves a page it finds already served alone."""

    def layout() -> Any:
        path = served_page(flask.request.referrer) if flask.has_request_context() else None
        return root_layout(pages[path](), path) if path in pages else root_layout()

    app.layout = layout

    @app.callback(
        Output("page-root", "children"),
        Output("page-served", "data"),
        Input("url", "pathname"),
        State("page-served", "data"),
    )
    def route(pathname: str | None, served: str | None) -> Any:
        path = _normal(pathname)
        if path == served:
            raise PreventUpdate
        return _page(path, pages), path


def _page(path: str, pages: Mapping[str, Callable[[], Any]]) -> Any:
    needed = page_role(path)
    if needed is None:
        return not_found(path)
    if not allowed(needed):
        return sign_in_needed(path, principal().logged_in)
    render = pages.get(path)
    return not_found(path) if render is None else render()
