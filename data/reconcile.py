"""The reconciliation check: every headline figure of the wall's 总览 recomputed from the fact rows — never the
daily summaries the wall reads — and compared with what the wall serves. A difference means a summary is out of
step with its facts; each is listed with both values.

The counting clauses are the metric modules' own (the rows behind each figure), so the check tests the summaries
and the cache, not a second definition.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from config import Settings
from data.metrics import appeals, clearance
from data.metrics.projects import rag_counts
from data.metrics.scope import Scope
from data.metrics.sql import count_if
from data.status import STATUS_ORDER, STATUSES

FIGURES = {
    "appeals": "受理企业诉求（件）",
    "on_time": "按时办结率",
    "satisfaction": "满意率（严格口径）",
    "resolution": "企业诉求解决率",
    "clearance_closed": "清障已销号（项）",
    "clearance_total": "清障问题总数（项）",
    **{f"projects_{code}": f"为企办实事·{STATUSES[code].word}（项）" for code in STATUS_ORDER},
    "observer_leads": "亲清观察员线索（条）",
    "observer_solved": "观察员线索已解决（条）",
}
"""The figures checked, in the order they are listed, with their names for people."""


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    served: Any
    facts: Any


@dataclass(frozen=True)
class CheckResult:
    """One check: when, as of which instant, the figures compared and the differences found."""

    checked_at: datetime
    as_of: datetime
    facts: dict[str, Any]
    differences: tuple[Difference, ...]

    @property
    def ok(self) -> bool:
        return not self.differences

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked_at": self.checked_at.isoformat(sep=" "),
            "as_of": self.as_of.isoformat(sep=" "),
            "figures": len(self.facts),
            "differences": [
                {"figure": d.key, "label": d.label, "served": d.served, "facts": d.facts} for d in self.differences
            ],
        }


def _count(conn: Connection, where: list[ColumnElement[bool]]) -> int:
    return int(conn.execute(select(func.count()).select_from(appeals.APPEAL).where(*where)).scalar_one())


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def fact_figures(conn: Connection, scope: Scope, settings: Settings) -> dict[str, Any]:
    """The figures of ``FIGURES`` for ``scope``, each counted over the fact rows."""
    ap = appeals.APPEAL.c
    received = appeals.received_rows(scope)
    rated = appeals.rated_rows(scope)
    revisited = appeals.revisited_rows(scope)
    observer = [*received, ap.channel == appeals.OBSERVER_CHANNEL]
    leads, solved = conn.execute(
        select(func.count(), count_if(ap.resolution == appeals.SOLVED)).select_from(appeals.APPEAL).where(*observer)
    ).one()
    cleared = clearance.clearance_close_rate(conn, scope)
    colours = rag_counts(conn, scope, settings.rag)
    return {
        "appeals": _count(conn, received),
        "on_time": _share(_count(conn, appeals.on_time_rows(scope)), _count(conn, appeals.due_rows(scope))),
        "satisfaction": _share(_count(conn, [*rated, appeals.satisfied_clause(True)]), _count(conn, rated)),
        "resolution": _share(_count(conn, [*revisited, ap.resolution == appeals.SOLVED]), _count(conn, revisited)),
        "clearance_closed": int(cleared.numerator),
        "clearance_total": int(cleared.denominator),
        **{f"projects_{code}": n for code, n in colours.items()},
        "observer_leads": int(leads),
        "observer_solved": int(solved),
    }


def _same(served: Any, facts: Any) -> bool:
    if isinstance(served, float) or isinstance(facts, float):
        return served is not None and facts is not None and math.isclose(served, facts, rel_tol=0, abs_tol=1e-9)
    return served == facts


def compare(served: Mapping[str, Any], facts: Mapping[str, Any]) -> tuple[Difference, ...]:
    """Every figure of ``FIGURES`` whose served value differs from the facts' (a missing one differs too)."""
    return tuple(
        Difference(key, label, served.get(key), facts.get(key))
        for key, label in FIGURES.items()
        if not _same(served.get(key), facts.get(key))
    )


def check(conn: Connection, scope: Scope, settings: Settings, served: Mapping[str, Any], now: datetime) -> CheckResult:
    facts = fact_figures(conn, scope, settings)
    return CheckResult(now, scope.moment, facts, compare(served, facts))
