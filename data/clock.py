"""The city's wall-clock time. Times in the store are naive local times of the configured timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"  # the product's default ``app.timezone``


def utc_now() -> datetime:
    """The instant now (aware, UTC): the one reading of the system clock every local time derives from."""
    return datetime.now(UTC)


def local_now(timezone: str) -> datetime:
    """Now in ``timezone`` as a naive datetime, to the second."""
    return utc_now().astimezone(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)


def local_today(timezone: str) -> date:
    return local_now(timezone).date()
