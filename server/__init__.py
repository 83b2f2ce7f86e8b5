"""Running the app in production: the ``/health`` endpoint, security headers, and ``battlemap serve --prod``
(gunicorn, or waitress on Windows) with the scheduler as a process of its own."""

from __future__ import annotations

from flask import Flask

from config import Settings
from data.engine import Store
from server import health, security


def install(server: Flask, store: Store, settings: Settings) -> None:
    """Add ``/health`` and the security headers to the app's Flask server."""
    health.register(server, store, settings)
    security.register(server)
