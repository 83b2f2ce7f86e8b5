"""The operator page's callbacks: uploads, the inbox run and manual colours go through the write service
(``etl.service``, the same path as ``battlemap etl``); the import history, rejects and the colours' audit trail are
read from ``data``. Every callback checks the operator role on the server as well as the guard."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from dash import Dash, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate

from auth.csrf import csrf_token
from auth.guard import allowed, principal
from auth.roles import OPERATOR
from callbacks import operator_mappings, operator_meeting
from config import Settings
from data.calendar import missing_arrangement_notice
from data.clock import local_now, local_today
from data.engine import Store
from data.labels import source_kind_name
from data.mappings import all_mappings
from data.overrides import override_history, project_choices
from data.runs import recent_runs, run_rejects
from etl import service
from etl.kinds import KINDS
from etl.service import MB, ImportBusy, OverrideError, too_large_text
from layouts.operator import audit_table, import_results, operator_page, rejects_table, runs_table
from layouts.operator_mappings import mapping_form, mappings_table
from layouts.theme import STATUS_WORDS

FIELD_LABELS = {f"{k.name}.{f.name}": f.label for k in KINDS.values() for f in k.fields} | {
    k.name: k.label for k in KINDS.values()
}


def _require_operator() -> None:
    if not allowed(OPERATOR):
        raise PreventUpdate


def _records(frame: Any) -> list[dict[str, Any]]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def uploaded_bytes(contents: str) -> bytes:
    """The file inside a data URL from ``dcc.Upload``."""
    return base64.b64decode(contents.split(",", 1)[1])


def decoded_size(contents: str) -> int:
    """The size in bytes of the file inside a base64 data URL, without decoding it."""
    data = contents.split(",", 1)[-1]
    return len(data) * 3 // 4 - data[-2:].count("=")


def _is_run_id(value: Any) -> bool:
    """Whether ``value`` can be an import run's id: a positive integer that fits the database's INTEGER."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def register(app: Dash, store: Store, settings: Settings) -> Callable[[], Any]:
    @app.callback(
        Output("op-upload-result", "children"),
        Output("op-refresh", "data", allow_duplicate=True),
        Input("op-upload", "contents"),
        State("op-upload", "filename"),
        State("op-refresh", "data"),
        prevent_initial_call=True,
    )
    def upload(contents: list[str] | None, filenames: list[str] | None, refresh: int):  # type: ignore[no-untyped-def]
        _require_operator()
        if not contents:
            raise PreventUpdate
        if sum(decoded_size(c) for c in contents) > settings.server.max_upload_mb * MB:
            return html.Div(too_large_text(settings.server.max_upload_mb), className="bm-message"), refresh
        uploads = [(name, uploaded_bytes(content)) for content, name in zip(contents, filenames or [], strict=False)]
        try:
            user = principal().username or "?"
            results = service.import_uploads(store, settings, uploads, local_now(settings.timezone), user)
        except ImportBusy as exc:
            return html.Div(str(exc), className="bm-message"), refresh
        shown: list[Any] = [import_results([r.as_dict() for r in results])]
        mappable = next((r for r in results if r.mapping and r.upload), None)
        if mappable is not None:
            folder, name = mappable.upload  # type: ignore[misc]
            context = {"folder": folder, "file": name, "kind": mappable.mapping["kind"]}  # type: ignore[index]
            shown.append(mapping_form(mappable.mapping, {**context, "headers": mappable.mapping["headers"]}))  # type: ignore[index]
        return html.Div(shown), (refresh or 0) + 1

    @app.callback(
        Output("op-inbox-result", "children"),
        Output("op-refresh", "data", allow_duplicate=True),
        Input("op-inbox-run", "n_clicks"),
        State("op-refresh", "data"),
        prevent_initial_call=True,
    )
    def inbox(_n: int, refresh: int):  # type: ignore[no-untyped-def]
        _require_operator()
        try:
            outcomes = service.run_inbox(store, settings, wait_seconds=0, actor=principal().username or "?")
        except ImportBusy as exc:
            return str(exc), refresh
        if not outcomes:
            return f"收件箱 {settings.etl.inbox_dir} 中没有待处理的文件", refresh
        lines = [f"{o.source.name} → {o.moved_to.parent.name}/{o.moved_to.name}" for o in outcomes]
        return html.Ul([html.Li(line) for line in lines]), (refresh or 0) + 1

    @app.callback(
        Output("op-runs", "children"),
        Output("op-run-select", "options"),
        Output("op-override-audit", "children"),
        Output("op-mappings", "children"),
        Input("op-refresh", "data"),
    )
    def history(_refresh: int):  # type: ignore[no-untyped-def]
        _require_operator()
        with store.read() as conn:
            runs = _records(recent_runs(conn))
            audit = _records(override_history(conn))
            mappings = all_mappings(conn)
        options = [
            {"label": f"{r['id']} · {source_kind_name(r['kind'])} · {r['source']}", "value": r["id"]}
            for r in runs
            if r["rows_rejected"]
        ]
        return runs_table(runs), options, audit_table(audit), mappings_table(mappings, FIELD_LABELS)

    @app.callback(Output("op-run-rejects", "children"), Input("op-run-select", "value"), prevent_initial_call=True)
    def rejects(run_id: Any):  # type: ignore[no-untyped-def]
        _require_operator()
        if not _is_run_id(run_id):
            return None
        with store.read() as conn:
            return rejects_table(_records(run_rejects(conn, run_id)))

    @app.callback(
        Output("op-override-message", "children"),
        Output("op-refresh", "data", allow_duplicate=True),
        Input("op-override-set", "n_clicks"),
        Input("op-override-clear", "n_clicks"),
        State("op-project", "value"),
        State("op-colour", "value"),
        State("op-reason", "value"),
        State("op-refresh", "data"),
        prevent_initial_call=True,
    )
    def override(_set: int, _clear: int, project_no, colour, reason, refresh):  # type: ignore[no-untyped-def]
        _require_operator()
        if not project_no:
            return "请先选择项目", refresh
        user = principal().username or "?"
        now = local_now(settings.timezone)
        try:
            if ctx.triggered_id == "op-override-clear":
                service.clear_override(store, settings, project_no, reason or "", user, now)
                message = f"已取消 {project_no} 的人工认定，恢复按规则计算"
            else:
                service.set_override(store, settings, project_no, colour, reason or "", user, now)
                message = f"已将 {project_no} 人工认定为“{STATUS_WORDS.get(colour, colour)}”，各屏幕下次刷新时显示"
        except OverrideError as exc:
            return str(exc), refresh
        return message, (refresh or 0) + 1

    operator_mappings.register(app, store, settings)
    operator_meeting.register(app, store, settings)

    def render() -> Any:
        who = principal()
        with store.read() as conn:
            projects = project_choices(conn)
            notice = missing_arrangement_notice(conn, local_today(settings.timezone))
        kinds = [(k.name, k.label) for k in KINDS.values()]
        today = local_today(settings.timezone)
        return operator_page(settings.title, who.username, who.role, csrf_token(), projects, notice, kinds, today)

    return render
