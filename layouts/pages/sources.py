"""Which source kinds feed which wall panel: the one table the wall's per-panel stale badge is driven by.

Keys are the panel's page name and the start of its title (titles may carry a count or a period after it). A panel
whose source is overdue (``settings.source_cadence_hours``) gets the class ``bm-panel-stale`` in the browser.
"""

from __future__ import annotations

from typing import Any

from dash import html

PANEL_CLASS = "bm-panel"
SOURCES_ATTRIBUTE = "data-sources"

PANEL_SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "overview": {
        "企业诉求月度趋势": ("appeals",),
        "县区 · 园区": ("appeals",),
        "全省营商环境评价排名": ("indicator_eval",),
    },
    "appeals": {
        "诉求受理办结趋势": ("appeals",),
        "亲清观察员线索": ("appeals",),
        "诉求类别 · 来源渠道": ("appeals",),
        "县区按时办结率": ("appeals",),
        "承办单位按时办结率": ("appeals",),
        "最新办结诉求": ("appeals",),
    },
    "projects": {
        "为企办实事": ("projects", "milestones", "progress"),
        "重点项目": ("projects", "milestones", "progress"),
    },
    "clearance": {
        "清障行动": ("clearance",),
        "逐批销号": ("clearance",),
        "专项行动组": ("clearance",),
        "整改类型": ("clearance",),
        "驻企服务": ("visits",),
        "县区 · 园区网格": ("clearance", "visits"),
    },
    "evaluation": {
        "个评价领域": ("indicator_eval",),
        "全省排名走势": ("indicator_eval",),
        "骏马奖 · 蜗牛奖": ("awards",),
        "好差评": ("reviews",),
        '对企业说"不"': ("refusals",),
        "一件事一次办": ("service_items",),
    },
    "economy": {
        "主要经济指标": ("econ_metrics",),
        "目标完成情况": ("econ_metrics",),
    },
}


def panel_sources(page: str, title: str) -> tuple[str, ...]:
    """The source kinds of the panel titled ``title`` on ``page`` (matched by the table's title fragment)."""
    for fragment, kinds in PANEL_SOURCES.get(page, {}).items():
        if fragment in title:
            return kinds
    return ()


def _title(section: html.Section) -> str:
    tab = section.children[0] if isinstance(section.children, list | tuple) and section.children else None
    span = getattr(tab, "children", None)
    text = getattr(span, "children", span)
    return text if isinstance(text, str) else ""


def panels(node: Any) -> list[html.Section]:
    """Every panel (``layouts.components.panel``) in a component tree, in document order."""
    found: list[html.Section] = []
    if isinstance(node, html.Section) and PANEL_CLASS in (node.className or "").split():
        found.append(node)
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found.extend(panels(child))
    return found


def mark_sources(page: str, tree: Any) -> Any:
    """Set ``data-sources`` (space-separated kinds) on every panel of ``tree`` the table knows; returns ``tree``.
    Run before ``layouts.static.freeze``, which keeps the attribute in the markup."""
    for section in panels(tree):
        kinds = panel_sources(page, _title(section))
        if kinds:
            setattr(section, SOURCES_ATTRIBUTE, " ".join(kinds))
    return tree
