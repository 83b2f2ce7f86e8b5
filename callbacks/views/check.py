"""What the wall serves on its 总览, as the figures the reconciliation check compares (``data.reconcile``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from callbacks.views.context import ViewContext
from data.reconcile import CheckResult, check
from layouts.pages.overview import OverviewView


def served_figures(view: OverviewView) -> dict[str, Any]:
    """The 总览's headline figures, keyed as ``data.reconcile.FIGURES``."""
    return {
        "appeals": view.appeals,
        "on_time": view.on_time,
        "satisfaction": view.satisfaction,
        "resolution": view.resolution,
        "clearance_closed": view.clearance_closed,
        "clearance_total": view.clearance_total,
        **{f"projects_{code}": n for code, n in view.projects.items()},
        "observer_leads": view.observer_leads,
        "observer_solved": view.observer_solved,
    }


def check_overview(conn: Connection, context: ViewContext, view: OverviewView) -> CheckResult:
    """The served 总览 ``view`` (built for ``context``) against the facts, for the same scope and instant."""
    return check(conn, context.period_scope, context.settings, served_figures(view), context.now)
