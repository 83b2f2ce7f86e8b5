"""对标提升 · 专班 · 清风 · 一件事 view: the programmes' figures for one scope, for the wall page and the meeting
view."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from callbacks.views.context import ViewContext, optional_float
from callbacks.views.pages import PageDeclaration, Panel
from config import Settings
from data.metrics import cleanwind, reforms, services, squads
from data.metrics.projects import rag_rule_text
from data.metrics.scope import Scope
from layouts.pages import programmes as programmes_page
from layouts.pages.programmes import MeasureLine, ProgrammesView, ReformDepartment, ServiceLine, SquadLine

LATEST_SERVICES = 30


def _department(row: pd.Series) -> ReformDepartment:
    worst = "red" if row["red"] else "yellow" if row["yellow"] else "green"
    counts = (int(row[c]) for c in ("measures", "landed", "on_time"))
    return ReformDepartment(row["department"], row["in_province"], row["out_of_province"], *counts, worst)


def _squad(row: pd.Series) -> SquadLine:
    rate, days = optional_float(row["on_time_rate"]), optional_float(row["mean_days"])
    return SquadLine(row["squad"], row["domain"] or "", int(row["cases"]), int(row["solved"]), rate, days)


def _services_live(by_origin: pd.DataFrame, origin: str) -> tuple[int, int]:
    return int(by_origin.at[origin, "services"]), int(by_origin.at[origin, "live"])


def programmes_view(conn: Connection, scope: Scope, service_scope: Scope, settings: Settings) -> ProgrammesView:
    """The programmes over ``scope``; the 一件事 services over ``service_scope`` (its period, or without one the
    calendar year of its day, against the year's target)."""
    board = reforms.reform_board(conn, scope, settings.rag)
    summary = reforms.reform_summary(board, scope.today)
    stalled = reforms.snail_cases(conn, scope, settings.rag)
    teams = squads.squad_performance(conn, scope)
    totals = cleanwind.clean_wind_totals(conn, scope)
    months = cleanwind.clean_wind_by(conn, scope, "month")
    service = services.service_summary(conn, service_scope, settings.services_year_target)
    origin = service.by_origin.set_index("origin")
    listing = services.service_list(conn, service_scope)
    live = listing[listing["launched_on"].notna()].sort_values(["launched_on", "item_no"], ascending=[False, True])
    return ProgrammesView(
        measures=summary.measures,
        landed=summary.landed,
        on_time=summary.on_time,
        overdue=sum(1 for m in board if not m.landed and m.planned_on <= scope.today),
        colours=summary.colours,
        rule=rag_rule_text(settings.rag),
        departments=tuple(_department(r) for _, r in summary.by_department.iterrows()),
        flagged=tuple(
            MeasureLine(m.measure_no, m.name, m.department, m.rag.status, m.rag.word, "；".join(m.rag.reasons))
            for m in board
            if m.rag.status != "green"
        ),
        snail_cases=tuple(stalled["department"]),
        squads=tuple(_squad(r) for _, r in teams.iterrows()),
        clean_wind=totals,
        clean_wind_rectified_share=cleanwind.rectification_rate(totals).value,
        clean_wind_months=tuple(zip(months["name"], (int(n) for n in months["problems_found"]), strict=True)),
        services_launched=service.launched,
        services_target=service.target,
        provincial=_services_live(origin, services.PROVINCIAL),
        local=_services_live(origin, services.LOCAL),
        materials_saved=service.materials_saved,
        days_saved=service.days_saved,
        trips_saved=service.trips_saved,
        latest_services=tuple(
            ServiceLine(r["name"], r["origin"], str(r["launched_on"])) for _, r in live.head(LATEST_SERVICES).iterrows()
        ),
    )


def collect(conn: Connection, context: ViewContext) -> ProgrammesView:
    return programmes_view(conn, context.period_scope, context.all_time, context.settings)


PAGE = PageDeclaration(
    "programmes",
    "对标提升 · 专班 · 清风",
    collect,
    programmes_page.build,
    (
        Panel("reforms", ("reform_measures",)),
        Panel("squads", ("squads", "appeals", "clearance")),
        Panel("clean_wind", ("clean_wind",)),
        Panel("services", ("service_items",)),
    ),
)
