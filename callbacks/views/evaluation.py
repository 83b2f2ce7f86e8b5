"""营商环境评价 view: areas, ranks, the awards of the last closed quarter (as issued), reviews, refusals and
services."""

from __future__ import annotations

from sqlalchemy import Connection

from callbacks.views.context import ViewContext, optional_float, optional_int
from callbacks.views.pages import PageDeclaration, Panel
from data.metrics import evaluation, refusals, reviews, services
from data.standings import shown_standings
from layouts.pages import evaluation as evaluation_page
from layouts.pages.evaluation import AreaRow, AwardEntry, EvaluationView

WEAKEST = 5
STAGES = 5


def _entries(frame) -> tuple[AwardEntry, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        AwardEntry(
            row["department"], optional_float(row["score"]), "；".join(row["reasons"][:2]) if row["reasons"] else ""
        )
        for _, row in frame.iterrows()
    )


def collect(conn: Connection, context: ViewContext) -> EvaluationView:
    scope = context.period_scope
    areas = evaluation.area_table(conn)
    ranks = evaluation.overall_ranks(conn)
    standings = shown_standings(conn, scope, context.settings)
    candidates = standings.candidates(conn)
    service = services.service_summary(conn, scope, context.settings.services_year_target)
    bad_months = reviews.bad_reviews_by_month(conn, scope)
    stages = service.by_stage.head(STAGES)
    return EvaluationView(
        period=areas.attrs.get("period"),
        areas=tuple(
            AreaRow(r["name"], optional_float(r["score"]), optional_int(r["rank"]), optional_int(r["movement"]))
            for _, r in areas.iterrows()
        ),
        weakest=tuple(evaluation.weakest_areas(conn, n=WEAKEST)["name"]),
        rank_periods=tuple(ranks["period"]),
        ranks=tuple(optional_int(r) for r in ranks["rank"]),
        n_cities=optional_int(ranks["n_cities"].iloc[-1]) if len(ranks) else None,
        award_period=standings.label,
        award_decided=candidates.decided,
        horses=_entries(candidates.horse),
        snails=_entries(candidates.snail),
        good_reviews=reviews.good_review_rate(conn, scope).value,
        bad_reviews=int(reviews.bad_review_rate(conn, scope).numerator),
        rectify_share=reviews.bad_review_rectify_rate(conn, scope).value,
        bad_months=tuple(bad_months["month"]),
        bad_counts=tuple(int(n) for n in bad_months["bad"]),
        bad_rectified=tuple(int(n) for n in bad_months["rectified"]),
        refusals=refusals.refusal_count(conn, scope),
        escalation_share=refusals.refusal_escalation_rate(conn, scope).value,
        overturn_share=refusals.refusal_overturn_rate(conn, scope).value,
        decisions=tuple(
            (r["decision"], int(r["refusals"])) for _, r in refusals.refusals_by_decision(conn, scope).iterrows()
        ),
        services_launched=service.launched,
        services_target=service.target,
        materials_saved=service.materials_saved,
        days_saved=service.days_saved,
        trips_saved=service.trips_saved,
        stages=tuple((r["stage"], int(r["launched"]), int(r["services"])) for _, r in stages.iterrows()),
    )


PAGE = PageDeclaration(
    "evaluation",
    "营商环境评价",
    collect,
    evaluation_page.build,
    (
        Panel("areas", ("indicator_eval",)),
        Panel("rank", ("indicator_eval",)),
        Panel("awards", ("awards",)),
        Panel("reviews", ("reviews",)),
        Panel("refusals", ("refusals",)),
        Panel("services", ("service_items",)),
    ),
)
