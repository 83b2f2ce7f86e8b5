"""Declarative base, naming convention and the lineage columns every fact row carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Lineage:
    """Where a fact row came from: the source label, the ETL run that wrote it last, and when."""

    source: Mapped[str | None] = mapped_column(String(200))
    etl_run_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("etl_run.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
