"""骏马奖 / 蜗牛奖: each department's quarterly score from the metrics of the other modules, the cases that can
trigger a 蜗牛奖, the ranking (who is eligible, how ties rank) and the proposed (or, once imported, decided)
candidates. A closed quarter's ranking is stored when it is issued (``data.standings``); this module computes.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from config import Settings
from data.metrics.appeals import RECEIVED, REVISITED, on_time_query, resolution_query, satisfaction_query
from data.metrics.clearance import ISSUE, on_schedule_query, overdue_issues
from data.metrics.projects import project_board
from data.metrics.rate import Rate
from data.metrics.reforms import snail_cases
from data.metrics.refusals import REFUSAL, overturn_query, overturned_refusals
from data.metrics.reviews import REVIEW, rectify_on_time_query
from data.metrics.scope import DEPARTMENT, Scope, period_bounds
from data.schema import Award

AWARD = Award.__table__
PARTS = ("on_time", "resolution", "satisfaction", "clearance", "review_rectify", "projects", "refusals")
COLOUR_POINTS = {"green": 100.0, "yellow": 60.0, "red": 0.0}
OVERDUE_TRIGGER_DAYS = 30
HORSE, SNAIL = "骏马奖", "蜗牛奖"
NO_ITEMS = "无考核事项"
TIE_SHARED, TIE_BY_ITEMS = "shared", "items"
PART_LABELS = {
    "on_time": "按时办结率",
    "resolution": "解决率",
    "satisfaction": "满意率",
    "clearance": "清障按期销号率",
    "review_rectify": "差评按期整改率",
    "projects": "项目红黄绿",
    "refusals": "说“不”未改判",
}
_AWARD_ALIASES = {"骏马奖": HORSE, "骏马": HORSE, "horse": HORSE, "蜗牛奖": SNAIL, "蜗牛": SNAIL, "snail": SNAIL}


@dataclass(frozen=True)
class AwardCandidates:
    """``horse`` / ``snail``: columns department, score, reasons (list of sentences), plus the ranking's columns when
    proposed. ``decided`` = the office's imported decision, not the proposal."""

    horse: pd.DataFrame
    snail: pd.DataFrame
    decided: bool


def _percent_by_department(rates: dict[Any, Rate]) -> dict[Any, float]:
    return {department: rate.value * 100 for department, rate in rates.items() if rate.value is not None}


def _listed(items: Iterable[str], most: int = 3) -> str:
    items = list(items)
    return "、".join(items[:most]) + ("等" if len(items) > most else "")


def quarter_scope(quarter: str, as_of: date | datetime) -> Scope:
    """``quarter`` as of the end of its last day, or as of ``as_of`` if that is earlier (a day: its end; a
    datetime: that instant)."""
    start, end = period_bounds(quarter)
    if isinstance(as_of, datetime):
        return Scope.at(as_of, start=start, end=end) if as_of.date() <= end else Scope(today=end, start=start, end=end)
    return Scope(today=min(end, as_of), start=start, end=end)


def department_scores(conn: Connection, quarter: str, settings: Settings, today: date | datetime) -> pd.DataFrame:
    """Each department's score for ``quarter`` ('2026Q3'), as of the quarter's end (or ``today`` if earlier).

    score = Σ weight·part ÷ Σ weight over the parts that have data (``settings.award_weights``), each part 0–100:
    on_time = 按时办结率 of its appeals due in the quarter; resolution = 解决率; satisfaction = strict 满意率;
    clearance = 清障 按期销号率; review_rectify = 差评按期整改率; projects = mean colour of the projects it leads
    (green 100, yellow 60, red 0); refusals = 100 × (1 − 改判率).
    ``triggers`` lists the cases that can earn a 蜗牛奖: a red project, a 清障 issue more than 30 days overdue,
    an overturned refusal, an on-time rate below the red threshold of ``settings.thresholds['on_time_rate']``, and
    (``settings.reform_snail_trigger``) 对标提升 measures due this year by the quarter's as-of day with none landed by
    its due date.
    ``items`` = the scored items behind the parts (appeals owed, revisited and rated, 清障 issues and 差评 owed,
    projects led, refusals).
    Columns: department, score, the seven parts, items, triggers; best score first, departments without data last.

    口径：部门季度得分 = 按时办结率、解决率、满意率、清障按期销号率、差评按期整改率、牵头项目红黄绿、说“不”改判
    七个部分各折算为 0–100 分，按配置的权重加权平均；没有数据的部分不计。
    """
    scope = quarter_scope(quarter, today)
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
    overturns = overturn_query(scope).fetch_by(conn, REFUSAL.c.department_id)
    parts["refusals"] = {names[d]: 100 - value for d, value in _percent_by_department(overturns).items()}
    items: dict[str, int] = defaultdict(int)
    for rates in (*by_id.values(), overturns):
        for department_id, rate in rates.items():
            items[names[department_id]] += int(rate.denominator)

    triggers: dict[str, list[str]] = defaultdict(list)
    colours: dict[str, list[float]] = defaultdict(list)
    for project in project_board(conn, scope, settings.rag):
        colours[project.department].append(COLOUR_POINTS[project.rag.status])
        items[project.department] += 1
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
    if settings.reform_snail_trigger:
        for row in snail_cases(conn, scope, settings.rag).itertuples():
            triggers[row.department].append(
                f"对标提升微改革措施到期 {row.due} 项均未按期落地（{_listed(row.measures)}）"
            )
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
        rows.append(
            {
                "department": department,
                "score": score,
                **row,
                "items": items.get(department, 0),
                "triggers": triggers.get(department, []),
            }
        )
    frame = pd.DataFrame(rows, columns=["department", "score", *PARTS, "items", "triggers"])
    return frame.sort_values(["score", "department"], ascending=[False, True], na_position="last", ignore_index=True)


