"""The meeting's filter bar: period kind and period (or a custom range), districts/parks, departments, action
group, the 轮播 toggle, and the brief's download links (their addresses carry the same filters)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dash import dcc, html

from layouts.meeting_sections import rotation_toggle
from layouts.zh import dropdown

BRIEF_PDF, BRIEF_XLSX = "/download/brief.pdf", "/download/brief.xlsx"
PERIOD_KIND_OPTIONS = (
    ("rolling", "近12个月"),
    ("month", "月度"),
    ("quarter", "季度"),
    ("year", "年度"),
    ("custom", "自定义"),
)


@dataclass(frozen=True)
class FilterOptions:
    """What the filters offer: regions as (code, name, type), department names, action groups, the as-of day."""

    regions: Sequence[tuple[str, str, str]]
    departments: Sequence[str]
    action_groups: Sequence[str]
    today: date


def _field(label: str, control: object, class_name: str = "") -> html.Label:
    return html.Label([html.Span(label, className="bm-filter-label"), control], className=f"bm-filter {class_name}")


def filter_bar(options: FilterOptions) -> html.Div:
    regions = [
        {"label": f"{name}{'（园区）' if kind == 'park' else ''}", "value": code}
        for code, name, kind in options.regions
    ]
    return html.Div(
        [
            _field(
                "期间",
                dcc.RadioItems(
                    id="meeting-period-kind",
                    options=[{"label": text, "value": value} for value, text in PERIOD_KIND_OPTIONS],
                    value="rolling",
                    inline=True,
                    className="bm-radio",
                ),
            ),
            _field("", dropdown(id="meeting-period", clearable=False, placeholder="选择期间"), "bm-filter-period"),
            _field(
                "",
                dcc.DatePickerRange(
                    id="meeting-range",
                    display_format="YYYY-MM-DD",
                    month_format="YYYY年M月",
                    max_date_allowed=options.today,
                    start_date_placeholder_text="开始",
                    end_date_placeholder_text="结束",
                ),
                "bm-filter-range",
            ),
            _field("县区/园区", dropdown(id="meeting-region", options=regions, multi=True, placeholder="全部")),
            _field(
                "部门",
                dropdown(id="meeting-department", options=list(options.departments), multi=True, placeholder="全部"),
                "bm-filter-wide",
            ),
            _field("专项行动组", dropdown(id="meeting-group", options=list(options.action_groups), placeholder="全部")),
            html.Div(
                [
                    rotation_toggle(),
                    html.A("调度清单 PDF", id="meeting-brief-pdf", href="/download/brief.pdf", className="bm-button"),
                    html.A(
                        "调度清单 Excel", id="meeting-brief-xlsx", href="/download/brief.xlsx", className="bm-button"
                    ),
                ],
                className="bm-brief-links",
            ),
        ],
        className="bm-filter-bar",
    )
