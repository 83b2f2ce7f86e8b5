"""``/api/status``: the cheap endpoint the browsers poll — the served views' version, as-of time, stale sources.

It is answered from the view cache's latest complete build: ``version`` moves on exactly when a new build is ready,
so a browser fetches new page content only when there is some. It never carries data, only the facts needed to decide
whether to fetch. A named wall's poll (``?screen=NAME&page=…``) is also its heartbeat (handed to the background
``HeartbeatWriter``, never waited for) and is answered with that screen's ``orders`` (freeze, reload, quiet hours,
notice — masked like all the wall's text: one small read of the screen tables).
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from dash import Dash
from flask import jsonify, request

from callbacks.views import ViewCache
from config import Settings
from data.clock import local_now
from data.labels import source_kind_name
from data.privacy import scrubber
from data.screens import screen_orders
from etl.screens import HeartbeatWriter, parse_heartbeat, screen_name
from layouts import format as fmt

STATUS_PATH = "/api/status"
OFFLINE_LABEL = "数据库暂不可用，显示的是上次的数据"
BUILD_ID = f"{int(time.time())}"
HEARTBEATS_EXTENSION = "battlemap.heartbeats"  # the process's HeartbeatWriter, for tests


def stale_sources(as_of: dict[str, datetime], cadence_hours: dict[str, float], now: datetime) -> list[str]:
    """Source kinds whose last successful load is older than their expected cadence, in cadence-table order."""
    return [
        kind for kind, hours in cadence_hours.items() if kind in as_of and now - as_of[kind] > timedelta(hours=hours)
    ]


def freshness(per_source: dict[str, datetime], settings: Settings) -> dict[str, Any]:
    """``as_of`` (text), ``stale`` (source labels for the header) and ``stale_kinds`` (for the panels' badges)."""
    latest = max(per_source.values()) if per_source else None
    stale = stale_sources(per_source, settings.source_cadence_hours, local_now(settings.timezone))
    return {"as_of": fmt.stamp(latest), "stale": [source_kind_name(kind) for kind in stale], "stale_kinds": stale}


def read_status(cache: ViewCache, settings: Settings) -> dict[str, Any]:
    """The status document: ``version`` (of the views being served; None before the first build), the freshness
    of that build's data, and ``build`` (the app's start, so a redeploy reloads the wall). While the database
    cannot be read every panel is marked stale and the header says the data shown is the last good one."""
    snapshot = cache.snapshot()
    fresh = freshness(snapshot.source_as_of if snapshot else {}, settings)
    if cache.offline is not None:
        fresh = {**fresh, "stale": [OFFLINE_LABEL], "stale_kinds": list(settings.source_cadence_hours)}
    return {"version": snapshot.token if snapshot else None, **fresh, "build": BUILD_ID}


def orders_for(cache: ViewCache, settings: Settings, name: str | None) -> dict[str, Any]:
    """The orders of screen ``name`` (None: an unnamed wall, which follows those for all screens) as the wall reads
    them, the notice's text through the wall's scrubber like every other text it shows (a number or a name typed
    into a welcome arrives masked)."""
    with cache.store.read() as conn:
        orders = screen_orders(conn, name, local_now(settings.timezone))
        if orders.notice is not None:
            mask = cache.scrubber or scrubber(conn, settings.personal_name_fields)  # before the first build too
            orders = replace(orders, notice=replace(orders.notice, text=mask.text(orders.notice.text)))
    return orders.as_json()


def opening_status(cache: ViewCache, settings: Settings, screen: str | None = None) -> dict[str, Any]:
    """The status a wall page is rendered with — what its first poll would return, marked as just checked — so the
    first page is fetched without waiting for a poll, and a frozen, quiet or noticed screen shows so at once."""
    now = local_now(settings.timezone).strftime("%H:%M")
    return {**read_status(cache, settings), "ok": True, "checked": now, "orders": orders_for(cache, settings, screen)}


def register(app: Dash, cache: ViewCache, settings: Settings) -> HeartbeatWriter:
    """Serve ``/api/status``; returns the process's heartbeat writer."""
    heartbeats = HeartbeatWriter(cache.store)

    def api_status() -> Any:
        document = read_status(cache, settings)
        if "screen" in request.args:
            beat = parse_heartbeat(request.args, local_now(settings.timezone))
            if beat is not None:
                heartbeats.submit(beat)
            document["orders"] = orders_for(cache, settings, screen_name(request.args.get("screen")))
        response = jsonify(document)
        response.headers["Cache-Control"] = "no-store"
        return response

    app.server.add_url_rule(STATUS_PATH, "battlemap_status", api_status)
    return heartbeats
