"""The operator page (数据操作, ``/operator``): upload files to the importer, run the inbox, the import history with
each run's rejected rows, a project's manual colour with its reason and audit trail, and the 调度会 marks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from dash import dcc, html

from data.labels import source_kind_name
from layouts import format as fmt
from layouts.components import panel, status_lamp, table
from layouts.nav import nav_header
from layouts.operator_meeting import meeting_form
from layouts.theme import STATUS_WORDS
from layouts.zh import dropdown

STATUS_TEXT = {
    "loaded": "已导入",
    "failed": "失败（未写入任何行）",
    "rejected": "未导入（所有行都被拒绝）",
    "skipped": "跳过（内容未变）",
}
ACTION_TEXT = {"set": "设定", "clear": "取消"}


def operator_page(
    title: str,
    user: str | None,
    role: str,
    csrf: str,
    projects: Sequence[tuple[str, str, str | None]],
    calendar_notice: str | None = None,
    kinds: Sequence[tuple[str, str]] = (),
    today: date | None = None,
) -> html.Div:
    """The page; ``calendar_notice`` (next year's holiday arrangement is missing) is shown above the panels;
    ``today`` (local) is the 调度会 form's default day."""
    upload = html.Div(
        [
            dcc.Upload(
                html.Div(["把 Excel / CSV 文件拖到这里，或 ", html.B("点击选择文件")]),
                id="op-upload",
                multiple=True,
                className="bm-upload",
            ),
            html.Div(
                "文件名前缀决定数据类型（如 企业诉求_2026-11.xlsx）；与命令行 battlemap etl import 走同一导入流程。",
                className="bm-muted",
            ),
            dcc.Loading(html.Div(id="op-upload-result"), type="dot", color="#35e0ff"),
        ]
    )
    inbox = html.Div(
        [
            html.Button("立即处理收件箱", id="op-inbox-run", className="bm-button", n_clicks=0),
            dcc.Loading(html.Div(id="op-inbox-result", className="bm-result"), type="dot", color="#35e0ff"),
        ]
    )
    runs = html.Div(
        [
            html.Div(id="op-runs"),
            html.Div(
                [
                    html.Span("查看被拒绝的行：导入记录编号"),
                    dropdown(id="op-run-select", style={"minWidth": "160px"}),
                ],
                className="bm-form-row",
            ),
            html.Div(id="op-run-rejects"),
        ]
    )
    options = [
        {"label": f"{no} {name}" + (f"（人工认定：{STATUS_WORDS.get(o, o)}）" if o else ""), "value": no}
        for no, name, o in projects
    ]
    override = html.Div(
        [
            html.Div(
                [
                    dropdown(id="op-project", options=options, placeholder="选择项目", style={"minWidth": "420px"}),
                    dcc.RadioItems(
                        id="op-colour",
                        options=[{"label": STATUS_WORDS[s], "value": s} for s in ("red", "yellow", "green")],
                        value="yellow",
                        inline=True,
                        className="bm-radio",
                    ),
                ],
                className="bm-form-row",
            ),
            html.Div(
                [
                    dcc.Input(id="op-reason", type="text", placeholder="原因（必填）", debounce=False),
                    html.Button("设定人工认定", id="op-override-set", className="bm-button", n_clicks=0),
                    html.Button(
                        "取消人工认定", id="op-override-clear", className="bm-button bm-button-danger", n_clicks=0
                    ),
                ],
                className="bm-form-row",
            ),
            html.Div(id="op-override-message", className="bm-message"),
            html.Div(id="op-override-audit"),
        ]
    )
    return html.Div(
        [
            nav_header(title, "/operator", user, role, csrf, "数据操作"),
            html.Main(
                html.Div(
                    [
                        *(
                            [html.Div(calendar_notice, id="op-calendar-notice", className="bm-notice bm-span-2")]
                            if calendar_notice
                            else []
                        ),
                        panel("上传文件导入", upload),
                        panel("收件箱", inbox),
                        panel("人工认定红黄绿（须填写原因，留痕）", override, "bm-span-2"),
                        panel("标记调度会（留痕）", meeting_form(today), "bm-span-2"),
                        panel("导入记录", runs, "bm-span-2"),
                        panel("导入模板", template_picker(kinds)),
                        panel("导入方案（表头和取值的对应，自动用于同一来源的后续文件）", html.Div(id="op-mappings")),
                    ],
                    className="bm-page-grid",
                ),
                className="bm-meeting-main",
            ),
            dcc.Store(id="op-refresh", data=0),
        ],
        className="bm-meeting",
    )


def import_results(results: Sequence[dict[str, Any]]) -> html.Div:
    """Each file's outcome, and every rejected row with its row, column, value and reason."""
    blocks = []
    for r in results:
        counts = (
            f"读取 {r['rows_read']} 行，新增 {r['rows_inserted']}，更新 {r['rows_updated']}，"
            f"未变 {r['rows_unchanged']}，拒绝 {r['rows_rejected']}"
        )
        head = f"{r['file']} · {source_kind_name(r['kind'])} · {STATUS_TEXT.get(r['status'], r['status'])} · {counts}"
        items: list[Any] = [html.Div(head, className=f"bm-result bm-result-{r['status']}")]
        if r.get("error"):
            items.append(html.Div(r["error"], className="bm-message"))
        items += [html.Div(w, className="bm-muted") for w in r.get("warnings", [])]
        if r["rejects"]:
            rows = [[x["row"], x["column"], x["value"], x["reason"]] for x in r["rejects"]]
            items.append(table(["行", "列", "值", "原因"], rows, "bm-table-rejects"))
        blocks.append(html.Div(items, className="op-file-result"))
    return html.Div(blocks)


def runs_table(rows: Sequence[dict[str, Any]]) -> html.Table:
    body = [
        [
            r["id"],
            source_kind_name(r["kind"]),
            r["source"],
            STATUS_TEXT.get(r["status"], r["status"]),
            fmt.stamp(r["started_at"]),
            f"{r['rows_read']}/{r['rows_inserted']}/{r['rows_updated']}",
            r["rows_rejected"],
        ]
        for r in rows
    ]
    return table(["编号", "类型", "文件", "结果", "开始时间", "读取/新增/更新", "拒绝"], body, "bm-table-runs")


def rejects_table(rows: Sequence[dict[str, Any]]) -> html.Div:
    if not rows:
        return html.Div("这次导入没有被拒绝的行", className="bm-muted")
    return table(
        ["文件", "行", "列", "值", "原因"], [[r[c] for c in ("file", "row", "column", "value", "reason")] for r in rows]
    )


def audit_table(rows: Sequence[dict[str, Any]]) -> html.Div:
    if not rows:
        return html.Div("还没有人工认定记录", className="bm-muted")
    body = [
        [
            fmt.stamp(r["at"]),
            r["project_no"],
            ACTION_TEXT.get(r["action"], r["action"]),
            status_lamp(r["status"]) if r["status"] else "按计算结果",
            r["reason"],
            (r["previous_status"] and STATUS_WORDS.get(r["previous_status"], r["previous_status"])) or "—",
            r["username"],
        ]
        for r in rows
    ]
    return table(["时间", "项目", "操作", "认定为", "原因", "原认定", "操作人"], body, "bm-table-audit")


def template_picker(kinds: Sequence[tuple[str, str]]) -> html.Div:
    """Choose a kind and download its .xlsx template (canonical headers, an example row, a 说明 sheet)."""
    return html.Div(
        [
            html.Div(
                [
                    dcc.Dropdown(
                        id="op-template-kind",
                        options=[{"label": label, "value": name} for name, label in kinds],
                        value=kinds[0][0] if kinds else None,
                        clearable=False,
                        style={"minWidth": "260px"},
                    ),
                    html.Button("下载导入模板", id="op-template-get", className="bm-button", n_clicks=0),
                ],
                className="bm-form-row",
            ),
            html.Div(
                "模板含标准表头、一行示例（导入前删除）和“说明”工作表：每个字段是否必填、格式和可选值。",
                className="bm-muted",
            ),
            dcc.Download(id="op-template-download"),
        ]
    )
