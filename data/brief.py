"""The meeting brief (调度清单): what the meeting takes away, for one scope — the headline figures, red and yellow
projects with their 卡点 and owners, overdue appeals and 清障 items by department, 差评 not rectified on time,
refusals not escalated, the 骏马奖 / 蜗牛奖 candidates with their reasons, and the programmes
(``data.brief_programmes``). Plain data; ``exports`` renders it.

Every list is a drill-down measure (``data.drilldown``), so the brief, the page and its click-throughs agree. The
brief is a summary whose size does not grow with the facts: each list shows at most ``max_rows`` rows (counted and
grouped by department in SQL, never fetched whole) and says how many more there are and where their row export is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection

from config import Settings
from data import drilldown
from data.brief_programmes import programme_headline, programme_sections
from data.kpi import Kpi, read_kpi
from data.metrics import appeals
from data.metrics.scope import Scope
from data.standings import shown_standings
from data.status import status_counts_text
from data.version import as_of

BRIEF_ROWS = 200  # rows each list of the brief shows at most


def _no_link(_key: str) -> str:
    return ""


@dataclass(frozen=True)
class Section:
    """One table of the brief: ``columns`` are (key, header) pairs; ``rows`` dicts keyed by them."""

    title: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[dict[str, Any], ...]
    note: str = ""


@dataclass(frozen=True)
class Brief:
    title: str
    as_of: datetime | None
    generated_at: datetime
    filters_text: str
    headline: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _columns(*keys: str) -> tuple[tuple[str, str], ...]:
    return tuple((key, drilldown.LABELS.get(key, key)) for key in keys)


def _records(frame: pd.DataFrame, keys: tuple[tuple[str, str], ...]) -> tuple[dict[str, Any], ...]:
    wanted = [k for k, _ in keys]
    clean = frame.reindex(columns=wanted).astype(object).where(frame.reindex(columns=wanted).notna(), None)
    return tuple(clean.to_dict("records"))


def _by_department(counts: dict[str, int]) -> str:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "；".join(f"{name} {n} 件" for name, n in ranked) or "无"


def _more(total: int, shown: int, link: str) -> str:
    """``；另有 N 条，见行导出 …`` when the list was cut."""
    if total <= shown:
        return ""
    where = f"，见行导出 {link}" if link else ""
    return f"；本表列出前 {shown} 条，另有 {total - shown} 条{where}"


@dataclass(frozen=True)
class _Lists:
    """How the brief's lists are cut: at most ``max_rows`` rows, the rest in the row export at ``rows_link(key)``."""

    max_rows: int
    rows_link: Callable[[str], str]

    def section(
        self, conn: Connection, scope: Scope, settings: Settings, key: str, title: str, keys: tuple[str, ...]
    ) -> Section:
        total = drilldown.count(conn, scope, key, settings.rag)
        frame = drilldown.rows(conn, scope, key, settings.rag, limit=self.max_rows)
        if "department" in frame.columns:
            frame = frame.sort_values(["department", keys[0]], kind="stable")
        columns = _columns(*keys)
        by_department = _by_department(drilldown.count_by_department(conn, scope, key))
        more = _more(total, len(frame), self.rows_link(key))
        return Section(title, columns, _records(frame, columns), f"共 {total} 条。按部门：{by_department}{more}")


def _awards(conn: Connection, scope: Scope, settings: Settings) -> Section:
    standings = shown_standings(conn, scope, settings)
    candidates = standings.candidates(conn)
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
    note = f"{standings.label}，{basis}。{standings.rule}"
    columns = (("award", "奖项"), ("department", "部门"), ("score", "季度得分"), ("reasons", "理由"))
    return Section("骏马奖 / 蜗牛奖候选", columns, tuple(rows), note)


def _rate_text(kpi: Kpi) -> str:
    """``98.1%（573 / 584）`` and, when the KPI has thresholds, its band in words."""
    rate = kpi.rate
    text = f"{_pct(rate.value)}（{int(rate.numerator):,d} / {int(rate.denominator):,d}）"
    return f"{text} {kpi.word}" if kpi.word else text


def build_brief(
    conn: Connection,
    scope: Scope,
    settings: Settings,
    filters_text: str,
    now: datetime,
    *,
    max_rows: int = BRIEF_ROWS,
    rows_link: Callable[[str], str] = _no_link,
) -> Brief:
    """The brief for ``scope``: its lists cut at ``max_rows`` rows, each naming the row export (``rows_link`` of the
    measure key) for the rest."""
    rule = settings.rag
    lists = _Lists(max_rows, rows_link)
    on_time, satisfied, cleared = (
        read_kpi(conn, scope, settings, key) for key in ("on_time_rate", "satisfaction_strict", "clearance_close_rate")
    )
    projects = drilldown.project_rows(conn, scope, rule)
    colours = projects["status"].value_counts().to_dict()

    def count(key: str) -> str:
        return f"{drilldown.count(conn, scope, key, rule):,d}"

    headline = (
        ("受理企业诉求", f"{appeals.appeal_count(conn, scope):,d} 件"),
        (on_time.name, _rate_text(on_time)),
        ("满意率（非常满意+满意）", _rate_text(satisfied)),
        ("逾期未办结诉求", f"{count('appeals.overdue')} 件"),
        (cleared.name, _rate_text(cleared)),
        ("逾期未销号清障问题", f"{count('clearance.overdue')} 项"),
        ("为企办实事", status_counts_text(colours)),
        ("差评未按期整改", f"{count('reviews.bad_late')} 条"),
        ("说“不”未提级", f"{count('refusals.not_escalated')} 件"),
        *programme_headline(conn, scope, settings),
    )
    flagged = projects[projects["status"].isin(["red", "yellow"])]
    project_columns = _columns("word", "name", "department", "blocker", "reasons", "override")
    flagged_more = _more(len(flagged), min(len(flagged), max_rows), rows_link("projects.all"))
    sections = (
        Section(
            "红灯、黄灯项目（卡点与责任单位）",
            project_columns,
            _records(flagged.head(max_rows), project_columns),
            f"{status_counts_text(colours, ' 项', '，', ('red', 'yellow'))}；判定依据按红黄绿规则自动计算"
            + flagged_more,
        ),
        lists.section(
            conn, scope, settings, "appeals.overdue", "逾期未办结企业诉求（按承办单位）",
            ("ticket_no", "department", "enterprise", "category", "received_at", "due_at", "status"),
        ),
        lists.section(
            conn, scope, settings, "clearance.overdue", "逾期未销号清障问题（按责任单位）",
            ("issue_no", "department", "title", "region", "due_on"),
        ),
        lists.section(
            conn, scope, settings, "reviews.bad_late", "差评未按期整改",
            ("review_no", "department", "service_name", "reviewed_at", "rectify_due", "rectified_on"),
        ),
        lists.section(
            conn, scope, settings, "refusals.not_escalated", "对企业说“不”未提级",
            ("refusal_no", "department", "reason", "refused_on", "told_on", "escalated_on"),
        ),
        _awards(conn, scope, settings),
        *programme_sections(conn, scope, settings, Section),
    )  # fmt: skip
    return Brief(
        title=f"{settings.title} · 调度清单",
        as_of=as_of(conn),
        generated_at=now,
        filters_text=filters_text,
        headline=headline,
        sections=sections,
    )
