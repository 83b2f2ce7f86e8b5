"""The meeting view's count sections: 为企办实事 and 重点项目 by colour, 好差评 and 对企业说“不” — their figures
from the metric layer and their breakdowns by department and by district / park from the drill-down measures."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from config import Settings
from data import drilldown_breakdown as breakdown
from data.metrics import refusals, reviews
from data.metrics.scope import Scope
from data.status import STATUS_ORDER, STATUSES
from layouts import format as fmt
from layouts.meeting_counts import CountSection, Figure

REVIEW_COLUMNS = (("评价", "reviews.all"), ("差评", "reviews.bad"), ("未按期整改", "reviews.bad_late"))
REFUSAL_COLUMNS = (("说“不”", "refusals.all"), ("未提级", "refusals.not_escalated"))
SERVICE_COLUMNS = (("事项", "services.all"), ("已上线", "services.live"))


def _section(
    conn: Connection, scope: Scope, settings: Settings, subject: str, title: str, columns: tuple[tuple[str, str], ...]
) -> CountSection:
    keys = [key for _header, key in columns]
    return CountSection(
        subject,
        title,
        columns,
        breakdown.by_department(conn, scope, keys, settings.rag),
        breakdown.by_region(conn, scope, keys, settings.rag, settings.regions),
    )


def project_section(conn: Connection, scope: Scope, settings: Settings, subject: str, kind: str) -> CountSection:
    """Board ``kind``'s projects of each colour (headed by its word) and in all, by lead department and by district."""
    columns = (*((STATUSES[s].word, f"{subject}.{s}") for s in STATUS_ORDER), ("共", f"{subject}.all"))
    section = _section(conn, scope, settings, subject, f"{kind} · 红黄绿灯按牵头单位、县区", columns)
    return replace(section, department_header="牵头单位", alert=f"{subject}.red")


def review_section(conn: Connection, scope: Scope, settings: Settings) -> CountSection:
    """好差评: the reviews, 好评率, 差评 and their 整改 (rate, and those not rectified on time), by department and
    district."""
    section = _section(conn, scope, settings, "reviews", "好差评 · 差评与整改", REVIEW_COLUMNS)
    total, bad, late = breakdown.counts(conn, scope, [k for _h, k in REVIEW_COLUMNS], settings.rag).values()
    figures = (
        Figure("评价", fmt.count(total), "reviews.all"),
        Figure("好评率", fmt.percent(reviews.good_review_rate(conn, scope).value)),
        Figure("差评", fmt.count(bad), "reviews.bad"),
        Figure("差评整改率", fmt.percent(reviews.bad_review_rectify_rate(conn, scope).value)),
        Figure("未按期整改", fmt.count(late), "reviews.bad_late"),
    )
    return replace(section, figures=figures, alert="reviews.bad_late")


def refusal_section(conn: Connection, scope: Scope, settings: Settings) -> CountSection:
    """对企业说“不”: the refusals, their 提级 (rate, and those not escalated before the enterprise was told) and the
    改判率, by department and district."""
    section = _section(conn, scope, settings, "refusals", "对企业说“不” · 提级复核", REFUSAL_COLUMNS)
    total, late = breakdown.counts(conn, scope, [k for _h, k in REFUSAL_COLUMNS], settings.rag).values()
    figures = (
        Figure("说“不”", fmt.count(total), "refusals.all"),
        Figure("提级率", fmt.percent(refusals.refusal_escalation_rate(conn, scope).value)),
        Figure("改判率", fmt.percent(refusals.refusal_overturn_rate(conn, scope).value)),
        Figure("未提级", fmt.count(late), "refusals.not_escalated"),
    )
    return replace(section, figures=figures, alert="refusals.not_escalated")


def service_section(conn: Connection, scope: Scope, settings: Settings) -> CountSection:
    """一件事一次办: the services and those live, by lead department (services are city-wide: no district)."""
    keys = [key for _header, key in SERVICE_COLUMNS]
    departments = breakdown.by_department(conn, scope, keys, settings.rag)
    return CountSection("services", "一件事一次办 · 按牵头单位", SERVICE_COLUMNS, departments, None, "牵头单位")


def count_sections(conn: Connection, scope: Scope, settings: Settings) -> tuple[CountSection, ...]:
    return (
        project_section(conn, scope, settings, "projects", "为企办实事"),
        project_section(conn, scope, settings, "key_projects", "重点项目"),
        review_section(conn, scope, settings),
        refusal_section(conn, scope, settings),
        service_section(conn, scope, settings),
    )
