"""为企办实事 / key projects: the red / yellow / green rule of DESIGN §4 (a pure function), time, investment and
milestone progress, and the project board read from the store.

Projects and milestones are few (tens to hundreds), so they are loaded and coloured in Python, every time, from
their milestones: a colour is never stored.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from config import RagRule
from data.metrics import deadline
from data.metrics.scope import DEPARTMENT, REGION, Scope, scope_where
from data.schema import Milestone, Progress, Project
from data.status import STATUS_ORDER, STATUSES, status_word

PROJECT = Project.__table__
MILESTONE = Milestone.__table__
PROGRESS = Progress.__table__
prj = PROJECT.c

_OVERRIDE_ALIASES = {
    **{code: code for code in STATUSES},
    **{status.word: code for code, status in STATUSES.items()},
    "红": "red",
    "红灯": "red",
    "黄": "yellow",
    "黄灯": "yellow",
    "绿": "green",
    "绿灯": "green",
}


@dataclass(frozen=True)
class MilestoneFact:
    """One 倒排工期 node: ``weight`` None = an equal share; done when ``done_on`` is on or before today."""

    name: str
    planned_on: date
    weight: float | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class OverdueMilestone:
    """The 卡点: the earliest-planned milestone that is past its planned date and not done."""

    name: str
    planned_on: date
    days_late: int


@dataclass(frozen=True)
class RagResult:
    """A project's colour with its word, the figures behind it and the reasons, in Chinese, for the wall."""

    status: str
    word: str
    gap: float
    late_days: int
    first_overdue: OverdueMilestone | None
    reasons: tuple[str, ...]
    is_override: bool = False
    override_reason: str | None = None
    computed_status: str | None = None


@dataclass(frozen=True)
class ProgressFact:
    """A monthly report: ``month`` is 'YYYY-MM', investment in 万元."""

    month: str
    investment_to_date: float | None


@dataclass(frozen=True)
class ProjectStatus:
    project_no: str
    name: str
    kind: str
    department: str
    region: str | None
    rag: RagResult
    time_progress: float
    investment_completion: float | None
    milestone_progress: float


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clipped to the month's length (Nov 30 + 3 months = Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def normalised_weights(milestones: Sequence[MilestoneFact]) -> list[float]:
    """Weights divided by their total. A missing weight takes the mean of the given ones (all missing, or a total
    of zero: equal shares)."""
    if not milestones:
        return []
    given = [m.weight for m in milestones if m.weight is not None]
    filler = sum(given) / len(given) if given else 1.0
    raw = [filler if m.weight is None else m.weight for m in milestones]
    total = sum(raw)
    if total <= 0:
        return [1 / len(milestones)] * len(milestones)
    return [weight / total for weight in raw]


def _is_done(milestone: MilestoneFact, today: date) -> bool:
    return deadline.day_done(milestone.done_on, today)


def milestone_progress(milestones: Sequence[MilestoneFact], today: date) -> float:
    """Σ normalised weights of the milestones done by ``today`` (0–1; 0 with no milestones)."""
    weights = normalised_weights(milestones)
    return sum(w for m, w in zip(milestones, weights, strict=True) if _is_done(m, today))


def _first_overdue(milestones: Sequence[MilestoneFact], today: date, today_is_over: bool) -> OverdueMilestone | None:
    late = [m for m in milestones if not _is_done(m, today) and deadline.day_passed(m.planned_on, today, today_is_over)]
    if not late:
        return None
    first = min(late, key=lambda m: m.planned_on)
    return OverdueMilestone(first.name, first.planned_on, (today - first.planned_on).days)


def _points(gap: float) -> str:
    return f"{round(gap, 1):g}"


