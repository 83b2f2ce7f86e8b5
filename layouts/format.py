"""How numbers, times and names are written on the screens, and the one rule that masks enterprise names."""

from __future__ import annotations

import math
from datetime import datetime

MASK = "**"
DASH = "—"


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None) -> str:
    """``9123`` → ``'9,123'``; a missing value is a dash."""
    return DASH if is_missing(value) else f"{round(value):,d}"


def percent(share: float | None, digits: int = 1) -> str:
    """A share 0–1 as ``'98.1%'``; a missing share (no denominator) is a dash, never ``0%``."""
    return DASH if is_missing(share) else f"{share * 100:.{digits}f}%"


def percent_number(share: float | None, digits: int = 1) -> str:
    """The digits of :func:`percent` without the sign, for counters that print the unit apart."""
    return DASH if is_missing(share) else f"{share * 100:.{digits}f}"


def signed(value: float | None, digits: int = 1) -> str:
    return DASH if is_missing(value) else f"{value:+.{digits}f}"


def stamp(moment: datetime | None) -> str:
    """``2026-11-27 23:00``; no time yet is a dash."""
    return DASH if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def clock(moment: datetime | None) -> str:
    return DASH if moment is None else moment.strftime("%H:%M")


def mask_name(name: str | None, keep_prefix: int, keep_suffix: int, enabled: bool = True) -> str:
    """Mask the middle of an enterprise name: ``淮川市恒达精密机械有限公司`` → ``淮川市**有限公司``.

    Keeps ``keep_prefix`` leading and ``keep_suffix`` trailing characters; a name too short to keep both keeps
    only its first character. The mask has a fixed width so it does not tell the hidden length.
    """
    if not name:
        return DASH
    if not enabled:
        return name
    if len(name) > keep_prefix + keep_suffix:
        return f"{name[:keep_prefix]}{MASK}{name[len(name) - keep_suffix :] if keep_suffix else ''}"
    return f"{name[:1]}{MASK}"


def duration(seconds: float | None) -> str:
    """A span of time as people say it: 3天4小时, 2小时5分, 12分, 40秒."""
    if seconds is None or seconds < 0:
        return "—"
    total = int(seconds)
    days, hours, minutes = total // 86400, total % 86400 // 3600, total % 3600 // 60
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{minutes}分"
    return f"{minutes}分" if minutes else f"{total}秒"
