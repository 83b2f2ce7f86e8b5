"""The URL decides the view: ``/wall`` is the kiosk wall, anything else the meeting view."""

from __future__ import annotations

from dash import Dash, Input, Output, html

from callbacks.status import STATUS_PATH
from config import Settings
from layouts.shell import WALL_PATH, PageSpec, WallSpec, meeting_shell, wall_shell


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


def register(app: Dash, settings: Settings) -> None:
    spec = wall_spec(settings)

    @app.callback(Output("page-root", "children"), Input("url", "pathname"))
    def route(pathname: str | None) -> html.Div:
        return wall_shell(spec) if (pathname or "").rstrip("/") == WALL_PATH else meeting_shell(spec)
