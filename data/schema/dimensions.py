"""Dimension tables: regions, action groups, departments, indicators, enterprises and the working-day calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


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
    """One calendar day: working day or not, with the holiday's name; ``basis`` says where the answer came from."""

    __tablename__ = "workday"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(String(50))
    basis: Mapped[str] = mapped_column(String(20))
