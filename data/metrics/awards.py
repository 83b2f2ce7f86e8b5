"""骏马奖 / 蜗牛奖: each department's quarterly score from the metrics of the other modules, the cases that can
trigger a 蜗牛奖, and the proposed (or, once imported, decided) candidates.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from config import Settings
from data.metrics.appeals import RECEIVED, REVISITED, on_time_query, resolution_query, satisfaction_query
from data.metrics.clearance import ISSUE, on_schedule_query, overdue_issues
from data.metrics.projects import project_board
from data.metrics.rate import Rate
from data.metrics.refusals import REFUSAL, overturn_query, overturned_refusals
from data.metrics.reviews import REVIEW, rectify_on_time_query
from data.metrics.scope import DEPARTMENT, Scope, period_bounds
from data.schema import Award

AWARD = Award.__table__
PARTS = ("on_time", "resolution", "satisfaction", "clearance", "review_rectify", "projects", "refusals")
COLOUR_POINTS = {"green": 100.0, "yellow": 60.0, "red": 0.0}
OVERDUE_TRIGGER_DAYS = 30
HORSE, SNAIL = "骏马奖", "蜗牛奖"
_AWARD_ALIASES = {"骏马奖": HORSE, "骏马": HORSE, "horse": HORSE, "蜗牛奖": SNAIL, "蜗牛": SNAIL, "snail": SNAIL}


@dataclass(frozen=True)
class AwardCandidates:
    """``horse`` / ``snail``: columns department, score, reasons (list of sentences), plus the score parts when
    proposed. ``decided`` = the office's imported decision, not the proposal."""

    horse: pd.DataFrame
    snail: pd.DataFrame
    decided: bool


def _percent_by_department(rates: dict[Any, Rate]) -> dict[Any, float]:
    return {department: rate.value * 100 for department, rate in rates.items() if rate.value is not None}


def _listed(items: Iterable[str], most: int = 3) -> str:
    items = list(items)
    return "、".join(items[:most]) + ("等" if len(items) > most else "")


def _quarter_scope(quarter: str, today: date | None) -> Scope:
    start, end = period_bounds(quarter)
    return Scope(today=min(end, today or date.today()), start=start, end=end)


def department_scores(conn: Connection, quarter: str, settings: Settings, today: date | None = None) -> pd.DataFrame:
    """Each department's score for ``quarter`` ('2026Q3'), as of the quarter's last day (or ``today`` if earlier).

    score = Σ weight·part ÷ Σ weight over the parts that have data (``settings.award_weights``), each part 0–100:
    on_time = 按时办结率 of its appeals due in the quarter; resolution = 解决率; satisfaction = strict 满意率;
    clearance = 清障 按期销号率; review_rectify = 差评按期整改率; projects = mean colour of the projects it leads
    (green 100, yellow 60, red 0); refusals = 100 × (1 − 改判率).
    ``triggers`` lists the cases that can earn a 蜗牛奖: a red project, a 清障 issue more than 30 days overdue,
    an overturned refusal, an on-time rate below the red threshold of ``settings.thresholds['on_time_rate']``.
    Columns: department, score, the seven parts, triggers; best score first, departments without data last.
    """
    scope = _quarter_scope(quarter, today)
    names = dict(conn.execute(select(DEPARTMENT.c.id, DEPARTMENT.c.name)).all())
    on_time = on_time_query(scope)
    by_id = {
        "on_time": on_time.fetch_by(conn, on_time.source.c.department_id),
        "resolution": resolution_query(scope).fetch_by(conn, REVISITED.c.department_id),
        "satisfaction": satisfaction_query(scope, strict=True).fetch_by(conn, RECEIVED.c.department_id),
        "clearance": on_schedule_query(scope).fetch_by(conn, ISSUE.c.department_id),
        "review_rectify": rectify_on_time_query(scope).fetch_by(conn, REVIEW.c.department_id),
    }
    parts: dict[str, dict[str, float]] = {
        part: {names[d]: value for d, value in _percent_by_department(rates).items()} for part, rates in by_id.items()
    }
    overturn = _percent_by_department(overturn_query(scope).fetch_by(conn, REFUSAL.c.department_id))
    parts["refusals"] = {names[d]: 100 - value for d, value in overturn.items()}

    triggers: dict[str, list[str]] = defaultdict(list)
    colours: dict[str, list[float]] = defaultdict(list)
    for project in project_board(conn, scope, settings.rag):
        colours[project.department].append(COLOUR_POINTS[project.rag.status])
        if project.rag.status == "red":
            triggers[project.department].append(f"项目「{project.name}」亮红灯（{project.rag.word}）")
    parts["projects"] = {department: sum(points) / len(points) for department, points in colours.items()}

    overdue = overdue_issues(conn, Scope(today=scope.today), more_than_days=OVERDUE_TRIGGER_DAYS)
    for department, issues in overdue.groupby("department", sort=False):
        triggers[department].append(
            f"清障问题逾期超过 {OVERDUE_TRIGGER_DAYS} 天未销号 {len(issues)} 项（{_listed(issues['issue_no'])}）"
        )
    for department, refusals in overturned_refusals(conn, scope).groupby("department", sort=False):
        triggers[department].append(f"对企业说“不”被改判 {len(refusals)} 件（{_listed(refusals['refusal_no'])}）")
    red_line = settings.thresholds["on_time_rate"].red
    for department, rate in by_id["on_time"].items():
        if rate.value is not None and rate.value < red_line:
            triggers[names[department]].append(f"按时办结率 {rate.percent:g}%，低于 {red_line * 100:g}% 红线")

    weights = settings.award_weights
    rows = []
    for department in sorted({*triggers, *(d for values in parts.values() for d in values)}):
        row: dict[str, Any] = {part: parts[part].get(department, math.nan) for part in PARTS}
        present = [part for part in PARTS if not math.isnan(row[part]) and weights.get(part)]
        total = sum(weights[part] for part in present)
        score = sum(weights[part] * row[part] for part in present) / total if total else math.nan
        rows.append({"department": department, "score": score, **row, "triggers": triggers.get(department, [])})
    frame = pd.DataFrame(rows, columns=["department", "score", *PARTS, "triggers"])
    return frame.sort_values(["score", "department"], ascending=[False, True], na_position="last", ignore_index=True)


