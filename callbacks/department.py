"""The department view's callback: one department and quarter → its figures (the meeting's, scoped to it), its
projects and its quarterly score from ``data.metrics.awards.department_scores``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate

from auth.csrf import csrf_token
from auth.guard import allowed, principal
from auth.roles import LEADER
from callbacks import meeting_view
from callbacks.filters import QUARTER, Filters, period_choices
from callbacks.meeting import filter_options
from config import Settings
from data.clock import local_now
from data.engine import Store
from data.metrics.awards import NO_ITEMS, PART_LABELS, PARTS
from data.standings import last_closed_quarter, quarter_standings
from layouts.department import DepartmentView, department_body, department_page


def register(app: Dash, store: Store, settings: Settings) -> Callable[[], Any]:
    @app.callback(Output("dept-name", "value"), Input("url", "search"))
    def department_from_url(search: str | None) -> str | None:
        """``/department?name=市税务局`` opens that department (a link a head of department can keep)."""
        if not allowed(LEADER):
            raise PreventUpdate
        return parse_qs((search or "").lstrip("?")).get("name", [None])[0]

    @app.callback(
        Output("dept-body", "children"),
        Output("drill-scope", "data", allow_duplicate=True),
        Input("dept-name", "value"),
        Input("dept-quarter", "value"),
        prevent_initial_call="initial_duplicate",
    )
    def department(name: str | None, quarter: str | None):  # type: ignore[no-untyped-def]
        if not allowed(LEADER):
            raise PreventUpdate
        if not name or not quarter:
            return department_body(None), None
        now = local_now(settings.timezone)
        filters = Filters.of(QUARTER, quarter, departments=[name])
        scope = filters.scope(now)
        with store.read() as conn:
            kpis = meeting_view.kpis(conn, scope, settings)
            board = meeting_view.board(conn, scope, settings)
            standings = quarter_standings(conn, quarter, settings, now)
        rows = standings.rows
        mine = rows[rows["department"] == name]
        row = mine.iloc[0] if len(mine) else None
        view = DepartmentView(
            department=name,
            quarter=standings.label,
            kpis=kpis,
            board=board,
            score=None if row is None or pd.isna(row["score"]) else float(row["score"]),
            rank=None if row is None or pd.isna(row["rank"]) else int(row["rank"]),
            ranked=int(rows["rank"].notna().sum()),
            standing=NO_ITEMS if row is None else row["standing"],
            parts={PART_LABELS[p]: None if row is None or pd.isna(row[p]) else float(row[p]) for p in PARTS},
            weights={PART_LABELS[p]: settings.award_weights.get(p, 0) for p in PARTS},
            triggers=tuple(row["triggers"]) if row is not None else (),
            rule=standings.rule,
        )
        return department_body(view), filters.as_dict()

    def render() -> Any:
        who = principal()
        options = filter_options(store, settings)
        quarters = period_choices(QUARTER, options.today)
        shown = last_closed_quarter(options.today)
        return department_page(
            settings.title, who.username, who.role, csrf_token(), options.departments, quarters, shown
        )

    return render
