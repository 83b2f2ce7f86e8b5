"""经济指标 view: the city's indicators against target and last year."""

from __future__ import annotations

from sqlalchemy import Connection

from callbacks.views.context import ViewContext, optional_float
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics.economy import econ_table
from layouts.pages import economy as economy_page
from layouts.pages.economy import EconomyView, Indicator

COMPLETION_THRESHOLD = "econ_completion"


def collect(conn: Connection, context: ViewContext) -> EconomyView:
    table = econ_table(conn, context.period_scope)
    return EconomyView(
        indicators=tuple(
            Indicator(
                name=r["metric"],
                period=r["period"],
                value=float(r["value"]),
                unit=r["unit"] or "",
                target=optional_float(r["target"]),
                completion=optional_float(r["completion"]),
                status=context.status(COMPLETION_THRESHOLD, optional_float(r["completion"])),
                yoy=optional_float(r["yoy"]),
            )
            for _, r in table.iterrows()
        )
    )


PAGE = PageDeclaration(
    "economy",
    "经济指标",
    collect,
    economy_page.build,
    (
        Panel("indicators", ("econ_metrics",)),
        Panel("targets", ("econ_metrics",)),
    ),
)
