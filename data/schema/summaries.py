"""Summary tables (DESIGN §4: "rates … in summary tables the ETL refreshes"): appeals and service reviews counted
per day and per filterable dimension, so metrics over a million facts read a few thousand rows.

Each table has one date role — the day that puts a row in a period (received, due, closed, revisited, reviewed) —
and the columns a ``Scope`` filters on (region, park, department), plus the categories the breakdowns group by.
Only ``data.summaries.refresh_summaries`` writes them, inside the load transaction that changed the facts; the
counting rules (on time, rated, satisfied …) are the metric modules' own clauses.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


class AppealScope:
    """The filter and grouping columns every appeal summary carries (ids, not foreign keys: a summary is rebuilt
    whole, never edited)."""

    region_id: Mapped[int] = mapped_column(Integer)
    park_id: Mapped[int | None] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str | None] = mapped_column(String(50))
    category: Mapped[str | None] = mapped_column(String(50))


class AppealReceivedDaily(AppealScope, Base):
    """Appeals by the day they were received: counts, ratings, repeats and 已解决 answers."""

    __tablename__ = "appeal_received_daily"
    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    appeals: Mapped[int] = mapped_column(Integer)
    rated: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer)
    satisfied_broad: Mapped[int] = mapped_column(Integer)
    repeats: Mapped[int] = mapped_column(Integer)
    solved: Mapped[int] = mapped_column(Integer)
    solved_rated: Mapped[int] = mapped_column(Integer)
    solved_satisfied: Mapped[int] = mapped_column(Integer)


class AppealDueDaily(AppealScope, Base):
    """Appeals by the day they were due. ``on_time``: closed by their due time. Appeals closed late are kept apart
    by ``late_closed_on`` (NULL for the rest), so "closed by day X" and "still open on day X" stay exact for any
    as-of day: closed by X = on_time + (late_closed_on ≤ X ? due : 0)."""

    __tablename__ = "appeal_due_daily"
    id: Mapped[int] = mapped_column(primary_key=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    late_closed_on: Mapped[date | None] = mapped_column(Date)
    due: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)


class AppealClosedDaily(AppealScope, Base):
    """Appeals by the day they were closed."""

    __tablename__ = "appeal_closed_daily"
    id: Mapped[int] = mapped_column(primary_key=True)
    closed_on: Mapped[date] = mapped_column(Date, index=True)
    closed: Mapped[int] = mapped_column(Integer)


class AppealRevisitedDaily(AppealScope, Base):
    """Appeals revisited with an answer, by the day of the revisit; ``solved`` answered 已解决."""

    __tablename__ = "appeal_revisited_daily"
    id: Mapped[int] = mapped_column(primary_key=True)
    revisit_on: Mapped[date] = mapped_column(Date, index=True)
    revisited: Mapped[int] = mapped_column(Integer)
    solved: Mapped[int] = mapped_column(Integer)


class ReviewDaily(Base):
    """好差评 reviews by the day given, department, region, channel and level (1–5)."""

    __tablename__ = "review_daily"
    id: Mapped[int] = mapped_column(primary_key=True)
    reviewed_on: Mapped[date] = mapped_column(Date, index=True)
    region_id: Mapped[int | None] = mapped_column(Integer)
    department_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str | None] = mapped_column(String(30))
    level: Mapped[int] = mapped_column(Integer)
    reviews: Mapped[int] = mapped_column(Integer)
