"""The wall's callbacks: clientside polling, rotation and scaling; one server callback for page content.

The clock and paged lists tick in plain JS (assets/battlemap.js), not through Dash, so the wall's idle cost stays
near zero; rotation is one ``wall-tick`` interval per page dwell.

Page content is fetched only when the polled version of the served views changes, and then page by page: the
page on screen first, the next page in the rotation once that one is drawn, the others as rotation reaches them —
so the first paint renders one page's figures, not six. Content comes from the shared ``ViewCache``'s latest complete
build, so it never waits for metric queries; a page the browser shows from the previous build gets a ``Patch`` of
what changed. While a fetch runs the poll interval is disabled, so requests can never pile up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import flask
from dash import ALL, ClientsideFunction, Dash, Input, Output, State, no_update

from auth.policy import MOBILE_PATH
from callbacks.routing import wall_spec
from callbacks.status import opening_status
from callbacks.views import ViewCache
from config import Settings
from etl.screens import screen_name
from layouts.qr import wall_qr
from layouts.shell import DOT_TYPE, PAGE_TYPE, wall_shell


def _clientside(name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="battlemap", function_name=name)


def requested_screen(settings: Settings) -> str | None:
    """The name of the wall being served: ``?screen=`` of the page the request comes from (the layout request's
    ``Referer``), else ``[wall] screen``; None when neither is a valid name."""
    referrer = flask.request.referrer if flask.has_request_context() else None
    asked = parse_qs(urlsplit(referrer or "").query).get("screen", [None])[0]
    return screen_name(asked) or screen_name(settings.screens.screen)


def mobile_url(settings: Settings) -> str:
    """The address the wall's QR code opens: ``[wall] qr_url``, else the address this wall was opened with + ``/m``."""
    if settings.screens.qr_url:
        return settings.screens.qr_url
    host = flask.request.host_url if flask.has_request_context() else f"http://{settings.host}:{settings.port}/"
    return host.rstrip("/") + MOBILE_PATH


def register(app: Dash, cache: ViewCache, settings: Settings) -> Callable[[], Any]:
    """Wire the wall's callbacks; returns its page renderer (the shell, with the current status in it)."""
    spec = wall_spec(settings)
    app.clientside_callback(
        _clientside("poll"),
        Output("wall-version", "data"),
        Output("wall-status", "data"),
        Input("wall-poll", "n_intervals"),
        State("wall-config", "data"),
        State("wall-status", "data"),
        prevent_initial_call=True,  # the shell comes with the status: the first page need not wait for a poll
    )
    app.clientside_callback(
        _clientside("freshness"),
        Output("wall-asof", "children"),
        Output("wall-stale", "children"),
        Output("wall-offline", "children"),
        Output("wall-viewport", "className"),
        Output("wall-notice", "children"),
        Output("wall-notice", "className"),
        Input("wall-status", "data"),
    )
    app.clientside_callback(
        _clientside("nav"),
        Output("wall-nav", "data"),
        Output("wall-tick", "interval"),
        Input("url", "search"),
        Input("wall-tick", "n_intervals"),
        State("wall-nav", "data"),
        State("wall-config", "data"),
    )
    app.clientside_callback(
        _clientside("show"),
        Output({"type": PAGE_TYPE, "index": ALL}, "className"),
        Output({"type": DOT_TYPE, "index": ALL}, "className"),
        Output("page-title", "children"),
        Input("wall-nav", "data"),
        State("wall-config", "data"),
    )
    app.clientside_callback(_clientside("scale"), Output("wall-canvas", "style"), Input("wall-config", "data"))

    app.clientside_callback(
        _clientside("want"),
        Output("wall-want", "data"),
        Input("wall-version", "data"),
        Input("wall-nav", "data"),
        Input("wall-rendered", "data"),
        State("wall-config", "data"),
    )

    app.clientside_callback(_clientside("seen"), Input("wall-rendered", "data"))

    @app.callback(
        Output({"type": PAGE_TYPE, "index": ALL}, "children"),
        Output("wall-rendered", "data"),
        Output("wall-version", "data", allow_duplicate=True),
        Input("wall-want", "data"),
        State("wall-rendered", "data"),
        State("wall-nav", "data"),
        running=[(Output("wall-poll", "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def wall_pages(
        want: dict[str, Any] | None, rendered: dict[str, str] | None, nav: dict[str, Any] | None
    ) -> tuple[list[Any], dict[str, str], Any]:
        """The pages the browser wants; when the wall opens (nothing wanted yet, the first status poll may have
        come before the server's first build) the page on screen, and the served version with it."""
        pages = want["pages"] if want else [int((nav or {}).get("index", 0))]
        updates, shown, token = cache.page_updates(list(pages), rendered or {})
        return updates, shown, token if token is not None else no_update

    def render() -> Any:
        screens = settings.screens
        qr = wall_qr(mobile_url(settings), screens.qr_corner, screens.qr_size) if screens.qr else None
        return wall_shell(spec, opening_status(cache, settings, requested_screen(settings)), qr, screens.qr_corner)

    return render
