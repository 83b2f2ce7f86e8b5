"""A seventh wall page declared by a site's own module (used by tests/test_wall_pages.py): one module, one
config entry — its view, collector, builder and panels."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html
from sqlalchemy import Connection

from callbacks.views.context import ViewContext
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics.appeals import appeal_count
from layouts.components import panel


@dataclass(frozen=True)
class VisitorsView:
    appeals: int


def collect(conn: Connection, context: ViewContext) -> VisitorsView:
    return VisitorsView(appeal_count(conn, context.period_scope))


def build(view: VisitorsView, interactive: bool = False) -> html.Div:
    return html.Div(panel("本月来访企业", html.Div(f"受理 {view.appeals} 件", className="bm-visitors"), key="count"))


PAGE = PageDeclaration("visitors", "来访企业", collect, build, (Panel("count", ("appeals",)),), dwell=12)
