"""The brief's chapters on how the city is judged: 全省评价 (overall and 重点指标领域 rank trends, the evaluation
areas with their movement), 好差评, 对企业说"不", 经济指标 against target and 骏马奖 / 蜗牛奖 — each subject's figures
and tables, read from the metric functions the screens show."""

from __future__ import annotations

import pandas as pd

from data.brief_model import BriefContext, Figures, Section, by_department, columns, kpi_text, movement_text, pct
from data.brief_model import rate_text as rate
from data.drilldown import count_by_department
from data.kpi import banded
from data.metrics import economy, evaluation, refusals, reviews
from data.standings import shown_standings
from data.status import STATUSES

Part = tuple[Figures, tuple[Section, ...]]
ECON_THRESHOLD = "econ_completion"
MOST_DEPARTMENTS = 5  # departments a note names before 等 N 个部门


def _latest_rank(ranks: pd.DataFrame) -> str:
    """``第 6 名 / 16（2026Q3，较上期上升 4）；16→12→10→6`` for a rank history (``暂无`` without one)."""
    if ranks.empty:
        return "暂无"
    last = ranks.iloc[-1]
    moved = movement_text(last["movement"])
    versus = f"，较上期{moved}" if moved else ""
    place = f"第 {int(last['rank'])} 名 / {int(last['n_cities'])}"
    return f"{place}（{last['period']}{versus}）；{evaluation.rank_trend(ranks)}"


def _rank_columns(ranks: pd.DataFrame, prefix: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ranks["period"],
            f"{prefix}_rank": ranks["rank"].astype(object),
            f"{prefix}_movement": [movement_text(m) for m in ranks["movement"]],
        }
    )


def evaluation_subject(ctx: BriefContext) -> Part:
    overall, key = evaluation.overall_ranks(ctx.conn), evaluation.key_ranks(ctx.conn)
    figures = (("全省营商环境评价排名", _latest_rank(overall)), (ctx.settings.key_ranking + "排名", _latest_rank(key)))
    trend = _rank_columns(overall, "overall").merge(_rank_columns(key, "key"), on="period", how="outer")
    trend_columns = columns(
        "period", "overall_rank", "overall_movement", "key_rank", "key_movement",
        labels={"period": "期别", "overall_rank": "综合排名", "overall_movement": "较上期",
                "key_rank": f"{ctx.settings.key_ranking}排名", "key_movement": "较上期"},
    )  # fmt: skip
    areas = evaluation.area_table(ctx.conn)
    period, previous = areas.attrs.get("period"), areas.attrs.get("previous_period")
    moves = areas["movement"].dropna()
    up, down, level = int((moves > 0).sum()), int((moves < 0).sum()), int((moves == 0).sum())
    weakest = "".join(f"「{name}」" for name in evaluation.weakest_areas(ctx.conn)["name"]) or "无"
    area_note = (
        f"本期 {period or '—'}，较 {previous or '—'}：上升 {up} 个、下降 {down} 个、持平 {level} 个；"
        f"排名靠后（对标提升）：{weakest}"
    )
    shown = areas.assign(
        score=[None if s != s else round(float(s), 1) for s in areas["score"]],
        movement=[movement_text(m) for m in areas["movement"]],
    )
    area_columns = columns(
        "name", "score", "rank", "previous_rank", "movement",
        labels={"name": "评价领域", "score": "得分", "rank": "本期排名", "previous_rank": "上期排名",
                "movement": "较上期"},
    )  # fmt: skip
    return figures, (
        ctx.table("排名走势（综合与重点指标领域）", trend_columns, trend, "名次越小越好；较上期 = 上期名次 − 本期名次"),
        ctx.table(f"{len(areas)} 个评价领域得分与排名", area_columns, shown, area_note),
    )


