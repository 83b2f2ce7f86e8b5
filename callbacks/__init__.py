"""Thin glue between the store and the screens: routing, the status endpoint, the view cache and page callbacks."""

from __future__ import annotations

from dash import Dash

from auth.policy import MEETING_PATH
from callbacks import drill, meeting, routing, status, wall
from callbacks.views import ViewCache
from config import Settings
from data.engine import Store


def register(app: Dash, store: Store, settings: Settings) -> ViewCache:
    """Wire every callback and route of the app to ``store``; returns the shared view cache."""
    cache = ViewCache(store, settings)
    status.register(app, store, settings)
    wall.register(app, cache)
    pages = {MEETING_PATH: meeting.register(app, store, settings)}
    drill.register(app, store, settings)
    routing.register(app, settings, pages)
    return cache
