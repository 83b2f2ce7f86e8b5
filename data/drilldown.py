"""The rows behind every number of the meeting view, with the same filters as the metric that counts them.

A ``Measure`` names the rows behind one figure (应办结诉求, 逾期未销号, 差评未按期整改 …); its clauses are taken
from the metric modules, so ``len(rows(...)) == count(...) ==`` the metric's own count for the same ``Scope``.
Appeal rows carry the complainant's text and contact: they are personal data, for views behind a login only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, FromClause, Select, and_, func, not_, or_, select

from config import RagRule
from config.settings import DEFAULT_UNVISITED_DAYS
from data import drilldown_programmes as programmes
from data import drilldown_subjects as subjects
from data.metrics import appeals as appeal_metrics
from data.metrics import deadline
from data.metrics.appeals import APPEAL, ap
from data.metrics.clearance import ISSUE, closed_clause, iss, open_past_due_clause
from data.metrics.projects import project_board
from data.metrics.rate import Tally
from data.metrics.refusals import REFUSAL, refused_clauses, rf
from data.metrics.reviews import BAD, REVIEW, bad_due_clauses, bad_review_tally, review_tally, reviewed_clauses, rv
from data.metrics.scope import DEPARTMENT, REGION, Scope, not_after, scope_where
from data.status import STATUSES

Where = Callable[[Scope], list[ColumnElement[bool]]]
PROJECT_KINDS = {"projects": "为企办实事", "key_projects": "重点项目"}
"""The board (``kind``) of each project measure subject: ``projects.red`` = red 为企办实事, ``key_projects.red`` =
red 重点项目."""


@dataclass(frozen=True)
class Measure:
    """``where``: the fact rows behind the figure; ``tally``: the same count from a summary table, where one
    exists (tests/test_summaries.py holds ``count == len(rows)`` for each)."""

    key: str
    label: str
    subject: str
    where: Where | None = None
    tally: Callable[[Scope], Tally] | None = None


def _issues_closed(scope: Scope) -> list[ColumnElement[bool]]:
    return [*scope_where(scope, ISSUE, iss.found_on), closed_clause(scope)]


def _bad_late(scope: Scope) -> list[ColumnElement[bool]]:
    """差评未按期整改: the 差评整改率 denominator less those rectified on or before their due date."""
    on_time = and_(rv.rectified_on.is_not(None), deadline.on_time(rv.rectify_due, rv.rectified_on))
    return [*bad_due_clauses(scope), not_(on_time)]


def _not_escalated(scope: Scope) -> list[ColumnElement[bool]]:
    """说"不"未提级: refusals of the period not escalated (by today) before the enterprise was told."""
    escalated_first = and_(
        not_after(rf.escalated_on, scope.today), or_(rf.told_on.is_(None), rf.escalated_on <= rf.told_on)
    )
    return [*refused_clauses(scope), not_(func.coalesce(escalated_first, False))]


def _project_measures(subject: str, label: str, prefix: str) -> tuple[Measure, ...]:
    """The board of ``subject``: all of it, and each colour (labelled by its word, ``prefix`` before 项目)."""
    colours = (Measure(f"{subject}.{s.code}", f"{s.word}{prefix}项目", subject) for s in STATUSES.values())
    return (Measure(f"{subject}.all", label, subject), *colours)


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure("appeals.received", "受理诉求", "appeals", appeal_metrics.received_rows, appeal_metrics.received_tally),
        Measure("appeals.due", "应办结诉求", "appeals", appeal_metrics.due_rows, appeal_metrics.due_tally),
        Measure(
            "appeals.on_time", "按时办结诉求", "appeals", appeal_metrics.on_time_rows, appeal_metrics.on_time_tally
        ),
        Measure(
            "appeals.overdue", "逾期未办结诉求", "appeals", appeal_metrics.overdue_rows, appeal_metrics.overdue_tally
        ),
        Measure("appeals.rated", "已评价诉求", "appeals", appeal_metrics.rated_rows, appeal_metrics.rated_tally),
        Measure("clearance.found", "清障问题", "clearance", lambda s: scope_where(s, ISSUE, iss.found_on)),
        Measure("clearance.closed", "已销号问题", "clearance", _issues_closed),
        Measure(
            "clearance.overdue",
            "逾期未销号问题",
            "clearance",
            lambda s: [*scope_where(s, ISSUE, iss.found_on), open_past_due_clause(s)],
        ),
        Measure("reviews.all", "好差评", "reviews", reviewed_clauses, review_tally),
        Measure("reviews.bad", "差评", "reviews", lambda s: [*reviewed_clauses(s), BAD], bad_review_tally),
        Measure("reviews.bad_late", "差评未按期整改", "reviews", _bad_late),
        Measure("refusals.all", "对企业说“不”", "refusals", refused_clauses),
        Measure("refusals.not_escalated", "说“不”未提级", "refusals", _not_escalated),
        *_project_measures("projects", "为企办实事项目", ""),
        *_project_measures("key_projects", "重点项目", "重点"),
        *(Measure(key, label, key.split(".")[0]) for key, label in programmes.MEASURE_LABELS.items()),
        *(Measure(key, label, key.split(".")[0]) for key, label in subjects.MEASURE_LABELS.items()),
    )
}

LABELS: dict[str, str] = {
    "ticket_no": "诉求编号",
    "enterprise": "企业名称",
    "region": "县区/园区",
    "department": "承办单位",
    "category": "诉求类别",
    "channel": "来源渠道",
    "received_at": "受理时间",
    "due_at": "办理时限",
    "closed_at": "办结时间",
    "status": "办理状态",
    "resolution": "办理结果",
    "satisfaction": "满意度",
    "content": "诉求内容",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "issue_no": "问题编号",
    "title": "问题描述",
    "origin": "问题来源",
    "stage": "清单阶段",
    "rectify_type": "整改类型",
    "found_on": "发现日期",
    "due_on": "整改时限",
    "closed_on": "销号日期",
    "batch": "销号批次",
    "review_no": "评价编号",
    "service_name": "服务事项",
    "reviewed_at": "评价时间",
    "level": "评价等级",
    "is_real_name": "实名",
    "rectify_due": "整改时限",
    "rectified_on": "整改日期",
    "refusal_no": "编号",
    "appeal_ticket_no": "关联诉求",
    "reason": "不予支持理由",
    "refused_on": "答复日期",
    "escalated_on": "提级日期",
    "escalated_to": "提级至",
    "told_on": "告知企业日期",
    "decision": "复核结论",
    "project_no": "项目编号",
    "name": "项目名称",
    "word": "状态",
    "override": "人工认定",
    "reasons": "判定依据",
    "blocker": "卡点（首个逾期节点）",
    "time_progress": "时间进度",
    "milestone_progress": "节点完成度",
    **programmes.LABELS,
    **subjects.LABELS,
}
PERSONAL = ("content", "contact_name", "contact_phone")


def _appeal_rows() -> Select[Any]:
    return subjects.appeal_listing().add_columns(*(ap[c] for c in PERSONAL))


def _issue_rows() -> Select[Any]:
    source = ISSUE.join(DEPARTMENT, DEPARTMENT.c.id == iss.department_id).join(REGION, REGION.c.id == iss.region_id)
    return select(
        iss.issue_no,
        iss.title,
        iss.origin,
        DEPARTMENT.c.name.label("department"),
        REGION.c.name.label("region"),
        iss.stage,
        iss.rectify_type,
        iss.found_on,
        iss.due_on,
        iss.closed_on,
        iss.batch,
    ).select_from(source)


def _review_rows() -> Select[Any]:
    source = REVIEW.join(DEPARTMENT, DEPARTMENT.c.id == rv.department_id)
    columns = (rv.channel, rv.reviewed_at, rv.level, rv.is_real_name, rv.rectify_due, rv.rectified_on)
    return select(rv.review_no, rv.service_name, DEPARTMENT.c.name.label("department"), *columns).select_from(source)


def _refusal_rows() -> Select[Any]:
    source = REFUSAL.join(DEPARTMENT, DEPARTMENT.c.id == rf.department_id)
    columns = (rf.reason, rf.refused_on, rf.escalated_on, rf.escalated_to, rf.told_on, rf.decision)
    return select(rf.refusal_no, rf.appeal_ticket_no, DEPARTMENT.c.name.label("department"), *columns).select_from(
        source
    )


_ROWS: dict[str, tuple[Callable[[], Select[Any]], FromClause, ColumnElement[Any]]] = {
    "appeals": (_appeal_rows, APPEAL, ap.ticket_no),
    "clearance": (_issue_rows, ISSUE, iss.issue_no),
    "reviews": (_review_rows, REVIEW, rv.review_no),
    "refusals": (_refusal_rows, REFUSAL, rf.refusal_no),
}


def measure(key: str) -> Measure:
    try:
        return MEASURES[key]
    except KeyError:
        raise ValueError(f"未知的指标明细 {key!r}") from None


def project_rows(
    conn: Connection, scope: Scope, rule: RagRule, status: str | None = None, kind: str = "为企办实事"
) -> pd.DataFrame:
    """The board of ``kind`` (为企办实事, or 重点项目) as rows: colour word, whether it is a manual override, the
    rule's reasons, the 卡点."""
    rows = []
    for p in project_board(conn, scope, rule, kind):
        if status is not None and p.rag.status != status:
            continue
        late = p.rag.first_overdue
        blocker = f"{late.name}（计划 {late.planned_on}，逾期 {late.days_late} 天）" if late else ""
        override = f"人工认定（{p.rag.override_reason or '未填写原因'}）" if p.rag.is_override else ""
        rows.append(
            {
                "project_no": p.project_no,
                "name": p.name,
                "department": p.department,
                "region": p.region,
                "word": p.rag.word,
                "status": p.rag.status,
                "override": override,
                "reasons": "；".join(p.rag.reasons),
                "blocker": blocker,
                "time_progress": round(p.time_progress * 100, 1),
                "milestone_progress": round(p.milestone_progress * 100, 1),
            }
        )
    columns = ["project_no", "name", "department", "region", "word", "status", "override", "reasons", "blocker"]
    return pd.DataFrame(rows, columns=[*columns, "time_progress", "milestone_progress"])


