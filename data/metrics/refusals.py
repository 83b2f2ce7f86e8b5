"""对企业说"不" metrics: 提级率, 改判率, the refusal count, the refusals overturned and the refusals by decision.

Which date puts a refusal in the period: ``refused_on``.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from data.metrics.rate import Rate, RateQuery, counted_rate
from data.metrics.scope import DEPARTMENT, Scope, not_after, scope_where
from data.schema import Refusal

REFUSAL = Refusal.__table__
rf = REFUSAL.c
OVERTURNED = ("改为支持", "协调办理")
DECISIONS = ("维持", *OVERTURNED, "指引")
UNDECIDED = "待复核"


def refused_clauses(scope: Scope) -> list[ColumnElement[bool]]:
    return scope_where(scope, REFUSAL, rf.refused_on)


def refusal_escalation_rate(conn: Connection, scope: Scope) -> Rate:
    """说"不"提级率 = refusals escalated (by today) before, or on the day, the enterprise was told (or not yet told)
    ÷ all refusals in the period."""
    escalated_first = and_(
        not_after(rf.escalated_on, scope.today), or_(rf.told_on.is_(None), rf.escalated_on <= rf.told_on)
    )
    return counted_rate(REFUSAL, escalated_first, refused_clauses(scope), "提级率").fetch(conn)


def overturn_query(scope: Scope) -> RateQuery:
    """改判率 = refusals whose review decided 改为支持 or 协调办理 ÷ refusals of the period with a decision."""
    return counted_rate(
        REFUSAL, rf.decision.in_(OVERTURNED), [*refused_clauses(scope), rf.decision.is_not(None)], "改判率"
    )


def refusal_overturn_rate(conn: Connection, scope: Scope) -> Rate:
    return overturn_query(scope).fetch(conn)


def refusal_count(conn: Connection, scope: Scope) -> int:
    """Refusals in the period.

    口径：对企业说“不” = 本期内向企业说“不”的事项件数。
    """
    return int(conn.execute(select(func.count()).select_from(REFUSAL).where(*refused_clauses(scope))).scalar_one())


def overturned_refusals(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The refusals of the period that were overturned: columns refusal_no, department, decision; by refusal no."""
    query = (
        select(rf.refusal_no, DEPARTMENT.c.name, rf.decision)
        .select_from(REFUSAL.join(DEPARTMENT, DEPARTMENT.c.id == rf.department_id))
        .where(*refused_clauses(scope), rf.decision.in_(OVERTURNED))
        .order_by(rf.refusal_no)
    )
    return pd.DataFrame(conn.execute(query).all(), columns=["refusal_no", "department", "decision"])


def refusals_by_decision(conn: Connection, scope: Scope) -> pd.DataFrame:
    """The refusals of the period by the decision of their review: 维持, 改为支持, 协调办理, 指引 (each shown, 0 when
    none), any other decision recorded, and 待复核 for those without one. Columns decision, refusals.

    口径：说“不”复核结果 = 本期说“不”事项按复核决定（维持、改为支持、协调办理、指引）分别计数，尚无决定的计为待复核。
    """
    query = select(rf.decision, func.count()).where(*refused_clauses(scope)).group_by(rf.decision)
    counted = {decision or UNDECIDED: int(n) for decision, n in conn.execute(query)}
    others = sorted(set(counted) - {*DECISIONS, UNDECIDED})
    shown = [*DECISIONS, *others, *([UNDECIDED] if UNDECIDED in counted else [])]
    return pd.DataFrame([(d, counted.get(d, 0)) for d in shown], columns=["decision", "refusals"])
