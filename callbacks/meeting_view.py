"""The meeting view's collector: every figure of the page for one set of filters, from the metric layer and the
drill-down measures (so each figure and the rows behind it are counted by the same clauses)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from callbacks.filters import Filters
from callbacks.meeting_counts import count_sections
from callbacks.meeting_subjects import economy_view, observer_section, rankings, visit_section
from callbacks.views.programmes import programmes_view
from callbacks.views.tiles import basis, rate_tile
from config import Settings
from data import drilldown
from data import kpi as data_kpi
from data.drilldown_breakdown import regions_in_scope
from data.metrics import appeals, refusals
from data.metrics.catalogue import metric
from data.metrics.scope import Scope
from data.standings import Standings, shown_standings
from data.status import STATUS_ORDER
from layouts import format as fmt
from layouts.meeting import AwardRow, BoardRow, Breakdown, IssueBreakdown, MeetingView
from layouts.meeting_kpi import Kpi, Link

APPEAL_MEASURES = ("appeals.received", "appeals.due", "appeals.on_time", "appeals.overdue")
THREE_RATE_PARTS = {"response": "响应率", "resolution": "解决率", "satisfaction": "满意率"}


def kpis(conn: Connection, scope: Scope, settings: Settings) -> tuple[Kpi, ...]:
    def count(key: str) -> int:
        return drilldown.count(conn, scope, key, settings.rag)

    def count_tile(label: str, key: str, value: int, unit: str, measure: str, note: str, note_measure: str) -> Kpi:
        """A counted KPI (its 口径: catalogue metric ``key``): the count opens ``measure``'s rows, its note's count
        ``note_measure``'s."""
        links = (Link(note, count(note_measure), note_measure),)
        return Kpi(label, fmt.count(value), unit, measure, links, basis=basis(key, scope, f"计数 {value:,d} {unit}"))

    on_time, satisfied, cleared = (
        data_kpi.read_kpi(conn, scope, settings, key)
        for key in ("on_time_rate", "satisfaction_strict", "clearance_close_rate")
    )
    return (
        count_tile(
            "企业诉求",
            "appeal_count",
            appeals.appeal_count(conn, scope),
            "件",
            "appeals.received",
            "逾期未办结 ",
            "appeals.overdue",
        ),
        rate_tile(
            on_time,
            scope,
            "appeals.due",
            (
                Link("按时 ", int(on_time.rate.numerator), "appeals.on_time"),
                Link("应办结 ", int(on_time.rate.denominator), "appeals.due"),
            ),
        ),
        rate_tile(
            satisfied,
            scope,
            "appeals.rated",
            (Link("非常满意+满意 · 已评价 ", int(satisfied.rate.denominator), "appeals.rated"),),
        ),
        rate_tile(
            cleared,
            scope,
            "clearance.found",
            (
                Link("已销号 ", int(cleared.rate.numerator), "clearance.closed"),
                Link("问题总数 ", int(cleared.rate.denominator), "clearance.found"),
                Link("逾期 ", count("clearance.overdue"), "clearance.overdue"),
            ),
            "bm-counter-clearance",
        ),
        count_tile(
            "差评", "bad_review_rate", count("reviews.bad"), "条", "reviews.bad", "未按期整改 ", "reviews.bad_late"
        ),
        count_tile(
            "对企业说“不”",
            "refusal_count",
            refusals.refusal_count(conn, scope),
            "件",
            "refusals.all",
            "未提级 ",
            "refusals.not_escalated",
        ),
    )


def appeal_rates(conn: Connection, scope: Scope, settings: Settings) -> tuple[Kpi, ...]:
    """The appeals section's rates: 企业诉求解决率, 响应率, 重复诉求率 (each against its thresholds where configured)
    and 三率, each with its 口径."""
    rates = tuple(
        rate_tile(data_kpi.read_kpi(conn, scope, settings, key), scope, None)
        for key in ("resolution_rate", "response_rate", "repeat_rate")
    )
    weights, limit = settings.three_rate_weights, settings.response_limit_hours
    composite = appeals.three_rate(conn, scope, weights, limit)
    parts = "、".join(f"{name} {weights.get(key, 0):g}" for key, name in THREE_RATE_PARTS.items())
    three = Kpi(
        metric("three_rate").name,
        fmt.percent_number(composite),
        "分",
        None,
        basis=basis("three_rate", scope, f"权重 {parts}；响应时限 {limit:g} 小时"),
    )
    return (*rates, three)


