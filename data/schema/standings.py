"""Issued quarterly standings (骏马奖 / 蜗牛奖 scores and ranks): what a closed quarter's ranking was when it was
issued, kept as stored so later data, overrides or new weights never change it. A correction is a new issue
(``version`` + 1) with its reason and who made it; the earlier issues stay."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


class AwardIssue(Base):
    """One issue of a quarter's standings: the rule it was computed by (version, weights, minimum activity, tie
    rule), the instant it is as of (the quarter's end), when and by whom it was issued, and why (re-issues)."""

    __tablename__ = "award_issue"
    __table_args__ = (UniqueConstraint("period", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(6), index=True)
    version: Mapped[int] = mapped_column(Integer)
    rule_version: Mapped[str] = mapped_column(String(40))
    weights: Mapped[str] = mapped_column(Text)
    min_items: Mapped[int] = mapped_column(Integer)
    tie_rule: Mapped[str] = mapped_column(String(20))
    as_of: Mapped[datetime] = mapped_column(DateTime)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)


class AwardStanding(Base):
    """One department's line of an issue: its rank (None = not ranked, ``standing`` says why), score, number of
    scored items, score parts and 蜗牛奖 triggers (JSON), and the award it was proposed for."""

    __tablename__ = "award_standing"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("award_issue.id", ondelete="CASCADE"), index=True)
    department: Mapped[str] = mapped_column(String(100))
    rank: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    items: Mapped[int] = mapped_column(Integer)
    standing: Mapped[str | None] = mapped_column(String(40))
    parts: Mapped[str] = mapped_column(Text)
    triggers: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str | None] = mapped_column(String(10))
