"""A quarter's 骏马奖 / 蜗牛奖 standings as every surface shows them: the issued (stored) ranking of a closed quarter,
or — for the running quarter, or a closed one not issued yet — the ranking computed now, marked provisional with its
as-of time. Also which quarter the surfaces show, and the issue/re-issue writes (called by ``etl.quarters``).

Issued standings are read as stored: later data, colour overrides or new weights never change them; a correction
is a new issue with its reason (``award_issue.version`` + 1).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, func, insert, select

from config import Settings
from data.metrics.awards import (
    PARTS,
    AwardCandidates,
    decided_awards,
    department_scores,
    proposals,
    rank_departments,
    ranking_rule,
)
from data.metrics.scope import Scope, period_bounds, quarter_of
from data.schema import AwardIssue, AwardStanding

ISSUE = AwardIssue.__table__
STANDING = AwardStanding.__table__
COLUMNS = ["department", "rank", "score", "items", "standing", *PARTS, "triggers", "proposal"]
RUNNING = "本季度·暂计"


@dataclass(frozen=True)
class Standings:
    """``rows``: the columns of ``COLUMNS``, ranked first. ``version`` is None for a ranking computed now (not
    issued); ``rule`` is the rule in words, as issued (or as configured, when computed now)."""

    quarter: str
    rows: pd.DataFrame
    as_of: datetime
    rule: str
    version: int | None = None
    issued_at: datetime | None = None
    issued_by: str | None = None
    reason: str | None = None
    running: bool = False

    @property
    def issued(self) -> bool:
        return self.version is not None

    @property
    def label(self) -> str:
        """E.g. ``2026Q3 · 已发布（第 1 版）`` or ``2026Q4 · 本季度·暂计（截至 12-02 14:30）``."""
        if self.issued:
            again = f"，{self.reason}" if self.version and self.version > 1 and self.reason else ""
            return f"{self.quarter} · 已发布（第 {self.version} 版{again}）"
        state = RUNNING if self.running else "暂计·尚未发布"
        return f"{self.quarter} · {state}（截至 {self.as_of:%m-%d %H:%M}）"

    def candidates(self, conn: Connection) -> AwardCandidates:
        return proposals(self.rows, decided_awards(conn, self.quarter))


def quarter_end(quarter: str) -> datetime:
    """The instant a quarter closes: the midnight after its last day."""
    return datetime.combine(period_bounds(quarter)[1] + timedelta(days=1), time.min)


def last_closed_quarter(today: date) -> str:
    start, _end = period_bounds(quarter_of(today))
    return quarter_of(start - timedelta(days=1))


def shown_quarter(scope: Scope) -> str:
    """The quarter whose standings a surface shows: the quarter the scope's period is, when it is exactly one;
    otherwise the last closed quarter — the same on the wall, in the meeting view, the department view and the
    brief."""
    if scope.start is not None:
        quarter = quarter_of(scope.start)
        start, end = period_bounds(quarter)
        if scope.start == start and scope.end is not None and (scope.end == end or quarter == quarter_of(scope.today)):
            return quarter
    return last_closed_quarter(scope.today)


def shown_standings(conn: Connection, scope: Scope, settings: Settings) -> Standings:
    """The standings of ``shown_quarter(scope)`` as of the scope's instant."""
    return quarter_standings(conn, shown_quarter(scope), settings, scope.moment)


def compute_ranking(conn: Connection, quarter: str, settings: Settings, as_of: datetime) -> pd.DataFrame:
    """The ranking computed from the data now in the store, as of ``as_of`` (or the quarter's end if earlier)."""
    ranking = rank_departments(department_scores(conn, quarter, settings, as_of), settings)
    return ranking[COLUMNS]


