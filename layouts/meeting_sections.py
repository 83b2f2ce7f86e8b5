"""The meeting view's subjects, one section each (企业诉求, 为企办实事, 重点项目, 清障行动, 驻企服务, 亲清观察员,
全省营商环境评价, 好差评, 对企业说“不”, 骏马奖 · 蜗牛奖, 对标提升, 为企服务专班, 清风行动, 一件事一次办, 经济指标 …;
a title that is also a chapter of the brief is written as the brief writes it): which figures and panels form each
one, and what the browser needs to show them one at a time in 轮播 (presentation) mode (assets/battlemap.js)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import html


@dataclass(frozen=True)
class Section:
    """One subject; ``subjects`` are the measure prefixes (``appeals.overdue`` → ``appeals``) it gathers."""

    key: str
    title: str
    subjects: tuple[str, ...]


SECTIONS = (
    Section("appeals", "企业诉求", ("appeals",)),
    Section("projects", "为企办实事", ("projects",)),
    Section("key_projects", "重点项目", ("key_projects",)),
    Section("clearance", "清障行动", ("clearance",)),
    Section("visits", "驻企服务", ("visits",)),
    Section("observers", "亲清观察员", ("observers",)),
    Section("rankings", "全省营商环境评价", ("evaluation",)),
    Section("reviews", "好差评", ("reviews",)),
    Section("refusals", "对企业说“不”", ("refusals",)),
    Section("awards", "骏马奖 · 蜗牛奖", ("awards",)),
    Section("reforms", "对标提升微改革", ("reforms",)),
    Section("squads", "为企服务专班", ("squads",)),
    Section("clean_wind", "清风行动", ("clean_wind",)),
    Section("services", "一件事一次办", ("services",)),
    Section("economy", "经济指标", ("economy",)),
)
SECTION_OF = {subject: section.key for section in SECTIONS for subject in section.subjects}


def section_class(subject: str) -> str:
    """The classes that put a figure or panel of ``subject`` (a measure or its prefix) into its section."""
    key = SECTION_OF.get(subject.split(".", 1)[0])
    return f"bm-sec bm-sec-{key}" if key else ""


def rotation_config(dwell_seconds: int) -> dict[str, Any]:
    """The sections in the shape of the wall's rotation config (``pages`` of name, title, dwell)."""
    return {"pages": [{"name": s.key, "title": s.title, "dwell": dwell_seconds} for s in SECTIONS]}


def rotation_toggle() -> html.Button:
    keys = "→ / PageDown 下一个，← / PageUp 上一个，空格 暂停，Esc 退出"
    return html.Button(
        "轮播",
        id="meeting-rotate-toggle",
        className="bm-button bm-rotate-toggle",
        title=f"逐个主题展示：{keys}",
        n_clicks=0,
    )


def rotation_indicator() -> html.Div:
    """Shown in 轮播 mode only: the section's name, its position (2/4) and 已暂停; filled by the browser."""
    return html.Div(
        [
            html.Span(id="meeting-rotate-title", className="bm-rotate-title"),
            html.Span(id="meeting-rotate-position", className="bm-rotate-position"),
            html.Span(id="meeting-rotate-paused", className="bm-rotate-paused"),
        ],
        id="meeting-rotate-indicator",
        className="bm-rotate-indicator",
    )
