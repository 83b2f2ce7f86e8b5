"""Dimension tables: regions, action groups, departments, indicators, enterprises and the working-day calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base, Lineage


class Region(Base):
    """A county-level unit, a park, or the city itself (type ``city``); ``tile_x/y`` place it on the tile map."""

    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    parent_code: Mapped[str | None] = mapped_column(String(20))
    tile_x: Mapped[int | None] = mapped_column(Integer)
    tile_y: Mapped[int | None] = mapped_column(Integer)


class ActionGroup(Base):
    """One of the six 专项行动组."""

    __tablename__ = "action_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str | None] = mapped_column(String(20))
    action_group_id: Mapped[int | None] = mapped_column(ForeignKey("action_group.id"))


class Indicator(Base):
    """One of the evaluation areas (18 in the national framework); ``position`` keeps the framework's order."""

    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    position: Mapped[int] = mapped_column(Integer)


class Enterprise(Base):
    """An enterprise; ``name`` is the natural key because exports do not always carry the credit code."""

    __tablename__ = "enterprise"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    credit_code: Mapped[str | None] = mapped_column(String(18), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    park_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    scale: Mapped[str | None] = mapped_column(String(20))
    tags: Mapped[str | None] = mapped_column(String(200))


class Workday(Base):
    """One calendar day: working day or not, with the holiday's name (or 调休上班). ``basis`` says where the answer
    came from: ``config`` (the TOML file), ``file`` (an imported arrangement, run ``etl_run_id``), ``package``
    (``chinese_calendar``) or ``weekend`` (no arrangement known: Monday–Friday are working days)."""

    __tablename__ = "workday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(50))
    basis: Mapped[str] = mapped_column(String(20))
    etl_run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("etl_run.id"))


class HolidayDay(Lineage, Base):
    """One day an imported holiday arrangement (节假日安排) names: a day off of a holiday, or a 调休 working day.
    ``year`` is the arrangement's year (元旦 of 2023 began on 2022-12-31); loading a year replaces its days."""

    __tablename__ = "holiday_day"
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(String(50))
