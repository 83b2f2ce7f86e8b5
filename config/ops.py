"""Operations settings: how the production server runs ([server]), SQLite's patience with a busy writer
([database]) and the scheduler's heartbeat — parsed from the merged TOML and the environment."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Environment switches that turn Flask / Dash debugging on; production mode refuses to start with any of them set.
DEBUG_ENV = ("FLASK_DEBUG", "DASH_DEBUG", "DASH_DEV_TOOLS_UI", "DASH_DEV_TOOLS_HOT_RELOAD")
TRUTHY = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ServerConfig:
    """``battlemap serve --prod``: gunicorn workers × threads, request timeout; ``debug`` must stay off in it.

    ``debug_env`` lists the debugging environment variables found switched on. ``trusted_proxies``: addresses or
    networks of reverse proxies whose ``X-Forwarded-For`` / ``X-Forwarded-Proto`` / ``X-Forwarded-Host`` are
    believed; ``max_upload_mb``: the largest request body accepted; ``brief_timeout``: the seconds the meeting brief
    may take, queries and rendering (``timeout`` bounds every request's queries). ``scheduler_heartbeat_seconds``
    ([scheduler] heartbeat_seconds): how often the scheduler process says it is alive; /health reads it."""

    workers: int = 2
    threads: int = 8
    timeout: int = 60
    graceful_timeout: int = 30
    max_requests: int = 0
    debug: bool = False
    debug_env: tuple[str, ...] = ()
    scheduler_heartbeat_seconds: float = 30.0
    trusted_proxies: tuple[str, ...] = ()
    max_upload_mb: float = 50.0
    brief_timeout: float = 30.0


@dataclass(frozen=True)
class DatabaseConfig:
    """SQLite only: how long one write waits for another writer's lock, and how many more times it tries."""

    busy_timeout_seconds: float = 30.0
    busy_retries: int = 2


QR_CORNERS = ("top-right", "top-left")
QR_SIZES = (48, 84)  # design pixels: the header band is 96 high, and the code sits in it with its frame


@dataclass(frozen=True)
class ScreensConfig:
    """The wall as one of several screens ([wall]): ``screen`` its name when the URL gives none (``/wall?screen=``
    wins); the QR code to ``/m`` — ``qr`` on/off, ``qr_corner`` (which end of the header band), ``qr_size`` (design
    pixels, small enough for the band), ``qr_url`` (the address
    phones open; empty: the wall's own address with ``/m``). [plausibility]: how far a headline figure may move between
    two data versions before it is held for an operator — a count falling by ``count_drop_percent`` %, a rate by
    ``rate_jump_points`` percentage points."""

    screen: str = "大屏"
    qr: bool = True
    qr_corner: str = "top-right"
    qr_size: int = 80
    qr_url: str = ""
    count_drop_percent: float = 10.0
    rate_jump_points: float = 5.0


def screens_config(raw: Mapping[str, Any]) -> ScreensConfig:
    wall, band = raw.get("wall", {}), raw.get("plausibility", {})
    corner = str(wall.get("qr_corner", "top-right"))
    if corner not in QR_CORNERS:
        raise ValueError(f"[wall] qr_corner 应为 {' / '.join(QR_CORNERS)} 之一，现为 {corner!r}")
    size = int(wall.get("qr_size", 80))
    if not QR_SIZES[0] <= size <= QR_SIZES[1]:
        raise ValueError(
            f"[wall] qr_size 应在 {QR_SIZES[0]} 到 {QR_SIZES[1]}（设计画布像素，置于标题栏内）之间，现为 {size}"
        )
    return ScreensConfig(
        screen=str(wall.get("screen", "大屏")),
        qr=bool(wall.get("qr", True)),
        qr_corner=corner,
        qr_size=size,
        qr_url=str(wall.get("qr_url", "")),
        count_drop_percent=_positive(band, "count_drop_percent", 10.0),
        rate_jump_points=_positive(band, "rate_jump_points", 5.0),
    )


def _positive(section: Mapping[str, Any], key: str, default: float) -> float:
    value = float(section.get(key, default))
    if value <= 0:
        raise ValueError(f"[plausibility] {key} 应为正数，现为 {value:g}")
    return value


def _networks(values: Any) -> tuple[str, ...]:
    """``[server] trusted_proxies``: each an IP address or a network (``10.0.0.0/8``), checked here."""
    if isinstance(values, str):
        values = [values]
    try:
        return tuple(str(ipaddress.ip_network(str(v).strip(), strict=False)) for v in values)
    except ValueError as exc:
        raise ValueError(f"[server] trusted_proxies 应为 IP 地址或网段（如 10.0.0.0/8）的列表：{exc}") from exc


def server_config(raw: Mapping[str, Any], environ: Mapping[str, str]) -> ServerConfig:
    section = raw.get("server", {})
    return ServerConfig(
        workers=int(section.get("workers", 2)),
        threads=int(section.get("threads", 8)),
        timeout=int(section.get("timeout", 60)),
        graceful_timeout=int(section.get("graceful_timeout", 30)),
        max_requests=int(section.get("max_requests", 0)),
        debug=bool(section.get("debug", False)),
        debug_env=tuple(name for name in DEBUG_ENV if environ.get(name, "").strip().lower() in TRUTHY),
        scheduler_heartbeat_seconds=float(raw.get("scheduler", {}).get("heartbeat_seconds", 30)),
        trusted_proxies=_networks(section.get("trusted_proxies", ())),
        max_upload_mb=float(section.get("max_upload_mb", 50)),
        brief_timeout=float(section.get("brief_timeout", 30)),
    )


def database_config(raw: Mapping[str, Any]) -> DatabaseConfig:
    section = raw.get("database", {})
    return DatabaseConfig(
        busy_timeout_seconds=float(section.get("busy_timeout_seconds", 30)),
        busy_retries=int(section.get("busy_retries", 2)),
    )
