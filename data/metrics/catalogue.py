"""The metric catalogue: every metric of the product registered once, with its name, unit, 口径 (taken from the
docstring of the function that defines it, never a second text), source kinds and the surfaces it appears on.

``docs/metrics.md`` is generated from it (``battlemap metrics --markdown``); the meeting view's 口径 notes and the
KPI layer (``data.kpi``) read it; ``tests/test_docs.py`` fails when a metric of ``data.metrics`` is not registered,
is on no surface without being marked internal, or when the generated page is out of date.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from config import Settings
from data.metrics import (
    appeals,
    awards,
    cleanwind,
    clearance,
    economy,
    evaluation,
    projects,
    reforms,
    refusals,
    regions,
    reviews,
    services,
    squads,
    visits,
)
from data.metrics.scope import Scope, quarter_of

SURFACES = {
    "wall": "大屏 /wall",
    "meeting": "调度会视图 /",
    "department": "部门视图 /department",
    "brief": "调度清单（PDF / Excel）",
}
"""Where a metric can appear, with the name each surface has for people."""

Compute = Callable[[Connection, Scope, Settings], Any]
CALIBER_MARK = "口径："

APPEAL_KINDS = ("appeals",)
PROJECT_KINDS = ("projects", "milestones", "progress")
VISIT_KINDS = ("visits", "cadres", "assignments", "enterprises")
REFORM_KINDS = ("reform_measures",)
AWARD_KINDS = ("appeals", "clearance", "reviews", "refusals", "projects", "milestones", "reform_measures", "awards")


@dataclass(frozen=True)
class Metric:
    """One metric: ``key`` is its name in code and config (a KPI's ``[thresholds]`` key); ``unit`` is ``%`` for a
    rate (a ``Rate``), a counting word (件, 项, 名 …) for a count, or ``表`` for a table; ``definition`` is the
    function whose docstring states the 口径; ``compute`` reads the metric for a scope (None for a per-item
    measure such as a project's 时间进度, computed where the item is); ``internal`` marks a metric
    used only inside others (or kept for the checks) and on no screen."""

    key: str
    name: str
    unit: str
    definition: Callable[..., Any]
    compute: Compute | None
    sources: tuple[str, ...]
    surfaces: tuple[str, ...] = ()
    internal: bool = False

    @property
    def formula(self) -> str:
        """The 口径: the definition's docstring, as written there."""
        return inspect.getdoc(self.definition) or ""

    @property
    def summary(self) -> str:
        """The 口径's first paragraph (what a popover or a table cell has room for)."""
        return " ".join(self.formula.split("\n\n", 1)[0].split())

    @property
    def caliber(self) -> str:
        """The 口径 in Chinese, for the screens: the paragraph of the definition's docstring that starts with
        ``口径：`` (its lines joined), or empty when the definition has none."""
        for paragraph in self.formula.split("\n\n"):
            if paragraph.startswith(CALIBER_MARK):
                return "".join(line.strip() for line in paragraph.splitlines()).removeprefix(CALIBER_MARK)
        return ""

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


def _quarter(scope: Scope) -> str:
    return quarter_of(scope.end or scope.today)


def _standings(conn: Connection, scope: Scope, settings: Settings) -> Any:
    """The standings of the scope's quarter as the surfaces show them (issued, or computed now)."""
    from data.standings import quarter_standings  # data.standings builds on this package

    return quarter_standings(conn, _quarter(scope), settings, scope.moment)


ALL = "wall", "meeting", "department", "brief"
PROGRAMME = "wall", "meeting", "brief"

METRICS: tuple[Metric, ...] = (
    # 企业诉求
    Metric("appeal_count", "受理企业诉求", "件", appeals.appeal_count,
           lambda c, s, st: appeals.appeal_count(c, s), APPEAL_KINDS, ALL),
    Metric("on_time_rate", "按时办结率", "%", appeals.on_time_query,
           lambda c, s, st: appeals.on_time_rate(c, s), APPEAL_KINDS, ALL),
    Metric("overdue_appeals", "逾期未办结诉求", "件", appeals.overdue_tally,
           lambda c, s, st: appeals.overdue_tally(s).count(c), APPEAL_KINDS, ("meeting", "department", "brief")),
    Metric("close_rate", "办结率", "%", appeals.close_rate,
           lambda c, s, st: appeals.close_rate(c, s), APPEAL_KINDS, internal=True),
    Metric("response_rate", "响应率", "%", appeals.response_rate,
           lambda c, s, st: appeals.response_rate(c, s, st.response_limit_hours), APPEAL_KINDS, ("meeting",)),
    Metric("resolution_rate", "企业诉求解决率", "%", appeals.resolution_query,
           lambda c, s, st: appeals.resolution_rate(c, s), APPEAL_KINDS, ("wall", "meeting", "brief")),
    Metric("satisfaction_strict", "满意率", "%", appeals.satisfaction_query,
           lambda c, s, st: appeals.satisfaction_rate(c, s, strict=True), APPEAL_KINDS, ALL),
    Metric("satisfaction_broad", "满意率（宽口径）", "%", appeals.satisfaction_query,
           lambda c, s, st: appeals.satisfaction_rate(c, s, strict=False), APPEAL_KINDS, internal=True),
    Metric("repeat_rate", "重复诉求率", "%", appeals.repeat_rate,
           lambda c, s, st: appeals.repeat_rate(c, s), APPEAL_KINDS, ("meeting",)),
    Metric("three_rate", "三率综合", "分", appeals.three_rate,
           lambda c, s, st: appeals.three_rate(c, s, st.three_rate_weights, st.response_limit_hours),
           APPEAL_KINDS, ("meeting",)),
    Metric("appeals_by", "诉求分布（县区、部门、类别、渠道）", "表", appeals.appeals_by,
           lambda c, s, st: appeals.appeals_by(c, s, "region"), APPEAL_KINDS, ("wall", "brief")),
    Metric("monthly_trend", "诉求月度趋势", "表", appeals.monthly_trend,
           lambda c, s, st: appeals.monthly_trend(c, s), APPEAL_KINDS, ("wall", "meeting")),
    Metric("observer_leads", "亲清观察员线索", "条", appeals.observer_leads,
           lambda c, s, st: appeals.observer_leads(c, s), APPEAL_KINDS, PROGRAMME),
    Metric("latest_closed", "最新办结诉求", "表", appeals.latest_closed,
           lambda c, s, st: appeals.latest_closed(c, s), APPEAL_KINDS, ("wall",)),
    # 清障
    Metric("clearance_close_rate", "清障销号率", "%", clearance.clearance_close_rate,
           lambda c, s, st: clearance.clearance_close_rate(c, s), ("clearance",), ALL),
    Metric("clearance_on_schedule", "按期销号率", "%", clearance.on_schedule_query,
           lambda c, s, st: clearance.on_schedule_close_rate(c, s), ("clearance",), ("wall", "brief")),
    Metric("clearance_funnel", "清障三张清单", "项", clearance.clearance_funnel,
           lambda c, s, st: clearance.clearance_funnel(c, s), ("clearance",), ("wall", "brief")),
    Metric("clearance_batches", "逐批销号", "表", clearance.clearance_batches,
           lambda c, s, st: clearance.clearance_batches(c, s), ("clearance",), ("wall",)),
    Metric("clearance_by", "清障问题分布（行动组、部门、县区、整改类型）", "表", clearance.clearance_by,
           lambda c, s, st: clearance.clearance_by(c, s, "action_group"), ("clearance",), ("wall", "brief")),
    Metric("overdue_issues", "逾期未销号清障问题", "表", clearance.overdue_issues,
           lambda c, s, st: clearance.overdue_issues(c, s), ("clearance",), internal=True),
    # 为企办实事 · 项目建设
    Metric("project_rag", "项目红黄绿", "表", projects.project_rag,
           lambda c, s, st: projects.project_board(c, s, st.rag), PROJECT_KINDS, ALL),
    Metric("rag_counts", "为企办实事红黄绿项数", "项", projects.rag_counts,
           lambda c, s, st: projects.rag_counts(c, s, st.rag), PROJECT_KINDS, ("wall", "brief")),
    Metric("time_progress", "时间进度", "%", projects.time_progress,
           None, PROJECT_KINDS, ("wall",)),
    Metric("investment_completion", "投资完成率", "%", projects.investment_completion,
           None, PROJECT_KINDS, ("wall",)),
    Metric("milestone_progress", "里程碑进度", "%", projects.milestone_progress,
           None, PROJECT_KINDS, ("wall",)),
    # 驻企服务
    Metric("visit_coverage", "走访覆盖率", "%", visits.coverage_query,
           lambda c, s, st: visits.visit_coverage(c, s), VISIT_KINDS, PROGRAMME),
    Metric("problem_resolution", "问题化解率", "%", visits.problems_query,
           lambda c, s, st: visits.problem_resolution_rate(c, s), VISIT_KINDS, PROGRAMME),
    Metric("unvisited_enterprises", "N 天未走访企业", "%", visits.unvisited_query,
           lambda c, s, st: visits.unvisited_enterprises(c, s, st.unvisited_days), VISIT_KINDS, ("meeting", "brief")),
    Metric("cadre_count", "驻企干部", "名", visits.cadre_count,
           lambda c, s, st: visits.cadre_count(c, s), VISIT_KINDS, PROGRAMME),
    Metric("visit_count", "本期走访次数", "次", visits.visit_count,
           lambda c, s, st: visits.visit_count(c, s), VISIT_KINDS, ("meeting",)),
    Metric("visits_by_region", "县区 · 园区服务网格", "表", visits.visits_by_region,
           lambda c, s, st: visits.visits_by_region(c, s), VISIT_KINDS, ("wall", "brief")),
    # 好差评
    Metric("good_review_rate", "好评率", "%", reviews.good_review_rate,
           lambda c, s, st: reviews.good_review_rate(c, s), ("reviews",), ("wall", "brief")),
    Metric("bad_review_rate", "差评率", "%", reviews.bad_review_rate,
           lambda c, s, st: reviews.bad_review_rate(c, s), ("reviews",), ("wall", "brief")),
    Metric("bad_review_rectify", "差评整改率", "%", reviews.bad_review_rectify_rate,
           lambda c, s, st: reviews.bad_review_rectify_rate(c, s), ("reviews",), ("wall", "brief")),
    Metric("bad_review_on_time", "差评按期整改率", "%", reviews.rectify_on_time_query,
           lambda c, s, st: reviews.bad_review_rectify_on_time_rate(c, s), ("reviews",), internal=True),
    Metric("realname_revisit", "实名差评回访率", "%", reviews.realname_bad_revisit_rate,
           lambda c, s, st: reviews.realname_bad_revisit_rate(c, s), ("reviews",), internal=True),
    Metric("review_count", "好差评条数", "条", reviews.review_count,
           lambda c, s, st: reviews.review_count(c, s), ("reviews",), internal=True),
    Metric("bad_reviews_by_month", "差评月度走势", "表", reviews.bad_reviews_by_month,
           lambda c, s, st: reviews.bad_reviews_by_month(c, s), ("reviews",), ("wall", "brief")),
    # 对企业说"不"
    Metric("refusal_count", "对企业说“不”", "件", refusals.refusal_count,
           lambda c, s, st: refusals.refusal_count(c, s), ("refusals",), ("wall", "meeting", "department", "brief")),
    Metric("refusal_escalation", "说“不”提级率", "%", refusals.refusal_escalation_rate,
           lambda c, s, st: refusals.refusal_escalation_rate(c, s), ("refusals",), ("wall", "brief")),
    Metric("refusal_overturn", "改判率", "%", refusals.overturn_query,
           lambda c, s, st: refusals.refusal_overturn_rate(c, s), ("refusals",), ("wall", "brief")),
    Metric("overturned_refusals", "改判的说“不”", "表", refusals.overturned_refusals,
           lambda c, s, st: refusals.overturned_refusals(c, s), ("refusals",), internal=True),
    Metric("refusals_by_decision", "说“不”复核结果", "表", refusals.refusals_by_decision,
           lambda c, s, st: refusals.refusals_by_decision(c, s), ("refusals",), ("wall", "brief")),
    # 一件事一次办
    Metric("service_summary", "一件事一次办", "项", services.service_summary,
           lambda c, s, st: services.service_summary(c, s, st.services_year_target), ("service_items",),
           PROGRAMME),
    Metric("service_list", "一件事一次办事项清单", "表", services.service_list,
           lambda c, s, st: services.service_list(c, s), ("service_items",), PROGRAMME),
    # 对标提升 · 微改革
    Metric("reform_board", "对标提升微改革措施红黄绿", "表", reforms.reform_board,
           lambda c, s, st: reforms.reform_board(c, s, st.rag), REFORM_KINDS, PROGRAMME),
    Metric("measure_rag", "微改革措施红黄绿规则", "表", reforms.measure_rag,
           None, REFORM_KINDS, internal=True),
    Metric("reform_summary", "对标提升清单汇总（落地、按期、到期）", "项", reforms.reform_summary,
           lambda c, s, st: reforms.reform_summary(reforms.reform_board(c, s, st.rag), s.today), REFORM_KINDS,
           PROGRAMME),
    Metric("departments_without_landing", "到期措施无一按期落地的部门", "表", reforms.departments_without_landing,
           lambda c, s, st: reforms.departments_without_landing(c, s, st.rag), REFORM_KINDS, internal=True),
    Metric("reform_snail_cases", "蜗牛奖触发（对标提升）", "表", reforms.snail_cases,
           lambda c, s, st: reforms.snail_cases(c, s, st.rag), REFORM_KINDS, PROGRAMME),
    # 为企服务专班
    Metric("squad_performance", "为企服务专班（案件、已解决、按时办结率、平均办结天数）", "表",
           squads.squad_performance,
           lambda c, s, st: squads.squad_performance(c, s), ("squads", "appeals", "clearance"), PROGRAMME),
    # 清风行动
    Metric("clean_wind_totals", "清风行动（发现、整改、通报曝光、立案审查、移送起诉）", "件",
           cleanwind.clean_wind_totals,
           lambda c, s, st: cleanwind.clean_wind_totals(c, s), ("clean_wind",), PROGRAMME),
    Metric("clean_wind_rectification", "清风行动问题整改率", "%", cleanwind.rectification_rate,
           lambda c, s, st: cleanwind.rectification_rate(cleanwind.clean_wind_totals(c, s)), ("clean_wind",),
           PROGRAMME),
    Metric("clean_wind_by", "清风行动按月份、单位", "表", cleanwind.clean_wind_by,
           lambda c, s, st: cleanwind.clean_wind_by(c, s, "month"), ("clean_wind",), ("wall", "brief")),
    # 经济指标
    Metric("econ_table", "主要经济指标", "表", economy.econ_table,
           lambda c, s, st: economy.econ_table(c, s), ("econ_metrics",), PROGRAMME),
    Metric("econ_behind", "未达目标的经济指标", "项", economy.behind_target,
           lambda c, s, st: int(economy.behind_target(economy.econ_table(c, s)).sum()), ("econ_metrics",),
           ("meeting",)),
    # 营商环境评价
    Metric("overall_ranks", "全省营商环境评价排名", "名", evaluation.overall_ranks,
           lambda c, s, st: evaluation.overall_ranks(c), ("indicator_eval",), ("wall", "meeting", "brief")),
    Metric("key_ranks", "重点指标领域排名", "名", evaluation.key_ranks,
           lambda c, s, st: evaluation.key_ranks(c), ("indicator_eval",), ("wall", "meeting", "brief")),
    Metric("rank_movement", "排名变化", "位", evaluation.rank_movement,
           lambda c, s, st: evaluation.overall_ranks(c)["movement"], ("indicator_eval",), ("wall", "brief")),
    Metric("area_table", "评价领域得分与排名", "表", evaluation.area_table,
           lambda c, s, st: evaluation.area_table(c), ("indicator_eval",), PROGRAMME),
    Metric("weakest_areas", "对标提升领域", "表", evaluation.weakest_areas,
           lambda c, s, st: evaluation.weakest_areas(c), ("indicator_eval",), ("wall", "brief")),
    # 骏马奖 / 蜗牛奖
    # (surfaces read a closed quarter's issued standings, computed by these at its close: data.standings)
    Metric("department_scores", "部门季度得分", "分", awards.department_scores,
           lambda c, s, st: _standings(c, s, st).rows, AWARD_KINDS, ("department",)),
    Metric("award_candidates", "骏马奖 / 蜗牛奖候选", "表", awards.award_candidates,
           lambda c, s, st: _standings(c, s, st).candidates(c), AWARD_KINDS,
           ("wall", "meeting", "brief")),
    Metric("decided_awards", "办公室评定的骏马奖 / 蜗牛奖", "表", awards.decided_awards,
           lambda c, s, st: awards.decided_awards(c, _quarter(s)), ("awards",), internal=True),
    # 县区地图
    Metric("region_tiles", "县区 · 园区地图", "表", regions.region_tiles,
           lambda c, s, st: regions.region_tiles(c), ("appeals",), ("wall",)),
)  # fmt: skip

BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}


def metric(key: str) -> Metric:
    """The catalogue entry ``key``; a ``KeyError`` names the keys there are."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"指标 {key} 不在指标目录中（已有：{'、'.join(BY_KEY)}）") from None


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown() -> str:
    """``docs/metrics.md``: every metric with its unit, sources, surfaces and 口径, grouped as the catalogue is."""
    lines = [
        "# 指标目录 · Metric catalogue",
        "",
        "Generated from `data/metrics/catalogue.py` by `battlemap metrics --markdown > docs/metrics.md`; do not edit",
        "by hand (`tests/test_docs.py` fails when this page and the catalogue differ). The 口径 of each metric is the",
        "docstring of the function that defines it.",
        "",
        "| 指标 | key | 单位 | 来源 | 显示在 | 口径 |",
        "|---|---|---|---|---|---|",
    ]
    for m in METRICS:
        surfaces = "、".join(SURFACES[s] for s in m.surfaces) or "（内部：不直接显示）"
        definition = f"`{m.definition.__module__}.{m.definition.__qualname__}`"
        lines.append(
            f"| {m.name} | `{m.key}` | {m.unit} | {', '.join(m.sources)} | {surfaces} | "
            f"{_cell(m.formula)} ({definition}) |"
        )
    return "\n".join(lines) + "\n"