def project_rag(
    milestones: Sequence[MilestoneFact],
    *,
    today: date,
    planned_start: date | None,
    actual_start: date | None,
    is_blocked: bool,
    rule: RagRule,
    override_status: str | None = None,
    override_reason: str | None = None,
    blocked_reason: str | None = None,
    today_is_over: bool = True,
) -> RagResult:
    """The red / yellow / green rule of DESIGN §4, as of the end of ``today`` (or, with ``today_is_over`` false,
    during it: a milestone planned today is then not yet due)::

        expected = Σ normalised weight of milestones owed: planned before today (or on it, once it is over), or done
        actual   = Σ normalised weight of milestones done on or before today
        gap      = (expected − actual) × 100 points, rounded to 6 decimals (float noise cannot flip a threshold)
        late     = today − planned date of the most overdue open milestone, in days (0 if none)
        started  = actual start on or before today, or any milestone done
        red     blocked, gap > gap_red_points, late > late_red_days,
                or not started and today ≥ planned start + not_started_red_months months
        yellow  gap > gap_yellow_points, late > late_yellow_days,
                or not started and today after the end of the planned start's month
        green   otherwise

    Each status is shown with its word from ``data.status``.
    ``reasons`` names every condition at yellow level or worse. A manual override (red/yellow/green or its word)
    replaces the status, keeps the computed reasons and ``computed_status``, and sets ``is_override``.
    """
    weights = normalised_weights(milestones)
    pairs = list(zip(milestones, weights, strict=True))
    expected = sum(w for m, w in pairs if deadline.day_owed(m.planned_on, m.done_on, today, today_is_over))
    actual = sum(w for m, w in pairs if _is_done(m, today))
    gap = round((expected - actual) * 100, 6)
    first_overdue = _first_overdue(milestones, today, today_is_over)
    late = first_overdue.days_late if first_overdue else 0
    started = (actual_start is not None and actual_start <= today) or any(_is_done(m, today) for m in milestones)
    not_started_red = not_started_yellow = False
    if not started and planned_start is not None:
        not_started_red = today >= add_months(planned_start, rule.not_started_red_months)
        not_started_yellow = today > _month_end(planned_start)

    reasons: list[str] = []
    if is_blocked:
        reasons.append(f"项目受阻：{blocked_reason}" if blocked_reason else "项目受阻")
    if not_started_red:
        reasons.append(f"计划 {planned_start} 开工，超过 {rule.not_started_red_months} 个月仍未开工")
    elif not_started_yellow:
        reasons.append(f"计划 {planned_start} 开工，至今未开工")
    if gap > rule.gap_yellow_points:
        reasons.append(f"落后序时进度 {_points(gap)} 个百分点")
    if late > rule.late_yellow_days and first_overdue is not None:
        reasons.append(f"节点「{first_overdue.name}」逾期 {late} 天")

    if is_blocked or gap > rule.gap_red_points or late > rule.late_red_days or not_started_red:
        computed = "red"
    elif gap > rule.gap_yellow_points or late > rule.late_yellow_days or not_started_yellow:
        computed = "yellow"
    else:
        computed = "green"

    status, is_override = computed, False
    if override_status:
        overridden = _OVERRIDE_ALIASES.get(override_status.strip().lower())
        if overridden is None:
            reasons.append(f"人工认定状态「{override_status}」无法识别，按计算结果显示")
        else:
            status, is_override = overridden, True
    return RagResult(
        status=status,
        word=status_word(status),
        gap=gap,
        late_days=late,
        first_overdue=first_overdue,
        reasons=tuple(reasons),
        is_override=is_override,
        override_reason=override_reason if is_override else None,
        computed_status=computed,
    )


def rag_rule_text(rule: RagRule) -> tuple[str, str, str]:
    """The rule of :func:`project_rag` in Chinese, with the configured thresholds, one line per colour (for the
    meeting view's hover and the brief)."""
    red, yellow, green = (f"{STATUSES[code].colour_name}灯（{STATUSES[code].word}）" for code in STATUS_ORDER)
    return (
        f"{red}：项目受阻，或落后序时进度超过 {rule.gap_red_points:g} 个百分点，或节点逾期超过 "
        f"{rule.late_red_days} 天，或计划开工 {rule.not_started_red_months} 个月后仍未开工",
        f"{yellow}：落后序时进度超过 {rule.gap_yellow_points:g} 个百分点，或节点逾期超过 "
        f"{rule.late_yellow_days} 天，或计划开工当月过后仍未开工",
        f"{green}：其余情形；序时进度 = 计划完成日期在今天及以前的节点权重之和",
    )


