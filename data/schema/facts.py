"""Fact tables of DESIGN §3: appeals, 清障 issues, projects, visits, reviews, refusals, services, evaluations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base, Lineage


class Appeal(Lineage, Base):
    """One enterprise appeal ticket (企业诉求); ``content``, ``contact_*`` are personal data."""

    __tablename__ = "appeal"
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(50), unique=True)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprise.id"), index=True)
    credit_code: Mapped[str | None] = mapped_column(String(18))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    park_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    category: Mapped[str | None] = mapped_column(String(50))
    channel: Mapped[str | None] = mapped_column(String(50), index=True)
    urgency: Mapped[str | None] = mapped_column(String(10))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    first_contact_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    # True when the source gave no 办理时限 and due_at was counted in working days (recounted when the calendar moves)
    due_derived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    revisit_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))
    resolution: Mapped[str | None] = mapped_column(String(20))
    satisfaction: Mapped[int | None] = mapped_column(Integer)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    is_escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    squad_id: Mapped[int | None] = mapped_column(ForeignKey("squad.id"), index=True)
    content: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(30))


class ClearanceIssue(Lineage, Base):
    """One problem of the 清障 drive, moving 全量问题清单 → 分类整改清单 → 逐批销号清单."""

    __tablename__ = "clearance_issue"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_no: Mapped[str] = mapped_column(String(50), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    origin: Mapped[str | None] = mapped_column(String(50))
    action_group_id: Mapped[int | None] = mapped_column(ForeignKey("action_group.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    stage: Mapped[str | None] = mapped_column(String(20))
    rectify_type: Mapped[str | None] = mapped_column(String(20))
    found_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    batch: Mapped[int | None] = mapped_column(Integer)
    squad_id: Mapped[int | None] = mapped_column(ForeignKey("squad.id"), index=True)


class Project(Lineage, Base):
    """A 为企办实事 item or key project; its colour is computed from milestones, never stored."""

    __tablename__ = "project"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_no: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    investment_plan: Mapped[float | None] = mapped_column(Float)
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    blocked_reason: Mapped[str | None] = mapped_column(String(500))
    override_status: Mapped[str | None] = mapped_column(String(10))
    override_reason: Mapped[str | None] = mapped_column(String(500))


class Milestone(Lineage, Base):
    """One 倒排工期 node of a project: its weight and planned / actual completion dates."""

    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("project_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    weight: Mapped[float | None] = mapped_column(Float)
    planned_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


class Progress(Lineage, Base):
    """A project's monthly report: cumulative investment (万元) and physical progress (%)."""

    __tablename__ = "progress"
    __table_args__ = (UniqueConstraint("project_id", "month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    investment_to_date: Mapped[float | None] = mapped_column(Float)
    physical_pct: Mapped[float | None] = mapped_column(Float)


class Cadre(Lineage, Base):
    """A cadre stationed in enterprises (驻企干部) on the county/park grid; ``name`` is personal data."""

    __tablename__ = "cadre"
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_no: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str | None] = mapped_column(String(50))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)


class Assignment(Lineage, Base):
    """A cadre assigned to serve an enterprise."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("cadre_id", "enterprise_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    since: Mapped[date | None] = mapped_column(Date)


class Visit(Lineage, Base):
    """One visit of a stationed cadre to an enterprise (驻企走访)."""

    __tablename__ = "visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_no: Mapped[str] = mapped_column(String(50), unique=True)
    cadre_id: Mapped[int] = mapped_column(ForeignKey("cadre.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprise.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    mode: Mapped[str | None] = mapped_column(String(20))
    problems_collected: Mapped[int] = mapped_column(Integer, default=0)
    problems_solved: Mapped[int] = mapped_column(Integer, default=0)
    policies_delivered: Mapped[int] = mapped_column(Integer, default=0)


class Review(Lineage, Base):
    """One 好差评 service evaluation (1–5); 差评 (1–2) carry verification and rectification dates."""

    __tablename__ = "review"
    # 差评 are a fraction of a percent of the reviews: their metrics read this index, not the table.
    __table_args__ = (Index("ix_review_level_reviewed_at", "level", "reviewed_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_no: Mapped[str] = mapped_column(String(50), unique=True)
    service_name: Mapped[str | None] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    channel: Mapped[str | None] = mapped_column(String(30))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    level: Mapped[int] = mapped_column(Integer)
    is_real_name: Mapped[bool] = mapped_column(Boolean, default=False)
    ruled_mistaken: Mapped[bool] = mapped_column(Boolean, default=False)
    rectify_due: Mapped[date | None] = mapped_column(Date)
    rectified_on: Mapped[date | None] = mapped_column(Date)
    revisited_on: Mapped[date | None] = mapped_column(Date)


class Refusal(Lineage, Base):
    """One refusal of an enterprise request (对企业说"不") and its escalated review."""

    __tablename__ = "refusal"
    id: Mapped[int] = mapped_column(primary_key=True)
    refusal_no: Mapped[str] = mapped_column(String(50), unique=True)
    appeal_ticket_no: Mapped[str | None] = mapped_column(String(50))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    reason: Mapped[str | None] = mapped_column(String(500))
    refused_on: Mapped[date] = mapped_column(Date)
    escalated_on: Mapped[date | None] = mapped_column(Date)
    escalated_to: Mapped[str | None] = mapped_column(String(100))
    told_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(20))
    decided_on: Mapped[date | None] = mapped_column(Date)


class ServiceItem(Lineage, Base):
    """One 一件事一次办 integrated service — ``origin`` 省定 (set by the province) or 本地新增 — with its launch
    date and before/after materials, days and trips."""

    __tablename__ = "service_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_no: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    lifecycle_stage: Mapped[str | None] = mapped_column(String(30))
    origin: Mapped[str | None] = mapped_column(String(10))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    launched_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    materials_before: Mapped[int | None] = mapped_column(Integer)
    materials_after: Mapped[int | None] = mapped_column(Integer)
    days_before: Mapped[float | None] = mapped_column(Float)
    days_after: Mapped[float | None] = mapped_column(Float)
    trips_before: Mapped[int | None] = mapped_column(Integer)
    trips_after: Mapped[int | None] = mapped_column(Integer)
    monthly_volume: Mapped[int | None] = mapped_column(Integer)


class IndicatorEval(Lineage, Base):
    """The province's quarterly evaluation of the city: overall (``indicator_id`` null) or one area."""

    __tablename__ = "indicator_eval"
    __table_args__ = (
        Index("uq_indicator_eval_period_indicator", "period", func.coalesce("indicator_id", 0), unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(6))
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id"))
    score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    n_cities: Mapped[int] = mapped_column(Integer)


class EconMetric(Lineage, Base):
    """An economic indicator for a period (``YYYY-MM``, ``YYYYQn`` or ``YYYY``) and region (the city is one)."""

    __tablename__ = "econ_metric"
    __table_args__ = (UniqueConstraint("metric", "period", "region_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(20))
    target: Mapped[float | None] = mapped_column(Float)
    yoy: Mapped[float | None] = mapped_column(Float)


class Award(Lineage, Base):
    """The office's decided quarterly 骏马奖 / 蜗牛奖; it replaces the computed proposal for its quarter."""

    __tablename__ = "award"
    __table_args__ = (UniqueConstraint("period", "department_id", "award"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(6))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    award: Mapped[str] = mapped_column(String(10))
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[str | None] = mapped_column(Text)
