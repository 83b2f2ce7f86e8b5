"""The operator page's 调度会 marks: the form that marks a meeting (its day, default today, and an optional name)
and the list of recent marks with who marked each and when. The meeting view (/) and the brief then show what
changed since the latest mark (``data.since_meeting``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dash import dcc, html

from data.since_meeting import Mark
from layouts import format as fmt
from layouts.components import table

MARK_HELP = (
    "标记后，调度会视图（/）的“自上次调度会以来”和调度清单与最近一次标记比较：新增红灯黄灯、转为绿灯、新增逾期、"
    "已办结销号、排名变化。今天的按此刻的数据，之前某天的按那天结束时的数据；标记人和时间留痕。"
)


def meeting_form(today: date | None) -> html.Div:
    """Mark a 调度会: the day (``today`` by default, and not later) and an optional name."""
    return html.Div(
        [
            html.Div(
                [
                    html.Span("调度会日期"),
                    dcc.DatePickerSingle(
                        id="op-meeting-date",
                        date=today,
                        max_date_allowed=today,
                        display_format="YYYY-MM-DD",
                        month_format="YYYY年M月",
                        placeholder="选择日期",
                        first_day_of_week=1,
                    ),
                    dcc.Input(
                        id="op-meeting-title",
                        type="text",
                        placeholder="名称（可选，如 第 12 次调度会）",
                        maxLength=100,
                        debounce=False,
                    ),
                    html.Button("标记本次调度会", id="op-meeting-mark", className="bm-button", n_clicks=0),
                ],
                className="bm-form-row",
            ),
            html.Div(MARK_HELP, className="bm-muted"),
            html.Div(id="op-meeting-message", className="bm-message"),
            html.Div(id="op-meeting-marks"),
        ]
    )


def marks_table(marks: Sequence[Mark]) -> html.Div | html.Table:
    """The recent marks, newest meeting first: its day and name, the data's as-of time, who marked it and when,
    and what its snapshot holds."""
    if not marks:
        return html.Div("未标记调度会", className="bm-muted")
    body = [
        [
            m.id,
            f"{m.meeting_on:%Y-%m-%d}",
            m.title or "—",
            fmt.stamp(m.as_of),
            fmt.stamp(m.marked_at),
            m.marked_by,
            len(m.snapshot["projects"]),
            len(m.snapshot["appeals"]),
            len(m.snapshot["issues"]),
        ]
        for m in marks
    ]
    headers = ["编号", "调度会日期", "名称", "数据截至", "标记时间", "标记人", "项目", "逾期诉求", "逾期清障问题"]
    return table(headers, body, "bm-table-marks")
