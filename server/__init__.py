"""Running the app in production: the ``/health`` endpoint, security headers, and ``battlemap serve --prod``
(gunicorn, or waitress on Windows) with the scheduler as a process of its own."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from config import Settings
from data.engine import Store
from data.reconcile import CheckResult
from server import health, security


def install(
    server: Flask, store: Store, settings: Settings, figures_check: Callable[[], CheckResult | None] = lambda: None
) -> None:
    """Add ``/health`` (with the latest reconciliation of the wall's figures) and the security headers."""
    health.register(server, store, settings, figures_check)
    security.register(server)
