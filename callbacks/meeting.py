"""The meeting view's callbacks: the same status poll, and its sections filled from the shared view cache."""

from __future__ import annotations

from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State

from callbacks.views import ViewCache
from layouts.shell import MEETING_SECTION_TYPE


def register(app: Dash, cache: ViewCache) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="battlemap", function_name="poll"),
        Output("meeting-version", "data"),
        Output("meeting-status", "data"),
        Input("meeting-poll", "n_intervals"),
        State("meeting-config", "data"),
        State("meeting-status", "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="battlemap", function_name="meetingFreshness"),
        Output("meeting-asof", "children"),
        Input("meeting-status", "data"),
    )

    @app.callback(
        Output({"type": MEETING_SECTION_TYPE, "index": ALL}, "children"),
        Input("meeting-version", "data"),
        running=[(Output("meeting-poll", "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def meeting_sections(_version: int | None) -> list[Any]:
        _key, pages = cache.pages(interactive=True)
        return pages
