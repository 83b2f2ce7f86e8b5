"""The city's wall-clock time. Times in the store are naive local times of the configured timezone."""

from __future__ import annotations

import logging
import time
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


def log_in_zone(timezone: str, fmt: str = "%(asctime)s %(levelname)s %(name)s: %(message)s") -> None:
    """Log at INFO with every record's time in ``timezone`` (the city's), whatever the machine's zone is."""
    logging.basicConfig(level=logging.INFO, format=fmt)
    zone = ZoneInfo(timezone)

    def converter(seconds: float | None) -> time.struct_time:
        return datetime.fromtimestamp(time.time() if seconds is None else seconds, zone).timetuple()

    logging.Formatter.converter = staticmethod(converter)  # type: ignore[assignment]