def decided_awards(conn: Connection, quarter: str) -> pd.DataFrame:
    """The office's imported decision for ``quarter`` (columns award, department, score, reasons); empty if none."""
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


def rank_departments(scores: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The quarter's ranking from ``department_scores``: adds ``rank``, ``standing`` and ``proposal``.

    Eligible = a score and at least ``settings.award_min_items`` scored items (and at least one); the others get no
    rank and a ``standing`` saying why (无考核事项, or 考核事项不足 N 件). Scores are compared to one decimal, as
    shown; ``settings.award_tie_rule`` "shared" gives equal scores the same rank (1, 1, 3), "items" ranks the one with
    more scored items first (sharing only when both are equal). ``proposal``: 骏马奖 for ranks up to
    ``settings.horse_candidates``; 蜗牛奖 for the ``settings.snail_candidates`` lowest scores among eligible
    departments with a trigger (the lowest score alone is not enough). Ranked departments first, by rank.
    """
    frame = scores.copy()
    minimum = max(settings.award_min_items, 1)
    eligible = frame["score"].notna() & (frame["items"] >= minimum)
    frame["standing"] = [
        None if ok else (NO_ITEMS if items == 0 or score != score else f"考核事项不足 {minimum} 件")
        for ok, items, score in zip(eligible, frame["items"], frame["score"], strict=True)
    ]
    frame["shown"] = frame["score"].round(1)
    by_items = settings.award_tie_rule == TIE_BY_ITEMS
    keys = ["shown", "items"] if by_items else ["shown"]
    ranked = frame[eligible].sort_values([*keys, "department"], ascending=[False] * len(keys) + [True])
    ranks: list[int] = []
    tuples = list(ranked[keys].itertuples(index=False, name=None))
    for i, key in enumerate(tuples):
        ranks.append(ranks[-1] if i and key == tuples[i - 1] else i + 1)
    frame["rank"] = pd.Series(ranks, index=ranked.index, dtype="Int64").reindex(frame.index)
    frame["proposal"] = [
        HORSE if rank is not pd.NA and rank <= settings.horse_candidates else None for rank in frame["rank"]
    ]
    triggered = frame[eligible & (frame["triggers"].map(len) > 0) & frame["proposal"].isna()]
    snails = triggered.sort_values(["score", "department"]).head(settings.snail_candidates).index
    frame.loc[snails, "proposal"] = SNAIL
    frame["order"] = frame["rank"].fillna(len(frame) + 1)
    frame = frame.sort_values(["order", "department"], ignore_index=True)
    return frame.drop(columns=["shown", "order"])


def proposals(ranking: pd.DataFrame, decided: pd.DataFrame) -> AwardCandidates:
    """The candidates of a ranking (``rank_departments``, or an issued one), or the office's decision once imported
    (``decided``, from the ``award`` table)."""
    if len(decided):
        columns = ["department", "score", "reasons"]
        horse = decided[decided["award"] == HORSE][columns].reset_index(drop=True)
        snail = decided[decided["award"] == SNAIL].sort_values(["score", "department"])[columns]
        return AwardCandidates(horse, snail.reset_index(drop=True), decided=True)
    horse = ranking[ranking["proposal"] == HORSE].reset_index(drop=True)
    ranks = zip(horse["score"], horse["rank"], strict=True)
    horse["reasons"] = [[f"季度综合得分 {score:.1f}，列第 {rank} 位"] for score, rank in ranks]
    snail = ranking[ranking["proposal"] == SNAIL].sort_values(["score", "department"]).reset_index(drop=True)
    snail["reasons"] = snail["triggers"]
    return AwardCandidates(horse, snail, decided=False)


def award_candidates(conn: Connection, quarter: str, settings: Settings, today: date | datetime) -> AwardCandidates:
    """The candidates computed now from the data (``rank_departments``), or the office's imported decision."""
    ranking = rank_departments(department_scores(conn, quarter, settings, today), settings)
    return proposals(ranking, decided_awards(conn, quarter))


def _tie_words(tie_rule: str) -> str:
    return "同分按考核事项多者在前" if tie_rule == TIE_BY_ITEMS else "同分并列"


def ranking_rule(settings: Settings) -> str:
    """The rule a ranking is computed by, in words, shown with every ranking."""
    weights = settings.award_weights
    parts = "、".join(f"{PART_LABELS[p]} {weights[p] * 100:g}%" for p in PARTS if weights.get(p))
    minimum = max(settings.award_min_items, 1)
    tie = _tie_words(settings.award_tie_rule)
    return f"规则 {settings.award_rule_version}：权重 {parts}；考核事项不少于 {minimum} 件方参与排名；{tie}"
