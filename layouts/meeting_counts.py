"""The meeting view's count sections (为企办实事 and 重点项目 by lead department and district, 好差评, 对企业说“不”,
一件事一次办 by lead department, 驻企服务 and 亲清观察员 with their KPI tiles):
a row of figures and the breakdowns by department and by district / park, one drill-down measure per column, each
cell opening exactly its rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import html

from data.drilldown_breakdown import CountRow
from layouts import format as fmt
from layouts.components import panel, stat, table
from layouts.drill import drill_link
from layouts.meeting_kpi import Kpi, kpi_tile
from layouts.meeting_sections import section_class


@dataclass(frozen=True)
class Figure:
    """A labelled figure; with a ``measure`` its value opens that measure's rows."""

    label: str
    value: str
    measure: str | None = None


@dataclass(frozen=True)
class CountSection:
    """``subject`` places it in its section; ``columns`` are (header, measure); ``alert`` the column to flag."""

    subject: str
    title: str
    columns: tuple[tuple[str, str], ...]
    departments: tuple[CountRow, ...]
    regions: tuple[CountRow, ...] | None
    """None: the subject has no district (a city-wide service), so no table by district."""
    department_header: str = "责任单位"
    figures: tuple[Figure, ...] = ()
    alert: str = ""
    kpis: tuple[Kpi, ...] = ()
    """KPI tiles (each with its 口径) above the tables, for a section whose figures need one."""


def count_table(section: CountSection, rows: Sequence[CountRow], first: str) -> html.Table:
    body = [
        [
            r.name,
            *(
                drill_link(
                    fmt.count(r.counts[key]),
                    key,
                    r.department,
                    r.region,
                    "bm-drill-alert" if key == section.alert and r.counts[key] else "",
                )
                for _header, key in section.columns
            ),
        ]
        for r in rows
    ]
    return table([first, *(header for header, _key in section.columns)], body, "bm-table-breakdown bm-table-counts")


def _figure(figure: Figure) -> html.Div:
    value = drill_link(figure.value, figure.measure) if figure.measure else figure.value
    return stat(figure.label, value)


def count_panel(section: CountSection) -> html.Section:
    empty = html.Div("所选范围内暂无数据", className="bm-empty")
    tables = [
        html.Div(
            [html.Div(heading, className="bm-count-heading"), count_table(section, rows, first) if rows else empty],
            className="bm-count-block",
        )
        for heading, rows, first in (
            (f"按{section.department_header}", section.departments, section.department_header),
            ("按县区、园区", section.regions, "县区/园区"),
        )
        if rows is not None
    ]
    figures = html.Div([_figure(f) for f in section.figures], className="bm-stats") if section.figures else None
    kpis = (
        html.Div([kpi_tile(k) for k in section.kpis], className="bm-counters bm-section-kpis") if section.kpis else None
    )
    return panel(
        section.title,
        [kpis, figures, html.Div(tables, className="bm-scroll bm-count-tables")],
        f"bm-m-count bm-m-count-{section.subject.replace('_', '-')} {section_class(section.subject)}",
    )
