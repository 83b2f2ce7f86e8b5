"""Running the app in production: the ``/health`` endpoint, security headers, client addresses behind trusted
proxies, and ``battlemap serve --prod`` (gunicorn, or waitress on Windows) with the scheduler as a process of its
own."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from config import Settings
from data.engine import Store
from data.reconcile import CheckResult
from server import errors, health, limits, security
from server.proxy import TrustedProxies


def install(
    server: Flask, store: Store, settings: Settings, figures_check: Callable[[], CheckResult | None] = lambda: None
) -> None:
    """Add the request body limit, ``/health`` (with the latest reconciliation of the wall's figures), the security
    headers and the trusted proxies to the app's Flask server (the limit before the login guard, which reads
    callback bodies)."""
    limits.register(server, settings)
    errors.register(server)
    health.register(server, store, settings, figures_check)
    security.register(server)
    server.wsgi_app = TrustedProxies(server.wsgi_app, settings.server.trusted_proxies)  # type: ignore[method-assign]