def time_progress(planned_start: date | None, planned_end: date, today: date) -> float:
    """时间进度 = share of the plan elapsed by ``today``, clipped to 0–1; a missing planned start counts from
    January 1 of the planned end's year (the share of the year)."""
    start = planned_start or date(planned_end.year, 1, 1)
    total = (planned_end - start).days
    if total <= 0:
        return 1.0 if today >= planned_end else 0.0
    return min(1.0, max(0.0, (today - start).days / total))


def investment_completion(investment_plan: float | None, progress: Sequence[ProgressFact], today: date) -> float | None:
    """投资完成率 = investment to date of the latest monthly report up to ``today``'s month ÷ planned investment
    (None without a plan or a report; may exceed 1)."""
    current = f"{today.year:04d}-{today.month:02d}"
    reports = [p for p in progress if p.month <= current and p.investment_to_date is not None]
    if not investment_plan or not reports:
        return None
    latest = max(reports, key=lambda p: p.month)
    return latest.investment_to_date / investment_plan  # type: ignore[operator]


def project_board(conn: Connection, scope: Scope, rule: RagRule, kind: str | None = None) -> list[ProjectStatus]:
    """Every project (of ``kind``, if given) whose plan overlaps the period, in the region / department / action
    group of the scope, coloured as of ``scope.today``; red first, then yellow, then green, each by project no."""
    where = scope_where(scope, PROJECT)
    if scope.start is not None:
        where.append(prj.planned_end >= scope.start)
    if scope.end is not None:
        where.append(func.coalesce(prj.planned_start, prj.planned_end) <= scope.end)
    if kind is not None:
        where.append(prj.kind == kind)
    query = (
        select(PROJECT, DEPARTMENT.c.name.label("department"), REGION.c.name.label("region"))
        .select_from(
            PROJECT.join(DEPARTMENT, DEPARTMENT.c.id == prj.department_id).outerjoin(
                REGION, REGION.c.id == prj.region_id
            )
        )
        .where(*where)
    )
    projects = conn.execute(query).mappings().all()
    ids = select(prj.id).where(*where)
    milestones: dict[int, list[MilestoneFact]] = defaultdict(list)
    m = MILESTONE.c
    for row in conn.execute(select(MILESTONE).where(m.project_id.in_(ids)).order_by(m.project_id, m.seq)):
        milestones[row.project_id].append(MilestoneFact(row.name, row.planned_on, row.weight, row.done_on))
    reports: dict[int, list[ProgressFact]] = defaultdict(list)
    for row in conn.execute(select(PROGRESS).where(PROGRESS.c.project_id.in_(ids))):
        reports[row.project_id].append(ProgressFact(row.month, row.investment_to_date))

    board = []
    for project in projects:
        facts = milestones[project["id"]]
        rag = project_rag(
            facts,
            today=scope.today,
            today_is_over=scope.today_is_over,
            planned_start=project["planned_start"],
            actual_start=project["actual_start"],
            is_blocked=bool(project["is_blocked"]),
            rule=rule,
            override_status=project["override_status"],
            override_reason=project["override_reason"],
            blocked_reason=project["blocked_reason"],
        )
        board.append(
            ProjectStatus(
                project_no=project["project_no"],
                name=project["name"],
                kind=project["kind"],
                department=project["department"],
                region=project["region"],
                rag=rag,
                time_progress=time_progress(project["planned_start"], project["planned_end"], scope.today),
                investment_completion=investment_completion(
                    project["investment_plan"], reports[project["id"]], scope.today
                ),
                milestone_progress=milestone_progress(facts, scope.today),
            )
        )
    board.sort(key=lambda p: (STATUS_ORDER.index(p.rag.status), p.project_no))
    return board


def rag_counts(conn: Connection, scope: Scope, rule: RagRule, kind: str | None = "为企办实事") -> dict[str, int]:
    """How many projects of ``kind`` (None = all kinds) are red / yellow / green on ``project_board``."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for project in project_board(conn, scope, rule, kind):
        counts[project.rag.status] += 1
    return counts
