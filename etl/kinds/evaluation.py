"""Source kinds of evaluations and results: the provincial ranking, economic indicators, quarterly awards."""

from __future__ import annotations

from data.labels import SOURCE_KIND_NAMES
from data.schema import Award, EconMetric, IndicatorEval
from etl.kinds.base import Field, SourceKind

INDICATOR_EVAL = SourceKind(
    name="indicator_eval",
    label=SOURCE_KIND_NAMES["indicator_eval"],
    table=IndicatorEval.__table__,
    key=("period", "indicator"),
    file_prefixes=("indicator_eval", "评价结果", "营商环境评价"),
    fields=(
        Field("period", "评价期", "quarter", required=True, aliases=("季度", "期间")),
        Field("indicator", "指标", aliases=("评价指标", "指标领域"), ref="indicator"),
        Field("score", "得分", "float", minimum=0),
        Field("rank", "排名", "int", required=True, aliases=("全省排名",), minimum=1),
        Field("n_cities", "参评城市数", "int", minimum=1),
    ),
)

ECON_METRICS = SourceKind(
    name="econ_metrics",
    label=SOURCE_KIND_NAMES["econ_metrics"],
    table=EconMetric.__table__,
    key=("metric", "period", "region"),
    file_prefixes=("econ_metrics", "经济指标"),
    fields=(
        Field("metric", "指标名称", required=True, aliases=("指标",)),
        Field("period", "期间", "period", required=True, aliases=("月份", "统计期", "报告期", "统计期间")),
        Field("region", "所属区域", aliases=("县区",), ref="region"),
        Field("value", "数值", "float", required=True, aliases=("完成值", "本期值")),
        Field("unit", "单位"),
        Field("target", "目标值", "float", aliases=("目标",)),
        Field("yoy", "同比", "float", aliases=("同比增长",)),
    ),
)

AWARDS = SourceKind(
    name="awards",
    label=SOURCE_KIND_NAMES["awards"],
    table=Award.__table__,
    key=("period", "department", "award"),
    file_prefixes=("awards", "骏马奖", "蜗牛奖", "评定结果"),
    fields=(
        Field("period", "季度", "quarter", required=True, aliases=("评定期",)),
        Field("department", "部门", required=True, aliases=("单位",), ref="department"),
        Field("award", "奖项", required=True, choices=("骏马奖", "蜗牛奖")),
        Field("score", "得分", "float"),
        Field("reasons", "理由", "text", aliases=("评定理由", "原因")),
    ),
)
