"""Click-through: a clicked figure (its measure, and the department or district of its table row) with the page's
filters (``drill-scope``) → the rows behind it in the grid, the count, and the all-rows CSV link."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from auth.guard import allowed
from auth.roles import LEADER
from callbacks.filters import Filters
from config import Settings
from data import drilldown
from data.clock import local_now
from data.engine import Store
from data.metrics.scope import Scope
from layouts.drill import DRILL_TYPE, GRID_ROW_LIMIT, column_defs

OPEN, CLOSED = "bm-drill-overlay bm-drill-open", "bm-drill-overlay"
ROWS_CSV = "/download/rows.csv"
HIDDEN_COLUMNS = ("status",)


def drill_scope(filters: Filters, now: datetime, department: str = "", region: str = "") -> Scope:
    """The page's scope (as of ``now``) narrowed to the clicked row's department or district."""
    scope = filters.scope(now)
    if department:
        scope = replace(scope, department_names=(department,))
    if region:
        scope = replace(scope, region_codes=(region,))
    return scope


def rows_csv_href(filters: Filters, measure: str, department: str, region: str) -> str:
    extra = urlencode([("measure", measure), ("drill_department", department), ("drill_region", region)])
    return f"{ROWS_CSV}?{filters.query()}&{extra}"


def _records(frame: Any) -> list[dict[str, Any]]:
    """Grid rows: dates and times as text, missing values as None."""
    return [
        {k: str(v) if isinstance(v, date) else v for k, v in row.items()}
        for row in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]


def register(app: Dash, store: Store, settings: Settings) -> None:
    pattern = {"type": DRILL_TYPE, "measure": ALL, "department": ALL, "region": ALL}

    @app.callback(
        Output("drill-overlay", "className"),
        Output("drill-title", "children"),
        Output("drill-count", "children"),
        Output("drill-note", "children"),
        Output("drill-grid", "rowData"),
        Output("drill-grid", "columnDefs"),
        Output("drill-csv", "href"),
        Input(pattern, "n_clicks"),
        Input("drill-close", "n_clicks"),
        State("drill-scope", "data"),
        prevent_initial_call=True,
    )
    def drill(_clicks: list[int | None], _close: int | None, scope_data: dict | None):  # type: ignore[no-untyped-def]
        if not allowed(LEADER):
            raise PreventUpdate
        trigger = ctx.triggered_id
        if trigger == "drill-close":
            return CLOSED, *(no_update,) * 6
        if not isinstance(trigger, dict) or len(ctx.triggered) != 1:
            raise PreventUpdate  # new figures were rendered (every one "changed"), not one clicked
        filters = Filters.of(**(scope_data or {}))
        key, department, region = trigger["measure"], trigger["department"], trigger["region"]
        scope = drill_scope(filters, local_now(settings.timezone), department, region)
        with store.read() as conn:
            days = settings.unvisited_days
            total = drilldown.count(conn, scope, key, settings.rag, unvisited_days=days)
            frame = drilldown.rows(conn, scope, key, settings.rag, limit=GRID_ROW_LIMIT, unvisited_days=days)
        frame = frame.drop(columns=[c for c in HIDDEN_COLUMNS if c in frame.columns])
        narrowed = " · ".join(x for x in (department, {r.code: r.name for r in settings.regions}.get(region, "")) if x)
        title = drilldown.measure(key).label + (f"（{narrowed}）" if narrowed else "")
        note = f"只显示前 {GRID_ROW_LIMIT:,d} 行；下载全部行请用右上角链接" if total > len(frame) else ""
        return (
            OPEN,
            title,
            f"共 {total:,d} 条",
            note,
            _records(frame),
            column_defs(list(frame.columns), drilldown.LABELS),
            rows_csv_href(filters, key, department, region),
        )

    app.clientside_callback(
        "function (n) { return n > 0; }",
        Output("drill-grid", "exportDataAsCsv"),
        Input("drill-export", "n_clicks"),
        prevent_initial_call=True,
    )