def _latest_issue(conn: Connection, quarter: str) -> dict | None:
    query = select(ISSUE).where(ISSUE.c.period == quarter).order_by(ISSUE.c.version.desc()).limit(1)
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def _stored_rows(conn: Connection, issue_id: int) -> pd.DataFrame:
    query = select(STANDING).where(STANDING.c.issue_id == issue_id).order_by(STANDING.c.id)
    rows = []
    for row in conn.execute(query).mappings():
        parts = json.loads(row["parts"])
        rows.append(
            {
                **{c: row[c] for c in ("department", "rank", "score", "items", "standing", "proposal")},
                **{p: parts.get(p, float("nan")) for p in PARTS},
                "triggers": json.loads(row["triggers"]),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["score"] = frame["score"].astype(float)
    return frame


def quarter_standings(conn: Connection, quarter: str, settings: Settings, now: datetime) -> Standings:
    """The issued standings of ``quarter`` (latest version), or the ranking computed now if it has none."""
    issue = _latest_issue(conn, quarter)
    if issue is not None:
        return Standings(
            quarter=quarter,
            rows=_stored_rows(conn, issue["id"]),
            as_of=issue["as_of"],
            rule=json.loads(issue["weights"]).get("rule", ""),
            version=issue["version"],
            issued_at=issue["issued_at"],
            issued_by=issue["issued_by"],
            reason=issue["reason"],
        )
    closes = quarter_end(quarter)
    as_of = min(now, closes)
    return Standings(
        quarter=quarter,
        rows=compute_ranking(conn, quarter, settings, as_of if now < closes else period_bounds(quarter)[1]),
        as_of=as_of,
        rule=ranking_rule(settings),
        running=now < closes,
    )


def issue_standings(
    conn: Connection, quarter: str, settings: Settings, now: datetime, issued_by: str, reason: str | None = None
) -> int:
    """Store ``quarter``'s ranking as computed now from the data (as of the quarter's end) as its next version;
    returns the version. Inside the caller's write transaction."""
    last_day = period_bounds(quarter)[1]
    if now < quarter_end(quarter):
        raise ValueError(f"{quarter} 尚未结束（{last_day} 24:00 结束），不能发布")
    version = (conn.execute(select(func.max(ISSUE.c.version)).where(ISSUE.c.period == quarter)).scalar() or 0) + 1
    ranking = compute_ranking(conn, quarter, settings, last_day)
    rule = {"rule": ranking_rule(settings), "weights": settings.award_weights}
    issue_id = conn.execute(
        insert(ISSUE).values(
            period=quarter,
            version=version,
            rule_version=settings.award_rule_version,
            weights=json.dumps(rule, ensure_ascii=False),
            min_items=settings.award_min_items,
            tie_rule=settings.award_tie_rule,
            as_of=quarter_end(quarter),
            issued_at=now,
            issued_by=issued_by,
            reason=reason,
        )
    ).inserted_primary_key[0]
    lines = [
        {
            "issue_id": issue_id,
            "department": row["department"],
            "rank": None if pd.isna(row["rank"]) else int(row["rank"]),
            "score": None if pd.isna(row["score"]) else float(row["score"]),
            "items": int(row["items"]),
            "standing": row["standing"],
            "parts": json.dumps({p: row[p] for p in PARTS if not pd.isna(row[p])}),
            "triggers": json.dumps(list(row["triggers"]), ensure_ascii=False),
            "proposal": row["proposal"],
        }
        for _i, row in ranking.iterrows()
    ]
    if lines:
        conn.execute(insert(STANDING), lines)
    return version


def issued_quarters(conn: Connection) -> dict[str, int]:
    """Each issued quarter and its latest version."""
    query = select(ISSUE.c.period, func.max(ISSUE.c.version)).group_by(ISSUE.c.period)
    return {period: int(version) for period, version in conn.execute(query)}


def issue_history(conn: Connection) -> pd.DataFrame:
    """Every issue, newest first: period, version, rule_version, as_of, issued_at, issued_by, reason."""
    columns = ["period", "version", "rule_version", "as_of", "issued_at", "issued_by", "reason"]
    query = select(*(ISSUE.c[c] for c in columns)).order_by(ISSUE.c.period.desc(), ISSUE.c.version.desc())
    return pd.DataFrame(conn.execute(query).all(), columns=columns)
