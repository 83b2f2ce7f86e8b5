"""自上次调度会以来 (issue 16): what a marked 调度会 remembers of the battle map, and what changed since then.

A mark keeps a small snapshot of the whole city as of its meeting (``take_snapshot``): each project's colour by
project no (with its name and department), the appeals and 清障 issues open and overdue then (by ticket / issue no,
with their department and due time), and the latest overall and 重点指标领域 provincial ranks. ``since_meeting`` is the
one definition of the difference between that snapshot and today's; the meeting view (/) and the brief show it.
Writing a mark is ``etl.service.mark_meeting``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from config import RagRule
from data.metrics.appeals import APPEAL, ap, overdue_rows
from data.metrics.clearance import overdue_issues
from data.metrics.evaluation import key_ranks, overall_ranks, rank_movement
from data.metrics.projects import project_board
from data.metrics.scope import DEPARTMENT, Scope
from data.schema import MeetingMark

MARK = MeetingMark.__table__
RANKINGS = {"overall": "全省营商环境评价综合排名", "key": "重点指标领域排名"}
NOT_MARKED = "未标记调度会"


TITLE_CHARS = 100  # MeetingMark.title


class MarkError(ValueError):
    """A meeting that cannot be marked; the message says why, in Chinese."""


def mark_title(text: str | None) -> str | None:
    """A mark's title as kept: trimmed, None when blank; ``MarkError`` past ``TITLE_CHARS`` characters."""
    title = (text or "").strip()
    if len(title) > TITLE_CHARS:
        raise MarkError(f"调度会名称最多 {TITLE_CHARS} 个字，现为 {len(title)} 个字")
    return title or None


@dataclass(frozen=True)
class Mark:
    id: int
    meeting_on: date
    as_of: datetime
    marked_at: datetime
    marked_by: str
    snapshot: dict[str, Any]
    title: str | None = None

    @property
    def name(self) -> str:
        """How the meeting is named on screen and in the brief: ``2026-12-03 调度会（第 12 次调度会）``."""
        return f"{self.meeting_on:%Y-%m-%d} 调度会" + (f"（{self.title}）" if self.title else "")


@dataclass(frozen=True)
class ColourChange:
    project_no: str
    name: str
    department: str
    before: str | None  # None: the project was not on the board at the meeting
    after: str


@dataclass(frozen=True)
class ItemChange:
    """An appeal (ticket no) or a 清障 issue (issue no) that became overdue or stopped being overdue."""

    key: str
    title: str
    department: str
    due: str


@dataclass(frozen=True)
class RankMove:
    ranking: str  # a key of RANKINGS
    before_period: str | None
    before_rank: int | None
    after_period: str | None
    after_rank: int | None
    movement: int | None  # before − after: positive = moved up (16 → 12 is +4)


@dataclass(frozen=True)
class SinceMeeting:
    newly_red: tuple[ColourChange, ...] = ()
    newly_yellow: tuple[ColourChange, ...] = ()
    eased: tuple[ColourChange, ...] = ()
    turned_green: tuple[ColourChange, ...] = ()
    appeals_overdue: tuple[ItemChange, ...] = ()
    appeals_closed: tuple[ItemChange, ...] = ()
    issues_overdue: tuple[ItemChange, ...] = ()
    issues_closed: tuple[ItemChange, ...] = ()
    rank_moves: tuple[RankMove, ...] = field(default=())


def snapshot_scope(meeting_on: date, now: datetime) -> Scope:
    """The instant a mark of ``meeting_on`` describes when it is made at ``now`` (local time): ``now`` itself on
    the meeting day, the end of the day (23:59:59.999999) for an earlier day; a later day cannot be marked."""
    if meeting_on > now.date():
        raise MarkError(f"调度会日期 {meeting_on:%Y-%m-%d} 还没有到，不能标记")
    return Scope.at(now) if meeting_on == now.date() else Scope(today=meeting_on)


def _latest_rank(ranks: pd.DataFrame) -> dict[str, Any] | None:
    known = ranks.dropna(subset=["rank"])
    if known.empty:
        return None
    last = known.iloc[-1]
    return {"period": str(last["period"]), "rank": int(last["rank"])}


def _overdue_appeals(conn: Connection, scope: Scope) -> dict[str, list[str]]:
    query = (
        select(ap.ticket_no, ap.category, DEPARTMENT.c.name, ap.due_at)
        .select_from(APPEAL.join(DEPARTMENT, DEPARTMENT.c.id == ap.department_id))
        .where(*overdue_rows(scope))
    )
    return {no: [title or "", dept, f"{due:%Y-%m-%d %H:%M}"] for no, title, dept, due in conn.execute(query)}


