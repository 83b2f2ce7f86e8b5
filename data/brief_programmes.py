"""The brief's chapters on the programmes: 一件事一次办 (summary, stages and the service list), 对标提升微改革 (red and
yellow measures, the 蜗牛奖 cases), the 为企服务专班 and 清风行动 by unit — aggregates and rows of the same metrics
and drill-down measures the meeting view shows."""

from __future__ import annotations

from data import drilldown_programmes as rows
from data.brief_model import BriefContext, Figures, Section, columns, pct
from data.metrics import cleanwind, reforms, services, squads
from data.metrics.projects import rag_rule_text
from data.status import status_counts_text

Part = tuple[Figures, tuple[Section, ...]]


def service_subject(ctx: BriefContext) -> Part:
    service = services.service_summary(ctx.conn, ctx.scope, ctx.settings.services_year_target)
    origin = service.by_origin.set_index("origin")
    figures = (
        (
            "一件事一次办",
            f"本期上线 {service.launched} / 年度目标 {service.target}（省定 {origin.at[services.PROVINCIAL, 'live']}"
            f"/{origin.at[services.PROVINCIAL, 'services']}，本地新增 {origin.at[services.LOCAL, 'live']}"
            f"/{origin.at[services.LOCAL, 'services']} 已上线）",
        ),
        (
            "减材料 · 减时限 · 减跑动",
            f"{service.materials_saved:g} 件 · {service.days_saved:g} 天 · {service.trips_saved:g} 次",
        ),
    )
    stage_columns = columns(
        "stage", "launched", "services", labels={"stage": "生命周期阶段", "launched": "本期上线", "services": "事项数"}
    )
    listing = rows.service_rows(ctx.conn, ctx.scope, "services.all", ctx.settings.rag)
    service_columns = columns(
        "item_no", "service", "service_origin", "lifecycle_stage", "department", "service_status", "launched_on",
        "materials_saved", "days_saved", "trips_saved",
    )  # fmt: skip
    return figures, (
        ctx.table("一件事一次办（按生命周期阶段）", stage_columns, service.by_stage, "按本期上线件数排序"),
        ctx.table("一件事一次办事项清单", service_columns, listing, "上线日期为空：尚未上线"),
    )


def reform_subject(ctx: BriefContext) -> Part:
    rule = ctx.settings.rag
    board = reforms.reform_board(ctx.conn, ctx.scope, rule)
    summary = reforms.reform_summary(board, ctx.scope.today)
    overdue = sum(1 for m in board if not m.landed and m.planned_on <= ctx.scope.today)
    figures = (
        (
            "对标提升微改革",
            f"措施 {summary.measures} 项，已落地 {summary.landed}（按期 {summary.on_time}），到期未落地 {overdue}；"
            + status_counts_text(summary.colours),
        ),
    )
    measures = rows.reform_rows(ctx.conn, ctx.scope, "reforms.all", rule)
    flagged = measures[measures["status"].isin(["red", "yellow"])]
    stalled = reforms.snail_cases(ctx.conn, ctx.scope, rule)
    snails = "；".join(f"{r.department}（{'、'.join(r.measures)}）" for r in stalled.itertuples()) or "无"
    keys = columns("word", "measure_no", "measure", "department", "benchmark", "planned_on", "reasons")
    note = f"{'；'.join(rag_rule_text(rule))}。蜗牛奖触发（到期措施无一按期落地）：{snails}"
    return figures, (ctx.table("对标提升微改革：红灯、黄灯措施", keys, flagged, note),)


SQUAD_LABELS = {
    "domain": "服务领域",
    "cases": "案件",
    "solved": "已解决",
    "due": "应办结",
    "on_time": "按时办结",
    "on_time_rate": "按时办结率",
    "mean_days": "平均办结天数",
}


def squad_subject(ctx: BriefContext) -> Part:
    teams = squads.squad_performance(ctx.conn, ctx.scope)
    due, on_time = int(teams["due"].sum()), int(teams["on_time"].sum())
    figures = (
        (
            "为企服务专班",
            f"承办 {int(teams['cases'].sum()):,d} 件，已解决 {int(teams['solved'].sum()):,d}，"
            f"按时办结率 {pct(on_time / due if due else None)}（{on_time:,d} / {due:,d}）",
        ),
    )
    shown = teams.assign(
        on_time_rate=[pct(v) for v in teams["on_time_rate"]],
        mean_days=[None if v != v else round(float(v), 1) for v in teams["mean_days"]],
    )
    keys = columns("squad", *SQUAD_LABELS, labels=SQUAD_LABELS)
    return figures, (ctx.table("为企服务专班", keys, shown, "按受理/发现日期计入本期；按时办结率以应办结为分母"),)


def clean_wind_subject(ctx: BriefContext) -> Part:
    totals = cleanwind.clean_wind_totals(ctx.conn, ctx.scope)
    figures = (("清风行动", " · ".join(f"{label} {totals[key]:,d}" for key, label in cleanwind.LABELS.items())),)
    units = cleanwind.clean_wind_by(ctx.conn, ctx.scope, "department").rename(columns={"name": "department"})
    keys = columns("department", *cleanwind.COUNTS)
    return figures, (ctx.table("清风行动（按单位）", keys, units, "仅为汇总数，不含任何个人信息"),)
