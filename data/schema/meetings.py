"""The 调度会 marks (issue 16): each meeting an operator marked, who marked it and when, and the snapshot of the
battle map as of the meeting that ``data.since_meeting`` compares today's with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


class MeetingMark(Base):
    """One marked 调度会: ``meeting_on`` its day, ``as_of`` the instant the snapshot describes (the marking instant
    on the day itself, the end of an earlier day), ``snapshot`` that state as JSON (``data.since_meeting``);
    ``title`` the operator's optional name for it (第 12 次调度会)."""

    __tablename__ = "meeting_mark"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_on: Mapped[date] = mapped_column(Date, index=True)
    as_of: Mapped[datetime] = mapped_column(DateTime)
    marked_at: Mapped[datetime] = mapped_column(DateTime)
    marked_by: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(100))
    snapshot: Mapped[str] = mapped_column(Text)