def rows(
    conn: Connection,
    scope: Scope,
    key: str,
    rule: RagRule,
    limit: int | None = None,
    *,
    unvisited_days: int = DEFAULT_UNVISITED_DAYS,
) -> pd.DataFrame:
    """The rows behind measure ``key`` for ``scope`` (English column names; ``LABELS`` gives the headers);
    ``unvisited_days`` is the window of ``visits.unvisited`` (``[visits] unvisited_days``)."""
    m = measure(key)
    if m.subject in subjects.SUBJECTS:
        return subjects.rows(conn, scope, key, unvisited_days, limit)
    if m.subject in PROJECT_KINDS or m.subject in programmes.BUILDERS:
        if m.subject in PROJECT_KINDS:
            status = key.split(".")[1]
            frame = project_rows(conn, scope, rule, None if status == "all" else status, PROJECT_KINDS[m.subject])
        else:
            frame = programmes.BUILDERS[m.subject](conn, scope, key, rule)
        return frame.head(limit) if limit else frame
    query = _listing(m, scope)
    if limit:
        query = query.limit(limit)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=list(query.selected_columns.keys()))


def _listing(m: Measure, scope: Scope) -> Select[Any]:
    build, _table, order = _ROWS[m.subject]
    assert m.where is not None
    return build().where(*m.where(scope)).order_by(order)


