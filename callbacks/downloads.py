"""The download addresses behind the login: the meeting brief as PDF and Excel, and the rows behind a figure as
CSV (UTF-8 with a BOM, so Excel opens the Chinese). Each takes the meeting's filters from its query string; the
guard and these handlers both check the role on the server. The brief is made within ``[server] brief_timeout``:
its queries are stopped by the store and its rendering checks the same budget as it goes, so a brief past its
time stops there and answers 504 with a Chinese message, leaving the worker free."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from urllib.parse import quote, urlencode

from dash import Dash
from flask import Response, abort, request, stream_with_context

from auth.guard import allowed
from auth.roles import LEADER
from callbacks.drill import drill_scope
from callbacks.filters import Filters
from config import Settings
from data import drilldown
from data.brief import build_brief
from data.clock import local_now
from data.engine import QueryTimeout, Store, time_budget
from exports.brief_pdf import brief_pdf
from exports.brief_xlsx import brief_xlsx
from exports.cells import cell_text, neutralise

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.headers["Cache-Control"] = "no-store"
    return response


def rows_csv(frame, labels: dict[str, str], header: bool = True) -> bytes:  # type: ignore[no-untyped-def]
    """Rows as CSV with formula-looking cells neutralised; with ``header``, Chinese headers after a BOM (the first
    chunk of a file)."""
    text = frame.rename(columns=labels).map(lambda v: neutralise(cell_text(v)))
    out = io.StringIO()
    text.to_csv(out, index=False, header=header)
    return out.getvalue().encode("utf-8-sig" if header else "utf-8")


def brief_timeout_text(seconds: float) -> str:
    return (
        f"调度清单未能在 {seconds:g} 秒内生成，已中止（配置 [server] brief_timeout）；"
        "请缩小筛选范围（时间段、县区或部门）后重试"
    )


def brief_file(
    store: Store,
    settings: Settings,
    query: Mapping[str, str],
    kind: str,
    now: datetime,
    rows_link: Callable[[str], str],
) -> bytes:
    """The meeting brief for the filters in ``query`` as a PDF (``kind`` "pdf") or an Excel workbook, made within
    ``[server] brief_timeout`` (and the request's ``[server] timeout``): past it, :class:`QueryTimeout` saying so.
    ``rows_link`` gives the address of a list's row export, named where the list is cut."""
    filters = Filters.from_query(query)
    region_names = {r.code: r.name for r in settings.regions}
    budget = min(settings.server.brief_timeout, settings.server.timeout)
    try:
        with time_budget(budget):
            with store.read() as conn:
                scope, described = filters.scope(now), filters.describe(now.date(), region_names)
                content = build_brief(conn, scope, settings, described, now, rows_link=rows_link)
            return brief_pdf(content, settings.instance_dir / "fonts") if kind == "pdf" else brief_xlsx(content)
    except QueryTimeout as exc:
        raise QueryTimeout(brief_timeout_text(budget)) from exc


def register(app: Dash, store: Store, settings: Settings) -> None:
    def brief(kind: str) -> Response:
        if not allowed(LEADER):
            abort(403)
        now = local_now(settings.timezone)

        def rows_link(key: str) -> str:
            return f"{request.host_url}download/rows.csv?{urlencode({**request.args.to_dict(), 'measure': key})}"

        body = brief_file(store, settings, request.args, kind, now, rows_link)
        name = f"调度清单_{now:%Y%m%d-%H%M}"
        if kind == "pdf":
            return _attachment(body, PDF, f"{name}.pdf")
        return _attachment(body, XLSX, f"{name}.xlsx")

    def rows() -> Response:
        if not allowed(LEADER):
            abort(403)
        key = request.args.get("measure", "")
        if key not in drilldown.MEASURES:
            abort(404)
        filters = Filters.from_query(request.args)
        department, region = request.args.get("drill_department", ""), request.args.get("drill_region", "")
        scope = drill_scope(filters, local_now(settings.timezone), department, region)

        def chunks() -> Iterator[bytes]:
            """The CSV streamed a chunk at a time (header and BOM first), never the whole list in memory."""
            with time_budget(None), store.read() as conn:  # as long as the client reads; never all in memory
                parts = drilldown.row_chunks(conn, scope, key, settings.rag, unvisited_days=settings.unvisited_days)
                for index, frame in enumerate(parts):
                    if "word" in frame.columns:  # the status is exported as its word, not its colour code
                        frame = frame.drop(columns=[c for c in ("status",) if c in frame.columns])
                    yield rows_csv(frame, drilldown.LABELS, header=index == 0)

        label = drilldown.measure(key).label
        response = Response(stream_with_context(chunks()), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(label + '.csv')}"
        response.headers["Cache-Control"] = "no-store"
        return response

    app.server.add_url_rule("/download/brief.pdf", "battlemap_brief_pdf", lambda: brief("pdf"))
    app.server.add_url_rule("/download/brief.xlsx", "battlemap_brief_xlsx", lambda: brief("xlsx"))
    app.server.add_url_rule("/download/rows.csv", "battlemap_rows_csv", rows)
