"""The operator page's 导入方案 parts: the form that maps a failed file's headers and unknown values once, and the
list of saved mappings with who saved them and when."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from layouts import format as fmt
from layouts.components import table

NO_COLUMN = "（无此列）"


def mapping_form(hint: dict[str, Any], context: dict[str, Any]) -> html.Div:
    """Each field next to a dropdown of the file's headers, each unknown value next to the allowed ones."""
    options = [{"label": NO_COLUMN, "value": ""}] + [{"label": h, "value": h} for h in hint["headers"]]
    chosen = {name: header for header, name in hint["columns"].items()}
    rows = [
        html.Div(
            [
                html.Span(f"{f['label']}{'（必填）' if f['required'] else ''}", className="op-map-field"),
                dcc.Dropdown(
                    id={"type": "op-map-col", "field": f["name"]},
                    options=options,
                    value=chosen.get(f["name"], ""),
                    clearable=False,
                    style={"minWidth": "260px"},
                ),
            ],
            className="bm-form-row",
        )
        for f in hint["fields"]
    ]
    labels = {f["name"]: f["label"] for f in hint["fields"]}
    values = [
        html.Div(
            [
                html.Span(f"「{labels[name]}」“{value}”", className="op-map-field"),
                dcc.Dropdown(
                    id={"type": "op-map-val", "field": name, "value": value},
                    options=[{"label": a, "value": a} for a in hint["allowed"][name]],
                    placeholder="对应到……",
                    style={"minWidth": "200px"},
                ),
            ],
            className="bm-form-row",
        )
        for name, found in hint["unknown"].items()
        for value in found
    ]
    parts: list[Any] = [
        html.H3(f"保存导入方案：{context['file']}（{hint['kind_label']}）"),
        html.Div(
            "把文件的表头对应到字段、把不认识的取值对应到可选值，保存后本文件立即重新导入；"
            "以后表头相同的同类文件（上传、命令行、收件箱）都自动按此方案读取。",
            className="bm-muted",
        ),
        html.Div(rows, className="op-map-columns"),
    ]
    if values:
        parts += [html.H4("不认识的取值"), html.Div(values, className="op-map-values")]
    parts += [
        html.Button("保存导入方案并重新导入", id="op-map-save", className="bm-button", n_clicks=0),
        dcc.Store(id="op-map-context", data=context),
        dcc.Loading(html.Div(id="op-map-result"), type="dot", color="#35e0ff"),
    ]
    return html.Div(parts, className="op-mapping")


def mappings_table(rows: Sequence[dict[str, Any]], kind_labels: dict[str, str]) -> html.Div:
    if not rows:
        return html.Div("还没有保存的导入方案", className="bm-muted")
    body = [
        [
            r["id"],
            kind_labels.get(r["kind"], r["kind"]),
            "、".join(r["headers"]),
            "；".join(f"{h}→{kind_labels.get(r['kind'] + '.' + n, n)}" for h, n in r["columns"].items()) or "—",
            "；".join(f"{v}→{s}" for values in r["labels"].values() for v, s in values.items()) or "—",
            f"{r['updated_by']} {fmt.stamp(r['updated_at'])}",
        ]
        for r in rows
    ]
    return table(["编号", "类型", "表头", "表头对应", "取值对应", "保存人/时间"], body, "bm-table-mappings")
