"""清障行动 · 驻企服务 view: the drive's lists, batches and action groups; the visit grid."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from callbacks.views.context import ViewContext, optional_float
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics import clearance, visits
from layouts.pages import clearance as clearance_page
from layouts.pages.clearance import ClearanceView, FunnelStage, GridRow, GroupRow

LOWEST_DEPARTMENTS = 6


def _issue_rows(frame: pd.DataFrame) -> tuple[GroupRow, ...]:
    return tuple(
        GroupRow(r["name"], int(r["total"]), int(r["closed"]), optional_float(r["close_rate"]), int(r["overdue"]))
        for _, r in frame.iterrows()
    )


def collect(conn: Connection, context: ViewContext) -> ClearanceView:
    scope = context.period_scope
    coverage = visits.visit_coverage(conn, scope)
    problems = visits.problem_resolution_rate(conn, scope)
    grid = visits.visits_by_region(conn, scope)
    return ClearanceView(
        funnel=tuple(FunnelStage(name, int(n)) for name, n in clearance.clearance_funnel(conn, scope).items()),
        close_share=clearance.clearance_close_rate(conn, scope).value,
        on_schedule_share=clearance.on_schedule_close_rate(conn, scope).value,
        batches=tuple(
            (str(b), int(n))
            for b, n in zip(*(clearance.clearance_batches(conn, scope)[c] for c in ("batch", "closed")), strict=True)
        ),
        groups=_issue_rows(clearance.clearance_by(conn, scope, "action_group")),
        rectify_types=_issue_rows(clearance.clearance_by(conn, scope, "rectify_type")),
        departments=_issue_rows(
            clearance.clearance_by(conn, scope, "department")
            .sort_values(["close_rate", "total"], ascending=[True, False], kind="stable")
            .head(LOWEST_DEPARTMENTS)
        ),
        cadres=visits.cadre_count(conn, scope),
        coverage=coverage.value,
        coverage_status=context.status("visit_coverage", coverage.value),
        collected=int(problems.denominator),
        solved=int(problems.numerator),
        solved_share=problems.value,
        grid=tuple(
            GridRow(
                r["region"],
                int(r["cadres"]),
                int(r["enterprises_assigned"]),
                int(r["enterprises_visited"]),
                optional_float(r["coverage"]),
                int(r["collected"]),
                int(r["solved"]),
            )
            for _, r in grid.iterrows()
        ),
    )


PAGE = PageDeclaration(
    "clearance",
    "清障行动 · 驻企服务",
    collect,
    clearance_page.build,
    (
        Panel("drive", ("clearance",)),
        Panel("batches", ("clearance",)),
        Panel("groups", ("clearance",)),
        Panel("types", ("clearance",)),
        Panel("departments", ("clearance",)),
        Panel("visits", ("visits",)),
        Panel("grid", ("clearance", "visits")),
    ),
)
