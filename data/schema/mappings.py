"""Saved import mappings (导入方案): how one source's headers and labels map to a kind's fields, and who saved it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from data.schema.base import Base


class ImportMapping(Base):
    """One source's mapping, found again by its kind and header set (``header_key``, a hash of the cleaned headers).

    ``columns``: header as written → field name; ``labels``: field name → {label as written → stored value}.
    """

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("kind", "header_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    header_key: Mapped[str] = mapped_column(String(40))
    headers: Mapped[list] = mapped_column(JSON)
    columns: Mapped[dict] = mapped_column(JSON)
    labels: Mapped[dict] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
