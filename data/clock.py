"""The city's wall-clock time. Times in the store are naive local times of the configured timezone.

Every reading of the clock goes through :func:`utc_now`. A test (or a rehearsal of tomorrow's meeting) sets the
clock with :func:`set_clock` — a local time that then runs on from that instant — and ``set_clock(None)`` goes back
to the real clock.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"  # the product's default ``app.timezone``
_offset = timedelta(0)


def set_clock(moment: datetime | None, timezone: str = DEFAULT_TIMEZONE) -> None:
    """From now on the clock reads ``moment`` (naive: local time in ``timezone``) plus the time elapsed since this
    call; None = the real clock again."""
    global _offset
    _offset = timedelta(0) if moment is None else moment.replace(tzinfo=ZoneInfo(timezone)) - datetime.now(UTC)


def utc_now() -> datetime:
    """The instant now (aware, UTC): the one reading of the system clock every local time derives from."""
    return datetime.now(UTC) + _offset


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