def review_subject(ctx: BriefContext) -> Part:
    good = ctx.kpi("good_review_rate")
    bad = reviews.bad_review_rate(ctx.conn, ctx.scope)
    figures = (
        (good.name, kpi_text(good)),
        ("差评", f"{int(bad.numerator):,d} 条，差评率 {rate(bad)}"),
        ("差评整改率", rate(reviews.bad_review_rectify_rate(ctx.conn, ctx.scope))),
        ("差评未按期整改", f"{ctx.count('reviews.bad_late'):,d} 条"),
    )
    months = reviews.bad_reviews_by_month(ctx.conn, ctx.scope)
    month_columns = columns("month", "bad", "rectified", labels={"month": "月份", "bad": "差评", "rectified": "已整改"})
    grouped = by_department(count_by_department(ctx.conn, ctx.scope, "reviews.bad"), MOST_DEPARTMENTS)
    return figures, (
        ctx.table("差评月度走势与整改", month_columns, months, f"按评价时间归月；差评按部门：{grouped}"),
        ctx.listing(
            "reviews.bad_late", "差评未按期整改",
            ("review_no", "department", "service_name", "reviewed_at", "rectify_due", "rectified_on"),
        ),
    )  # fmt: skip


def refusal_subject(ctx: BriefContext) -> Part:
    figures = (
        ("对企业说“不”", f"{refusals.refusal_count(ctx.conn, ctx.scope):,d} 件"),
        ("说“不”提级率", rate(refusals.refusal_escalation_rate(ctx.conn, ctx.scope))),
        ("改判率", rate(refusals.refusal_overturn_rate(ctx.conn, ctx.scope))),
        ("说“不”未提级", f"{ctx.count('refusals.not_escalated'):,d} 件"),
    )
    decisions = refusals.refusals_by_decision(ctx.conn, ctx.scope)
    decision_columns = columns("decision", "refusals", labels={"decision": "复核结论", "refusals": "件数"})
    decision_note = "改为支持、协调办理计为改判；尚无结论的计为待复核"
    return figures, (
        ctx.table("说“不”提级复核结果", decision_columns, decisions, decision_note),
        ctx.listing(
            "refusals.not_escalated", "对企业说“不”未提级",
            ("refusal_no", "department", "reason", "refused_on", "told_on", "escalated_on"),
        ),
    )  # fmt: skip


def economy_subject(ctx: BriefContext) -> Part:
    table = economy.econ_table(ctx.conn, ctx.scope)
    bands = [banded(ctx.settings, ECON_THRESHOLD, None if c != c else c) for c in table["completion"]]
    shown = table.assign(
        completion=[pct(c) for c in table["completion"]],
        word=[STATUSES[b].band_word if b else "" for b in bands],
    )
    keys = ("metric", "region", "period", "value", "unit", "target", "completion", "word", "yoy")
    labels = {
        "metric": "指标", "region": "地区", "period": "期别", "value": "数值", "unit": "单位", "target": "目标",
        "completion": "完成率", "word": "对照目标", "yoy": "同比（%）",
    }  # fmt: skip
    if not any(bands):
        keys = tuple(k for k in keys if k != "word")
    with_target = int(table["target"].notna().sum())
    figures = (("主要经济指标", f"{len(table)} 项（有目标 {with_target} 项）"),)
    note = "各指标取最近一期；完成率 = 数值 ÷ 目标"
    return figures, (ctx.table("主要经济指标（对照目标）", columns(*keys, labels=labels), shown, note),)


def award_subject(ctx: BriefContext) -> Part:
    standings = shown_standings(ctx.conn, ctx.scope, ctx.settings)
    candidates = standings.candidates(ctx.conn)
    rows = []
    for award, frame in (("骏马奖", candidates.horse), ("蜗牛奖", candidates.snail)):
        for _i, row in frame.iterrows():
            score = row["score"]
            rows.append(
                {
                    "award": award,
                    "department": row["department"],
                    "score": None if score != score else round(float(score), 1),
                    "reasons": "；".join(row["reasons"]),
                }
            )
    basis = "办公室已确定" if candidates.decided else "系统按季度得分提名；蜗牛奖须有触发事项"
    figures = tuple(
        (f"{award}候选", "、".join(frame["department"]) or "无")
        for award, frame in (("骏马奖", candidates.horse), ("蜗牛奖", candidates.snail))
    )
    keys = (("award", "奖项"), ("department", "部门"), ("score", "季度得分"), ("reasons", "理由"))
    note = f"{standings.label}，{basis}。{standings.rule}"
    return figures, (ctx.table("骏马奖 / 蜗牛奖候选", keys, pd.DataFrame(rows, columns=[k for k, _ in keys]), note),)