def _decided(conn: Connection, quarter: str) -> pd.DataFrame:
    query = (
        select(AWARD.c.award, DEPARTMENT.c.name, AWARD.c.score, AWARD.c.reasons)
        .select_from(AWARD.join(DEPARTMENT, DEPARTMENT.c.id == AWARD.c.department_id))
        .where(AWARD.c.period == quarter)
        .order_by(AWARD.c.score.desc(), DEPARTMENT.c.name)
    )
    frame = pd.DataFrame(conn.execute(query).all(), columns=["award", "department", "score", "reasons"])
    frame["award"] = [_AWARD_ALIASES.get(str(a).strip().lower(), a) for a in frame["award"]]
    frame["reasons"] = [[r for r in re.split(r"[\n；;]+", text or "") if r.strip()] for text in frame["reasons"]]
    return frame


def award_candidates(conn: Connection, quarter: str, settings: Settings, today: date | None = None) -> AwardCandidates:
    """骏马奖 = the ``settings.horse_candidates`` best scores; 蜗牛奖 = the ``settings.snail_candidates`` lowest
    scores among departments with at least one trigger (the lowest score alone is not enough). Once the office's
    decision for the quarter is in the ``award`` table, that decision is returned instead (``decided``)."""
    decided = _decided(conn, quarter)
    if len(decided):
        columns = ["department", "score", "reasons"]
        horse = decided[decided["award"] == HORSE][columns].reset_index(drop=True)
        snail = decided[decided["award"] == SNAIL].sort_values(["score", "department"])[columns]
        return AwardCandidates(horse, snail.reset_index(drop=True), decided=True)
    scores = department_scores(conn, quarter, settings, today).dropna(subset=["score"])
    horse = scores.head(settings.horse_candidates).reset_index(drop=True)
    horse["reasons"] = [[f"季度综合得分 {score:.1f}，列第 {i} 位"] for i, score in enumerate(horse["score"], 1)]
    triggered = scores[scores["triggers"].map(len) > 0]
    snail = triggered.sort_values(["score", "department"]).head(settings.snail_candidates).reset_index(drop=True)
    snail["reasons"] = snail["triggers"]
    return AwardCandidates(horse, snail, decided=False)