def take_snapshot(conn: Connection, rule: RagRule, scope: Scope) -> dict[str, Any]:
    """The city's state as of ``scope`` (its period and filters are ignored: a mark is of the whole city)."""
    city = Scope(today=scope.today, now=scope.now)
    issues = overdue_issues(conn, city)
    return {
        "projects": {
            p.project_no: [p.rag.status, p.name, p.department] for p in project_board(conn, city, rule, kind=None)
        },
        "appeals": _overdue_appeals(conn, city),
        "issues": {r.issue_no: [r.title, r.department, f"{r.due_on:%Y-%m-%d}"] for r in issues.itertuples(index=False)},
        "ranks": {"overall": _latest_rank(overall_ranks(conn)), "key": _latest_rank(key_ranks(conn))},
    }


def _colour(no: str, before: list[str] | None, after: list[str]) -> ColourChange:
    return ColourChange(no, after[1], after[2], before[0] if before else None, after[0])


def _items(keys: set[str], source: dict[str, list[str]]) -> tuple[ItemChange, ...]:
    return tuple(ItemChange(k, *source[k]) for k in sorted(keys, key=lambda k: (source[k][2], k)))


def since_meeting(marked: dict[str, Any], current: dict[str, Any]) -> SinceMeeting:
    """What changed between the snapshot of a marked meeting and ``current`` (both from ``take_snapshot``).

    口径：自上次调度会以来 —
    新增红灯 = 现在红、调度会时不是红（黄→红、绿→红，或当时不在项目表中）；
    新增黄灯 = 现在黄、调度会时是绿或不在项目表中；
    由红转黄 = 现在黄、调度会时红；
    转为绿灯 = 现在绿、调度会时红或黄；
    新增逾期（诉求、清障问题各自）= 现在逾期未办结、调度会时不在逾期未办结之列；
    已办结 / 已销号 = 调度会时逾期未办结、现在不再逾期未办结；
    排名变化 = 综合排名与重点指标领域排名各自的最新一期，名次或期别与调度会时不同者（变化 = 当时名次 − 现在名次，
    正数为上升，如 16→12 为 +4）。
    Each list is by project no, or by due time then number."""
    before, after = marked["projects"], current["projects"]
    lists: dict[str, list[ColourChange]] = {"red": [], "yellow": [], "eased": [], "green": []}
    for no in sorted(after):
        was = before.get(no, [None])[0]
        now = after[no][0]
        if now == "red" and was != "red":
            lists["red"].append(_colour(no, before.get(no), after[no]))
        elif now == "yellow" and was in (None, "green"):
            lists["yellow"].append(_colour(no, before.get(no), after[no]))
        elif now == "yellow" and was == "red":
            lists["eased"].append(_colour(no, before.get(no), after[no]))
        elif now == "green" and was in ("red", "yellow"):
            lists["green"].append(_colour(no, before.get(no), after[no]))
    moves = []
    for ranking in RANKINGS:
        then, latest = marked["ranks"].get(ranking), current["ranks"].get(ranking)
        if then == latest:
            continue
        then, latest = then or {}, latest or {}
        moves.append(
            RankMove(
                ranking,
                then.get("period"),
                then.get("rank"),
                latest.get("period"),
                latest.get("rank"),
                rank_movement(then.get("rank"), latest.get("rank")),
            )
        )
    old_appeals, new_appeals = marked["appeals"], current["appeals"]
    old_issues, new_issues = marked["issues"], current["issues"]
    return SinceMeeting(
        newly_red=tuple(lists["red"]),
        newly_yellow=tuple(lists["yellow"]),
        eased=tuple(lists["eased"]),
        turned_green=tuple(lists["green"]),
        appeals_overdue=_items(set(new_appeals) - set(old_appeals), new_appeals),
        appeals_closed=_items(set(old_appeals) - set(new_appeals), old_appeals),
        issues_overdue=_items(set(new_issues) - set(old_issues), new_issues),
        issues_closed=_items(set(old_issues) - set(new_issues), old_issues),
        rank_moves=tuple(moves),
    )


def _mark(row: Any) -> Mark:
    snapshot = json.loads(row.snapshot)
    return Mark(row.id, row.meeting_on, row.as_of, row.marked_at, row.marked_by, snapshot, row.title)


def marks(conn: Connection, limit: int = 50) -> list[Mark]:
    """The latest marks, newest meeting first (the latest marking first on one day)."""
    query = select(MARK).order_by(MARK.c.meeting_on.desc(), MARK.c.id.desc()).limit(limit)
    return [_mark(row) for row in conn.execute(query)]


def latest_mark(conn: Connection) -> Mark | None:
    found = marks(conn, limit=1)
    return found[0] if found else None


def since_last_meeting(conn: Connection, rule: RagRule, now: datetime) -> tuple[Mark, SinceMeeting] | None:
    """The latest mark and what changed since it, as of ``now``; None when no meeting is marked."""
    mark = latest_mark(conn)
    if mark is None:
        return None
    return mark, since_meeting(mark.snapshot, take_snapshot(conn, rule, Scope.at(now)))
