"""The screens a hall runs (issue 18): each wall's last heartbeat, what operators told the screens to do (freeze,
reload, quiet hours, notices). Every such action is audited in ``audit_event`` (``data.audit``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base

ALL_SCREENS = "*"  # the target of an action for every screen, present and future


class Screen(Base):
    """One named wall as its last status poll described it; ``last_seen`` and ``loaded_at`` are server times."""

    __tablename__ = "screen"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    page: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[str | None] = mapped_column(String(40))
    canvas: Mapped[str | None] = mapped_column(String(20))
    uptime_seconds: Mapped[int] = mapped_column(Integer, default=0)
    heap_mb: Mapped[float | None] = mapped_column(Float)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)


class ScreenControl(Base):
    """What one screen (or ``ALL_SCREENS``) is told to do. ``frozen_page`` and the quiet hours: NULL = as for all
    screens, ``""`` = explicitly not (rotate; no quiet hours). ``reload_seq`` goes up with every reload asked for."""

    __tablename__ = "screen_control"
    target: Mapped[str] = mapped_column(String(40), primary_key=True)
    frozen_page: Mapped[str | None] = mapped_column(String(40))
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    reload_seq: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ScreenNotice(Base):
    """A message put up on one screen or all: a banner or the whole screen, from ``starts_at`` until ``ends_at``."""

    __tablename__ = "screen_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text)
    mode: Mapped[str] = mapped_column(String(10))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class FigureHold(Base):
    """One headline figure of the public screens: the value last confirmed (by plausibility or by an operator) with
    its build and as-of time; a change beyond the plausibility band held for an operator (``held_*``, with the loads
    since the confirmed value); the last value an operator rejected."""

    __tablename__ = "figure_hold"
    figure: Mapped[str] = mapped_column(String(40), primary_key=True)
    confirmed_value: Mapped[float | None] = mapped_column(Float)
    confirmed_token: Mapped[str] = mapped_column(String(40))
    confirmed_as_of: Mapped[datetime | None] = mapped_column(DateTime)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime)
    held_value: Mapped[float | None] = mapped_column(Float)
    held_token: Mapped[str | None] = mapped_column(String(40))
    held_since: Mapped[datetime | None] = mapped_column(DateTime)
    held_runs: Mapped[str | None] = mapped_column(Text)
    rejected_value: Mapped[float | None] = mapped_column(Float)
