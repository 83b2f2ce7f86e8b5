"""The operator page's 调度会 marks: mark a meeting through the write service (``etl.service.mark_meeting``, the
same path as ``battlemap meeting mark``; audited with the operator's account and the time) and list the recent
marks. Both check the operator role on the server as well as the guard."""

from __future__ import annotations

from datetime import date

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from auth.guard import allowed, principal
from auth.roles import OPERATOR
from config import Settings
from data.clock import local_now
from data.engine import Store
from data.since_meeting import marks
from etl import service
from etl.service import MarkError
from layouts.operator_meeting import marks_table

RECENT_MARKS = 10


def mark_message(mark_id: int, day: date, title: str | None) -> str:
    named = f"“{title.strip()}”" if title and title.strip() else ""
    return f"已标记 {day:%Y-%m-%d} 的调度会{named}（第 {mark_id} 次标记）；调度会视图和调度清单下次刷新时与它比较"


def register(app: Dash, store: Store, settings: Settings) -> None:
    @app.callback(
        Output("op-meeting-message", "children"),
        Output("op-refresh", "data", allow_duplicate=True),
        Input("op-meeting-mark", "n_clicks"),
        State("op-meeting-date", "date"),
        State("op-meeting-title", "value"),
        State("op-refresh", "data"),
        prevent_initial_call=True,
    )
    def mark(_n: int, day: str | None, title: str | None, refresh: int):  # type: ignore[no-untyped-def]
        if not allowed(OPERATOR):
            raise PreventUpdate
        now = local_now(settings.timezone)
        try:
            meeting_on = date.fromisoformat(day[:10]) if day else now.date()
            mark_id = service.mark_meeting(store, settings, meeting_on, principal().username or "?", now, title)
        except ValueError as exc:  # MarkError, or a date the picker did not send as YYYY-MM-DD
            return str(exc) if isinstance(exc, MarkError) else "日期应为 YYYY-MM-DD", refresh
        return mark_message(mark_id, meeting_on, title), (refresh or 0) + 1

    @app.callback(Output("op-meeting-marks", "children"), Input("op-refresh", "data"))
    def recent(_refresh: int):  # type: ignore[no-untyped-def]
        if not allowed(OPERATOR):
            raise PreventUpdate
        with store.read() as conn:
            return marks_table(marks(conn, limit=RECENT_MARKS))
