"""The meeting view's callbacks: the status poll, the 轮播 mode (in the browser), the period choices, and the
filters → every panel of the page.

``register`` returns the page's renderer for the router; the filters are applied through one ``Scope`` to every
figure (see ``callbacks.meeting_view``), and the same filters go into the brief's links and the drill-downs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from auth.csrf import csrf_token
from auth.guard import allowed, principal
from auth.roles import LEADER
from callbacks import meeting_view
from callbacks.filters import CUSTOM, ROLLING, Filters, period_choices
from callbacks.memo import VersionedMemo
from callbacks.routing import wall_spec
from config import Settings
from data.choices import department_names
from data.clock import local_now, local_today
from data.engine import Store
from data.version import data_version, deadline_mark
from layouts.meeting import MeetingView, meeting_body, meeting_page
from layouts.meeting_filters import BRIEF_PDF, BRIEF_XLSX, FilterOptions
from layouts.meeting_sections import rotation_config

HIDDEN, SHOWN = {"display": "none"}, {}


def filter_options(store: Store, settings: Settings) -> FilterOptions:
    with store.read() as conn:
        departments = department_names(conn)
    regions = [(r.code, r.name, r.type) for r in settings.regions]
    return FilterOptions(regions, departments, settings.action_groups, local_today(settings.timezone))


def _body(view: MeetingView) -> tuple[Any, str]:
    return meeting_body(view), view.filters_text


def register(app: Dash, store: Store, settings: Settings) -> Callable[[], Any]:
    bodies: VersionedMemo[tuple[Any, str]] = VersionedMemo()
    client_config = {
        **wall_spec(settings).client_config(),
        "rotation": rotation_config(settings.meeting_rotate_seconds),
    }

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
    app.clientside_callback(
        ClientsideFunction(namespace="battlemap", function_name="meetingRotate"),
        Output("meeting-root", "className"),
        Output("meeting-rotate-title", "children"),
        Output("meeting-rotate-position", "children"),
        Output("meeting-rotate-paused", "children"),
        Input("meeting-config", "data"),
        Input("meeting-rotate-toggle", "n_clicks"),
    )

    @app.callback(
        Output("meeting-period", "options"),
        Output("meeting-period", "value"),
        Output("meeting-period", "style"),
        Output("meeting-range", "style"),
        Input("meeting-period-kind", "value"),
    )
    def period_options(kind: str | None) -> tuple[list[str], str | None, dict, dict]:
        if not allowed(LEADER):
            raise PreventUpdate
        choices = period_choices(kind or ROLLING, local_today(settings.timezone))
        range_style = SHOWN if kind == CUSTOM else HIDDEN
        return choices, choices[0] if choices else None, SHOWN if choices else HIDDEN, range_style

    @app.callback(
        Output("meeting-body", "children"),
        Output("meeting-filter-note", "children"),
        Output("meeting-brief-pdf", "href"),
        Output("meeting-brief-xlsx", "href"),
        Output("drill-scope", "data"),
        Input("meeting-period-kind", "value"),
        Input("meeting-period", "value"),
        Input("meeting-range", "start_date"),
        Input("meeting-range", "end_date"),
        Input("meeting-region", "value"),
        Input("meeting-department", "value"),
        Input("meeting-group", "value"),
        Input("meeting-version", "data"),
    )
    def meeting_panels(kind, period, start, end, regions, departments, group, _version):  # type: ignore[no-untyped-def]
        if not allowed(LEADER):
            raise PreventUpdate
        filters = Filters.of(kind, period, start, end, regions, departments, group)
        now = local_now(settings.timezone)
        with store.read() as conn:  # the version and, on a miss, the view from one snapshot
            key = (filters, data_version(conn), deadline_mark(conn, now))
            body, text = bodies.get(key, lambda: _body(meeting_view.collect(conn, filters, settings, now)))
        query = filters.query()
        note = [html.Span("当前范围：", className="bm-muted"), text]
        return body, note, f"{BRIEF_PDF}?{query}", f"{BRIEF_XLSX}?{query}", filters.as_dict()

    def render() -> Any:
        who = principal()
        return meeting_page(
            settings.title, filter_options(store, settings), client_config, who.username, who.role, csrf_token()
        )

    return render
