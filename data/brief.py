"""The meeting brief (调度清单): what the meeting takes away, for one scope — every subject of the battle map as a
chapter with its figures and tables (``SUBJECTS``, the one table both renderers iterate). Plain data (``data.
brief_model``); ``exports`` renders it.

Every list is a drill-down measure (``data.drilldown``) or a metric function's table, so the brief, the page and
its click-throughs agree. The brief is a summary whose size does not grow with the facts: each table shows at most
``max_rows`` rows (lists counted and grouped by department in SQL, never fetched whole) and says how many more there
are and where their row export is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Connection

from config import Settings
from data.brief_evaluation import award_subject, economy_subject, evaluation_subject, refusal_subject, review_subject
from data.brief_model import Brief, BriefContext, Section, Subject, SubjectBuilder, no_link
from data.brief_programmes import clean_wind_subject, reform_subject, service_subject, squad_subject
from data.brief_subjects import appeal_subject, clearance_subject, observer_subject, project_subject, visit_subject
from data.metrics.scope import Scope
from data.version import as_of

__all__ = ["BRIEF_ROWS", "SUBJECTS", "Brief", "Section", "Subject", "build_brief"]

BRIEF_ROWS = 200  # rows each table of the brief shows at most

SUBJECTS: tuple[tuple[str, SubjectBuilder], ...] = (
    ("企业诉求", appeal_subject),
    ("为企办实事 · 重点项目", project_subject),
    ("清障行动", clearance_subject),
    ("驻企服务", visit_subject),
    ("亲清观察员", observer_subject),
    ("全省营商环境评价", evaluation_subject),
    ("好差评", review_subject),
    ("对企业说“不”", refusal_subject),
    ("一件事一次办", service_subject),
    ("经济指标", economy_subject),
    ("骏马奖 · 蜗牛奖", award_subject),
    ("对标提升微改革", reform_subject),
    ("为企服务专班", squad_subject),
    ("清风行动", clean_wind_subject),
)
"""The brief's chapters in order: each subject's title and the builder of its figures and tables."""


def build_brief(
    conn: Connection,
    scope: Scope,
    settings: Settings,
    filters_text: str,
    now: datetime,
    *,
    max_rows: int = BRIEF_ROWS,
    rows_link: Callable[[str], str] = no_link,
) -> Brief:
    """The brief for ``scope``: its tables cut at ``max_rows`` rows, each list naming the row export (``rows_link``
    of the measure key) for the rest."""
    context = BriefContext(conn, scope, settings, max_rows, rows_link)
    subjects = tuple(Subject(title, *build(context)) for title, build in SUBJECTS)
    return Brief(
        title=f"{settings.title} · 调度清单",
        as_of=as_of(conn),
        generated_at=now,
        filters_text=filters_text,
        subjects=subjects,
    )