def row_chunks(
    conn: Connection,
    scope: Scope,
    key: str,
    rule: RagRule,
    size: int = 20_000,
    *,
    unvisited_days: int = DEFAULT_UNVISITED_DAYS,
) -> Iterator[pd.DataFrame]:
    """``rows`` a chunk of at most ``size`` rows at a time (the first one even when there are none), fetched as
    they are read, so an export of a million rows never holds them all."""
    m = measure(key)
    if m.subject in subjects.SUBJECTS:
        query = subjects.listing(scope, key, unvisited_days)
    elif m.subject in PROJECT_KINDS or m.subject in programmes.BUILDERS:
        query = None
    else:
        query = _listing(m, scope)
    if query is None:  # built in Python, and small: one chunk
        yield rows(conn, scope, key, rule, unvisited_days=unvisited_days)
        return
    columns = list(query.selected_columns.keys())
    result = conn.execution_options(yield_per=size).execute(query).mappings()
    empty = True
    for part in result.partitions(size):
        empty = False
        yield pd.DataFrame(part, columns=columns)
    if empty:
        yield pd.DataFrame([], columns=columns)


def count(
    conn: Connection, scope: Scope, key: str, rule: RagRule, *, unvisited_days: int = DEFAULT_UNVISITED_DAYS
) -> int:
    """How many rows ``rows`` returns for the same arguments, without fetching them."""
    m = measure(key)
    if m.subject in subjects.SUBJECTS:
        return subjects.count(conn, scope, key, unvisited_days)
    if m.subject in PROJECT_KINDS or m.subject in programmes.BUILDERS:
        return len(rows(conn, scope, key, rule))
    if m.tally is not None:
        return m.tally(scope).count(conn)
    _build, table, _order = _ROWS[m.subject]
    assert m.where is not None
    return int(conn.execute(select(func.count()).select_from(table).where(*m.where(scope))).scalar_one())


def count_by_department(
    conn: Connection, scope: Scope, key: str, *, unvisited_days: int = DEFAULT_UNVISITED_DAYS
) -> dict[str, int]:
    """``count`` for each department at once (departments with no rows are absent); projects are not grouped here."""
    m = measure(key)
    if m.subject in subjects.SUBJECTS:
        return subjects.count_by_department(conn, scope, key, unvisited_days)
    if m.tally is not None:
        tally = m.tally(scope)
        joined = tally.source.join(DEPARTMENT, DEPARTMENT.c.id == tally.source.c.department_id)
        return tally.count_by(conn, DEPARTMENT.c.name, joined)
    _build, table, _order = _ROWS[m.subject]
    assert m.where is not None
    query = (
        select(DEPARTMENT.c.name, func.count())
        .select_from(table.join(DEPARTMENT, DEPARTMENT.c.id == table.c.department_id))
        .where(*m.where(scope))
        .group_by(DEPARTMENT.c.name)
    )
    return {name: int(n) for name, n in conn.execute(query)}
