"""The operator page's 导入方案 and template callbacks: save the mapping the operator chose for a failed upload
(who and when are kept) and import that upload again with it, through the write service as ``battlemap etl``
does; hand out a kind's import template."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from auth.guard import allowed, principal
from auth.roles import OPERATOR
from config import Settings
from data.engine import Store
from etl import service
from etl.kinds import KINDS
from etl.template import template_name, template_xlsx
from layouts.operator import import_results


def chosen_mapping(
    columns: list[Any], column_ids: list[dict], values: list[Any], value_ids: list[dict], kind: str
) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    """``(header → field, field → {label → value})`` from the form's dropdowns (empty choices left out)."""
    picked = {i["field"]: header for header, i in zip(columns, column_ids, strict=True) if header}
    headers = {header: name for name, header in picked.items()}
    labels: dict[str, dict[str, object]] = {}
    for chosen, i in zip(values, value_ids, strict=True):
        if chosen is None or chosen == "":
            continue
        f = KINDS[kind].field(i["field"])
        stored: object = chosen
        if f.type in ("int", "float"):
            stored = float(chosen) if f.type == "float" else int(float(chosen))
        labels.setdefault(i["field"], {})[i["value"]] = stored
    return headers, labels


def register(app: Dash, store: Store, settings: Settings) -> None:
    @app.callback(
        Output("op-map-result", "children"),
        Output("op-refresh", "data", allow_duplicate=True),
        Input("op-map-save", "n_clicks"),
        State({"type": "op-map-col", "field": ALL}, "value"),
        State({"type": "op-map-col", "field": ALL}, "id"),
        State({"type": "op-map-val", "field": ALL, "value": ALL}, "value"),
        State({"type": "op-map-val", "field": ALL, "value": ALL}, "id"),
        State("op-map-context", "data"),
        State("op-refresh", "data"),
        prevent_initial_call=True,
    )
    def save(n, columns, column_ids, values, value_ids, context, refresh):  # type: ignore[no-untyped-def]
        if not allowed(OPERATOR) or not n or not context:
            raise PreventUpdate
        kind = context.get("kind")
        if kind not in KINDS:
            raise PreventUpdate
        headers, labels = chosen_mapping(columns, column_ids, values, value_ids, kind)
        upload = (str(context.get("folder", "")), str(context.get("file", "")))
        user = principal().username or "?"
        try:
            mapping_id, results = service.save_mapping_and_reimport(
                store, settings, upload, kind, context.get("headers") or [], headers, labels, user
            )
        except (service.MappingError, service.ImportBusy) as exc:
            return html.Div(str(exc), className="bm-message"), refresh
        saved = html.Div(f"已保存导入方案 #{mapping_id}，并按此方案重新导入：", className="bm-message")
        return html.Div([saved, import_results([r.as_dict() for r in results])]), (refresh or 0) + 1

    @app.callback(
        Output("op-template-download", "data"),
        Input("op-template-get", "n_clicks"),
        State("op-template-kind", "value"),
        prevent_initial_call=True,
    )
    def template(n, kind):  # type: ignore[no-untyped-def]
        if not allowed(OPERATOR) or not n or kind not in KINDS:
            raise PreventUpdate
        return dcc.send_bytes(template_xlsx(KINDS[kind], settings), template_name(KINDS[kind]))
