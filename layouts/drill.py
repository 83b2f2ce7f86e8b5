"""Click-through to the rows behind a number: the clickable figure, and the overlay with the rows in an AG Grid
(sort, filter, CSV export — AG Grid writes a BOM, so Excel reads the Chinese, and every cell goes through
``neutraliseCell`` in assets/grid-functions.js, the browser's copy of exports.cells.neutralise) and a link to all
rows as CSV."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_ag_grid as dag
from dash import dcc, html

from layouts.zh import grid_locale

DRILL_TYPE = "drill"
GRID_ROW_LIMIT = 5000
GRID_THEME = (
    "themeQuartz.withParams({backgroundColor: '#071a3a', foregroundColor: '#e8f3ff', accentColor: '#35e0ff',"
    " headerBackgroundColor: '#0b2654', borderColor: 'rgba(53, 224, 255, 0.25)', fontSize: 15,"
    " fontFamily: 'Battlemap Sans, Noto Sans CJK SC, sans-serif'})"
)
NUMERIC = ("satisfaction", "level", "batch", "time_progress", "milestone_progress")


def drill_link(text: str, measure: str, department: str = "", region: str = "", class_name: str = "") -> html.Button:
    """A figure that opens the rows behind it; the id names the measure and the extra filter of its table row."""
    return html.Button(
        text,
        id={"type": DRILL_TYPE, "measure": measure, "department": department, "region": region},
        className=f"bm-drill {class_name}".strip(),
        title="点击查看明细",
        n_clicks=0,
    )


def column_defs(columns: Sequence[str], labels: dict[str, str]) -> list[dict[str, Any]]:
    defs = []
    for column in columns:
        spec: dict[str, Any] = {"field": column, "headerName": labels.get(column, column)}
        if column in NUMERIC:
            spec["filter"] = "agNumberColumnFilter"
        if column in ("content", "reasons", "title", "blocker", "override"):
            spec["minWidth"] = 280
        defs.append(spec)
    return defs


def drill_overlay() -> html.Div:
    """Hidden until a figure is clicked; then the callback fills the title, count and grid."""
    grid = dag.AgGrid(
        id="drill-grid",
        rowData=[],
        columnDefs=[],
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "floatingFilter": True, "minWidth": 110},
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": 50,
            "enableCellTextSelection": True,
            "theme": {"function": GRID_THEME},
            "localeText": grid_locale(),
        },
        csvExportParams={"fileName": "明细.csv", "processCellCallback": {"function": "neutraliseCell(params)"}},
        className="bm-grid-table",
        style={"height": "100%", "width": "100%"},
    )
    head = html.Div(
        [
            html.H2(id="drill-title", className="bm-drill-title"),
            html.Span(id="drill-count", className="bm-drill-count"),
            html.Button("导出当前表格 CSV", id="drill-export", className="bm-button", n_clicks=0),
            html.A("下载全部行 CSV", id="drill-csv", href="", className="bm-button", target="_blank"),
            html.Button("关闭 ✕", id="drill-close", className="bm-button", n_clicks=0),
        ],
        className="bm-drill-head",
    )
    note = html.Div(id="drill-note", className="bm-drill-note")
    box = html.Div([head, note, html.Div(grid, className="bm-drill-grid")], className="bm-drill-box")
    return html.Div([box, dcc.Store(id="drill-scope", data=None)], id="drill-overlay", className="bm-drill-overlay")
