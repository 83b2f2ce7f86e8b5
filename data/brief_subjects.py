"""The brief's chapters on the work in hand: 企业诉求, 为企办实事 / 重点项目, 清障, 驻企服务 and 亲清观察员 — each
subject's figures and tables, read from the same metric functions and drill-down measures the screens show."""

from __future__ import annotations

import pandas as pd

from data import drilldown
from data.brief_model import (
    BriefContext,
    Figures,
    Section,
    columns,
    kpi_text,
    pct,
    rate_text,
)
from data.metrics import appeals, clearance, projects, visits
from data.status import status_counts_text

Part = tuple[Figures, tuple[Section, ...]]
BREAKDOWN_LABELS = {
    "name": "名称",
    "received": "受理",
    "due": "应办结",
    "closed_on_time": "按时办结",
    "on_time_rate": "按时办结率",
    "satisfaction_rate": "满意率",
    "total": "问题数",
    "closed": "已销号",
    "close_rate": "销号率",
    "overdue": "逾期未销号",
    "cadres": "驻企干部",
    "enterprises_assigned": "包联企业",
    "enterprises_visited": "本期已走访",
    "coverage": "走访覆盖率",
    "unvisited": "未走访企业",
    "collected": "收集问题",
    "solved": "化解问题",
}


def percents(frame: pd.DataFrame, *keys: str) -> pd.DataFrame:
    """``frame`` with the share columns ``keys`` written as percentages (``—`` for no data)."""
    return frame.assign(**{key: [pct(v) for v in frame[key]] for key in keys})


def _labelled(*keys: str, first: str = "") -> tuple[tuple[str, str], ...]:
    labels = {**BREAKDOWN_LABELS, **({"name": first} if first else {})}
    return columns(*keys, labels=labels)


def appeal_subject(ctx: BriefContext) -> Part:
    on_time, resolved, satisfied = (ctx.kpi(k) for k in ("on_time_rate", "resolution_rate", "satisfaction_strict"))
    figures = (
        ("受理企业诉求", f"{appeals.appeal_count(ctx.conn, ctx.scope):,d} 件"),
        (on_time.name, kpi_text(on_time)),
        (resolved.name, kpi_text(resolved)),
        ("满意率（非常满意+满意）", kpi_text(satisfied)),
        ("逾期未办结诉求", f"{ctx.count('appeals.overdue'):,d} 件"),
    )
    keys = ("name", "received", "due", "closed_on_time", "on_time_rate", "satisfaction_rate")

    def breakdown(dimension: str, title: str, first: str) -> Section:
        frame = percents(appeals.appeals_by(ctx.conn, ctx.scope, dimension), "on_time_rate", "satisfaction_rate")
        note = "按受理件数排序；按时办结率以应办结为分母，满意率为严格口径（非常满意+满意）"
        return ctx.table(title, _labelled(*keys, first=first), frame, note)

    return figures, (
        breakdown("region", "企业诉求（按县区、园区）", "县区/园区"),
        breakdown("department", "企业诉求（按承办单位）", "承办单位"),
        ctx.listing(
            "appeals.overdue", "逾期未办结企业诉求（按承办单位）",
            ("ticket_no", "department", "enterprise", "category", "received_at", "due_at", "status"),
        ),
    )  # fmt: skip


PROJECT_KINDS = ("为企办实事", "重点项目")


def project_subject(ctx: BriefContext) -> Part:
    rule = ctx.settings.rag
    figures = tuple(
        (kind, status_counts_text(projects.rag_counts(ctx.conn, ctx.scope, rule, kind))) for kind in PROJECT_KINDS
    )
    keys = columns("word", "name", "department", "blocker", "reasons", "override")
    sections = []
    for kind in PROJECT_KINDS:
        board = drilldown.project_rows(ctx.conn, ctx.scope, rule, kind=kind)
        colours = board["status"].value_counts().to_dict()
        flagged = board[board["status"].isin(["red", "yellow"])]
        counts = status_counts_text(colours, " 项", "，", ("red", "yellow"))
        note = f"{counts}；判定依据按红黄绿规则自动计算"
        title = "红灯、黄灯项目（卡点与责任单位）" if kind == PROJECT_KINDS[0] else f"{kind}：红灯、黄灯项目"
        sections.append(ctx.table(title, keys, flagged, note, "projects.all" if kind == PROJECT_KINDS[0] else ""))
    return figures, tuple(sections)


def clearance_subject(ctx: BriefContext) -> Part:
    cleared = ctx.kpi("clearance_close_rate")
    funnel = clearance.clearance_funnel(ctx.conn, ctx.scope)
    figures = (
        (cleared.name, kpi_text(cleared)),
        ("按期销号率", rate_text(clearance.on_schedule_close_rate(ctx.conn, ctx.scope))),
        ("三张清单", " → ".join(f"{name} {n:,d} 项" for name, n in funnel.items())),
        ("逾期未销号清障问题", f"{ctx.count('clearance.overdue'):,d} 项"),
    )
    keys = ("name", "total", "closed", "close_rate", "overdue")

    def breakdown(dimension: str, title: str, first: str) -> Section:
        frame = percents(clearance.clearance_by(ctx.conn, ctx.scope, dimension), "close_rate")
        return ctx.table(title, _labelled(*keys, first=first), frame, "按本期发现的问题计，按问题数排序")

    return figures, (
        breakdown("action_group", "清障问题（按专项行动组）", "专项行动组"),
        breakdown("region", "清障问题（按县区、园区）", "县区/园区"),
        ctx.listing(
            "clearance.overdue", "逾期未销号清障问题（按责任单位）",
            ("issue_no", "department", "title", "region", "due_on"),
        ),
    )  # fmt: skip


def visit_subject(ctx: BriefContext) -> Part:
    days = ctx.settings.unvisited_days
    coverage = ctx.kpi("visit_coverage")
    unvisited = visits.unvisited_enterprises(ctx.conn, ctx.scope, days)
    figures = (
        ("驻企干部", f"{visits.cadre_count(ctx.conn, ctx.scope):,d} 名"),
        (coverage.name, kpi_text(coverage)),
        ("问题化解率", rate_text(visits.problem_resolution_rate(ctx.conn, ctx.scope))),
        (
            f"{days} 天未走访企业",
            f"{int(unvisited.numerator):,d} 家 / 包联 {int(unvisited.denominator):,d} 家（{pct(unvisited.value)}）",
        ),
    )
    grid = percents(visits.visits_by_region(ctx.conn, ctx.scope, days), "coverage")
    keys = (
        "name",
        "cadres",
        "enterprises_assigned",
        "enterprises_visited",
        "coverage",
        "unvisited",
        "collected",
        "solved",
    )
    grid_labels = {"unvisited": f"{days} 天未走访企业"}
    note = (
        f"按干部所在县区、园区计；走访覆盖率 = 本期已走访 ÷ 包联企业；{days} 天未走访 = 截至今日近 {days} 天无人走访"
        "的包联企业"
    )
    shown = tuple((key, grid_labels.get(key, header)) for key, header in _labelled(*keys, first="网格"))
    return figures, (ctx.table("县区 · 园区服务网格", shown, grid.rename(columns={"region": "name"}), note),)


def observer_subject(ctx: BriefContext) -> Part:
    leads = appeals.observer_leads(ctx.conn, ctx.scope)
    return (
        ("亲清观察员线索", f"{leads.leads:,d} 条，已解决 {leads.solved:,d} 条"),
        ("观察员线索解决率", rate_text(leads.rate)),
        ("观察员线索满意率", rate_text(leads.satisfaction)),
    ), ()
