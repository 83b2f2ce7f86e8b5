"""The city's wall-clock time. Times in the store are naive local times of the configured timezone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"  # the product's default ``app.timezone``


def local_now(timezone: str) -> datetime:
    """Now in ``timezone`` as a naive datetime, to the second."""
    return datetime.now(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)


def local_today(timezone: str) -> date:
    return local_now(timezone).date()
