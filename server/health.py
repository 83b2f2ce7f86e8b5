"""``/health``: is the database reachable (and how fast), when did each source last load and is it late, is the
scheduler alive (its heartbeat's age), which version runs. 200 while the database answers, 503 when it does not.

``status`` is ``ok``, ``degraded`` (a source is late by ``[sources.cadence_hours]``, the scheduler is silent, or
the wall's headline figures differ from the facts recomputed: ``figures``, ``data.reconcile``) or ``down`` (no
database; ``database.error`` says why in a few words, never with SQL — the full error goes to the server's log).
``calendar.notice`` says, from 1 November, that next year's holiday arrangement is missing and how to load it (it
does not degrade the status: today's figures are still right). A source never loaded is listed, not counted as late
— the wall treats it the same way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Flask, jsonify
from sqlalchemy import text

from config import Settings
from data.calendar import missing_arrangement_notice
from data.clock import local_now, local_today
from data.engine import Store, failure_reason
from data.reconcile import CheckResult
from etl.heartbeat import read_heartbeat
from etl.status import etl_status

log = logging.getLogger(__name__)
HEALTH_PATH = "/health"
SILENT_AFTER_BEATS = 3  # the scheduler counts as dead after missing this many heartbeats


def app_version() -> str:
    try:
        return version("battlemap")
    except PackageNotFoundError:
        return "unknown"


def database_health(store: Store, settings: Settings) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(reachability and latency of one ``SELECT 1``, the ETL status) — the status is None when unreachable."""
    backend = store.writer.dialect.name
    started = time.perf_counter()
    try:
        with store.read() as conn:
            conn.execute(text("SELECT 1")).scalar_one()
        latency_ms = (time.perf_counter() - started) * 1000
        status = etl_status(store, settings)
    except Exception as exc:  # any failure to reach or read the database means "down"
        log.warning("/health：数据库不可用：%s", exc)
        return {"reachable": False, "backend": backend, "error": failure_reason(exc)}, None
    return {"reachable": True, "backend": backend, "latency_ms": round(latency_ms, 2)}, status


def scheduler_health(settings: Settings) -> dict[str, Any]:
    interval = settings.server.scheduler_heartbeat_seconds
    beat = read_heartbeat(settings)
    age = None if beat is None else max(0.0, time.time() - beat["at"])
    return {
        "mode": "in-process" if settings.etl.scheduler_in_app else "separate",
        "heartbeat_seconds": interval,
        "heartbeat_age_seconds": None if age is None else round(age, 1),
        "alive": age is not None and age <= SILENT_AFTER_BEATS * interval,
        "pid": None if beat is None else beat.get("pid"),
        "host": None if beat is None else beat.get("host"),
    }


def calendar_health(store: Store, settings: Settings) -> dict[str, Any]:
    """The working-day calendar: a notice when this year, or from 1 November next year, has no arrangement."""
    try:
        with store.read() as conn:
            return {"notice": missing_arrangement_notice(conn, local_today(settings.timezone))}
    except Exception as exc:  # the database is down: reported under "database"
        return {"notice": None, "error": f"{type(exc).__name__}"}


def health_report(store: Store, settings: Settings, figures: CheckResult | None = None) -> tuple[dict[str, Any], int]:
    """The health document and its HTTP status code; ``figures``: the latest reconciliation check, if any."""
    database, status = database_health(store, settings)
    scheduler = scheduler_health(settings)
    sources = [
        {**s, "last_loaded": s["last_loaded"].isoformat(sep=" ") if s["last_loaded"] else None}
        for s in (status or {}).get("sources", [])
    ]
    stale = [s["label"] for s in sources if s["stale"] and s["last_loaded"]]
    if status is None:
        overall = "down"
    else:
        mismatch = figures is not None and not figures.ok
        overall = "degraded" if stale or not scheduler["alive"] or mismatch else "ok"
        database["data_version"] = status["data_version"]
    report = {
        "status": overall,
        "version": app_version(),
        "time": local_now(settings.timezone).isoformat(sep=" "),
        "database": database,
        "sources": sources,
        "stale": stale,
        "never_loaded": [s["label"] for s in sources if not s["last_loaded"]],
        "import_running": bool(status and status["lock"]),
        "scheduler": scheduler,
        "calendar": calendar_health(store, settings) if status is not None else {"notice": None},
        "figures": None if figures is None else figures.as_json(),
    }
    return report, 503 if status is None else 200


def register(server: Flask, store: Store, settings: Settings, figures_check: Callable[[], CheckResult | None]) -> None:
    def health() -> Any:
        report, code = health_report(store, settings, figures_check())
        response = jsonify(report)
        response.status_code = code
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(HEALTH_PATH, "battlemap_health", health)
