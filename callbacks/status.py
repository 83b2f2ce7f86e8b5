"""``/api/status``: the cheap endpoint the browsers poll — data version, as-of time, stale sources, build id.

It never carries data, only the facts needed to decide whether to fetch new page content.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from dash import Dash
from flask import jsonify

from config import Settings
from data.clock import local_now
from data.engine import Store
from data.version import data_version, source_as_of
from layouts import format as fmt

STATUS_PATH = "/api/status"
BUILD_ID = f"{int(time.time())}"


def source_label(kind: str) -> str:
    """The operator's name for a source kind (企业诉求台账 …), falling back to the kind itself."""
    from etl.kinds import get_kind

    try:
        return get_kind(kind).label
    except (KeyError, ValueError):
        return kind


def stale_sources(as_of: dict[str, datetime], cadence_hours: dict[str, float], now: datetime) -> list[str]:
    """Source kinds whose last successful load is older than their expected cadence, in cadence-table order."""
    return [
        kind for kind, hours in cadence_hours.items() if kind in as_of and now - as_of[kind] > timedelta(hours=hours)
    ]


def read_status(store: Store, settings: Settings) -> dict[str, Any]:
    """The status document: ``version``, ``as_of`` (text), ``stale`` (source labels), ``build``."""
    with store.read() as conn:
        version = data_version(conn)
        per_source = source_as_of(conn)
    latest = max(per_source.values()) if per_source else None
    stale = stale_sources(per_source, settings.source_cadence_hours, local_now(settings.timezone))
    return {
        "version": version,
        "as_of": fmt.stamp(latest),
        "stale": [source_label(kind) for kind in stale],
        "build": BUILD_ID,
    }


def register(app: Dash, store: Store, settings: Settings) -> None:
    def api_status() -> Any:
        response = jsonify(read_status(store, settings))
        response.headers["Cache-Control"] = "no-store"
        return response

    app.server.add_url_rule(STATUS_PATH, "battlemap_status", api_status)
