"""Words that the screens and the importer share, defined once: the source kinds' Chinese names and the five
satisfaction levels' words. The importer's own vocabularies (the many ways a file says a value) stay in
``etl.kinds``; a screen shows a kind or a level only by these words, never by its code."""

from __future__ import annotations

SOURCE_KIND_NAMES: dict[str, str] = {
    "appeals": "企业诉求台账",
    "clearance": "清障问题清单",
    "projects": "为企办实事/重点项目",
    "milestones": "项目节点（倒排工期）",
    "progress": "项目月度进展",
    "enterprises": "企业名录",
    "cadres": "驻企干部名册",
    "assignments": "干部包联企业",
    "visits": "驻企走访记录",
    "reviews": "好差评数据",
    "refusals": '对企业说"不"台账',
    "service_items": "一件事一次办事项",
    "indicator_eval": "营商环境评价结果",
    "econ_metrics": "经济指标",
    "awards": "骏马奖/蜗牛奖评定结果",
    "holidays": "节假日安排",
    "squads": "为企服务专班名册",
    "reform_measures": "对标提升清单（微改革）",
    "clean_wind": "清风行动统计",
}

SATISFACTION_LEVELS: dict[int, str] = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
"""A 1–5 rating in words (appeals' 满意度, 好差评's level)."""


def source_kind_name(kind: str) -> str:
    """The operator's name for source kind ``kind`` (企业诉求台账 …); the code itself if it has none."""
    return SOURCE_KIND_NAMES.get(kind, kind)
