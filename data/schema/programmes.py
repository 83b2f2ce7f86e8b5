"""The study report's standing programmes: 对标提升 微改革 measures, 为企服务专班 squads and 清风行动 counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base, Lineage


class Squad(Lineage, Base):
    """A 为企服务专班 (土地、金融、法律 …) that appeals and 清障 issues can be routed to; its lead department,
    member units and contacts are internal data (``contact_*`` are personal data and never reach the wall)."""

    __tablename__ = "squad"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    domain: Mapped[str | None] = mapped_column(String(30))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    members: Mapped[str | None] = mapped_column(String(500))
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))


class ReformMeasure(Lineage, Base):
    """One 微改革 measure of a department's 对标提升清单: its benchmark (省内/省外 city and indicator), its planned
    and actual dates and its result. Its colour is computed by the projects' rule, never stored."""

    __tablename__ = "reform_measure"
    id: Mapped[int] = mapped_column(primary_key=True)
    measure_no: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    benchmark_scope: Mapped[str | None] = mapped_column(String(10))
    benchmark_city: Mapped[str | None] = mapped_column(String(50))
    benchmark_indicator: Mapped[str | None] = mapped_column(String(100))
    planned_start: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    planned_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))
    result: Mapped[str | None] = mapped_column(Text)
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_reason: Mapped[str | None] = mapped_column(String(500))


class CleanWindCount(Lineage, Base):
    """A department's counts for one month of a 清风行动 campaign (grass-roots law-enforcement discipline): problems
    found and rectified, cases 通报曝光, 立案审查, 移送起诉. Counts only: no person is ever stored."""

    __tablename__ = "clean_wind_count"
    __table_args__ = (UniqueConstraint("campaign", "period", "department_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    problems_found: Mapped[int] = mapped_column(Integer, default=0)
    problems_rectified: Mapped[int] = mapped_column(Integer, default=0)
    exposed: Mapped[int] = mapped_column(Integer, default=0)
    investigated: Mapped[int] = mapped_column(Integer, default=0)
    prosecuted: Mapped[int] = mapped_column(Integer, default=0)
