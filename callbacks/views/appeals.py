"""企业诉求 view: breakdowns, 亲清观察员 leads and the latest closed appeals with masked enterprise names.

Only the columns the wall shows leave this module: never contact names, phone numbers or appeal content.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from callbacks.views.context import PERIOD_LABEL, ViewContext, optional_float, optional_int
from callbacks.views.pages import PageDeclaration, Panel
from data.labels import SATISFACTION_LEVELS
from data.metrics import appeals
from layouts import format as fmt
from layouts.pages import appeals as appeals_page
from layouts.pages.appeals import AppealsView, ClosedAppeal, Ranked

LATEST_CLOSED = 32
DEPARTMENT_MIN_DUE = 20
DEPARTMENTS_SHOWN = 10


def trend_series(frame: pd.DataFrame) -> dict[str, list]:
    """The monthly trend as plain lists for ``layouts.figures.trend_figure``."""
    return {
        "months": frame["month"].tolist(),
        "received": [int(v) for v in frame["received"]],
        "closed": [int(v) for v in frame["closed"]],
        "on_time": [optional_float(v) for v in frame["on_time_rate"]],
    }


def _rates(frame: pd.DataFrame, column: str = "on_time_rate") -> tuple[Ranked, ...]:
    return tuple(
        Ranked(row["name"], optional_float(row[column]), fmt.percent(optional_float(row[column])))
        for _, row in frame.iterrows()
    )


def _counts(frame: pd.DataFrame) -> tuple[Ranked, ...]:
    return tuple(Ranked(row["name"], float(row["received"]), fmt.count(row["received"])) for _, row in frame.iterrows())


def _closed(frame: pd.DataFrame, context: ViewContext) -> tuple[ClosedAppeal, ...]:
    return tuple(
        ClosedAppeal(
            ticket_no=row["ticket_no"],
            enterprise=context.mask(row["enterprise"]),
            region=row["region"],
            department=row["department"],
            category=row["category"] or fmt.DASH,
            closed_at=row["closed_at"].strftime("%m-%d %H:%M"),
            satisfaction=SATISFACTION_LEVELS.get(optional_int(row["satisfaction"]), "未评价"),
        )
        for _, row in frame.iterrows()
    )


def collect(conn: Connection, context: ViewContext) -> AppealsView:
    scope = context.period_scope
    leads = appeals.observer_leads(conn, scope)
    by_region = appeals.appeals_by(conn, scope, "region").sort_values("on_time_rate", ascending=False)
    departments = appeals.appeals_by(conn, scope, "department")
    laggards = departments[departments["due"] >= DEPARTMENT_MIN_DUE].sort_values("on_time_rate").head(DEPARTMENTS_SHOWN)
    return AppealsView(
        period_label=PERIOD_LABEL,
        received=appeals.appeal_count(conn, scope),
        on_time=appeals.on_time_rate(conn, scope).value,
        satisfaction=appeals.satisfaction_rate(conn, scope).value,
        resolution=appeals.resolution_rate(conn, scope).value,
        trend=trend_series(appeals.monthly_trend(conn, scope)),
        by_region=_rates(by_region),
        by_department=_rates(laggards),
        by_category=_counts(appeals.appeals_by(conn, scope, "category")),
        by_channel=_counts(appeals.appeals_by(conn, scope, "channel")),
        observer_leads=leads.leads,
        observer_solved=leads.solved,
        observer_rate=leads.rate.value,
        observer_satisfaction=leads.satisfaction.value,
        latest_closed=_closed(appeals.latest_closed(conn, scope, LATEST_CLOSED), context),
    )


PAGE = PageDeclaration(
    "appeals",
    "企业诉求",
    collect,
    appeals_page.build,
    (
        Panel("trend", ("appeals",)),
        Panel("observer", ("appeals",)),
        Panel("mix", ("appeals",)),
        Panel("by_region", ("appeals",)),
        Panel("by_department", ("appeals",)),
        Panel("latest", ("appeals",)),
    ),
)