def _by_department(conn: Connection, scope: Scope) -> tuple[Breakdown, ...]:
    counts = {key: drilldown.count_by_department(conn, scope, key) for key in APPEAL_MEASURES}
    names = set(counts["appeals.received"]) | set(counts["appeals.due"])
    rows = [Breakdown(name, *(counts[k].get(name, 0) for k in APPEAL_MEASURES), department=name) for name in names]
    return tuple(sorted(rows, key=lambda r: (-r.overdue, -r.received, r.name)))


def _by_region(conn: Connection, scope: Scope, settings: Settings) -> tuple[Breakdown, ...]:
    return tuple(
        Breakdown(
            name,
            *(drilldown.count(conn, narrowed, key, settings.rag) for key in APPEAL_MEASURES),
            region=narrowed.region_codes[0],
        )
        for name, narrowed in regions_in_scope(scope, settings.regions)
    )


def _clearance(conn: Connection, scope: Scope) -> tuple[IssueBreakdown, ...]:
    found, closed, overdue = (
        drilldown.count_by_department(conn, scope, key)
        for key in ("clearance.found", "clearance.closed", "clearance.overdue")
    )
    rows = [IssueBreakdown(name, n, closed.get(name, 0), overdue.get(name, 0)) for name, n in found.items()]
    return tuple(sorted(rows, key=lambda r: (-r.overdue, -(r.found - r.closed), r.name)))


def board(conn: Connection, scope: Scope, settings: Settings, kind: str = "为企办实事") -> tuple[BoardRow, ...]:
    frame = drilldown.project_rows(conn, scope, settings.rag, kind=kind)
    columns = ("project_no", "name", "department", "status", "word", "override", "reasons", "blocker")
    return tuple(BoardRow(*(str(row[c] or "") for c in columns)) for _i, row in frame.iterrows())


def _colours(rows: tuple[BoardRow, ...]) -> dict[str, int]:
    return {s: sum(1 for r in rows if r.status == s) for s in STATUS_ORDER}


def awards(conn: Connection, scope: Scope, settings: Settings) -> tuple[Standings, bool, tuple[AwardRow, ...]]:
    """The candidates of the quarter the surfaces show (``data.standings.shown_quarter``); with a department
    filter, only those departments."""
    standings = shown_standings(conn, scope, settings)
    candidates = standings.candidates(conn)
    rows = []
    for award, frame in (("骏马奖", candidates.horse), ("蜗牛奖", candidates.snail)):
        for _i, row in frame.iterrows():
            if scope.department_names and row["department"] not in scope.department_names:
                continue
            score = None if row["score"] != row["score"] else float(row["score"])
            rows.append(AwardRow(award, row["department"], score, "；".join(row["reasons"])))
    return standings, candidates.decided, tuple(rows)


def collect(conn: Connection, filters: Filters, settings: Settings, now: datetime) -> MeetingView:
    scope = filters.scope(now)
    region_names = {r.code: r.name for r in settings.regions}
    trend = appeals.monthly_trend(conn, scope)
    standings, decided, award_rows = awards(conn, scope, settings)
    rows, key_rows = board(conn, scope, settings), board(conn, scope, settings, "重点项目")
    return MeetingView(
        filters_text=filters.describe(scope.today, region_names),
        kpis=kpis(conn, scope, settings),
        projects=_colours(rows),
        key_projects=_colours(key_rows),
        key_board=key_rows,
        counts=(
            *count_sections(conn, scope, settings),
            visit_section(conn, scope, settings),
            observer_section(conn, scope, settings),
        ),
        departments=_by_department(conn, scope),
        regions=_by_region(conn, scope, settings),
        clearance=_clearance(conn, scope),
        board=rows,
        awards=award_rows,
        quarter=standings.label,
        appeal_rates=appeal_rates(conn, scope, settings),
        rankings=rankings(conn, scope, settings),
        economy=economy_view(conn, scope, settings),
        award_rule=standings.rule,
        awards_decided=decided,
        programmes=programmes_view(conn, scope, scope, settings),
        trend={
            "months": trend["month"].tolist(),
            "received": [int(v) for v in trend["received"]],
            "closed": [int(v) for v in trend["closed"]],
            "on_time": [None if v != v else float(v) for v in trend["on_time_rate"]],
        },
    )
