"""Thin glue between the store and the screens: routing, the status endpoint, the view cache and page callbacks."""

from __future__ import annotations

from dash import Dash

from auth.policy import DEPARTMENT_PATH, MEETING_PATH, OPERATOR_PATH, OPS_PATH
from callbacks import department, downloads, drill, meeting, mobile, operator, ops, routing, status, wall
from callbacks.views import ViewCache, collectors
from callbacks.views.holds import hold_guard
from config import Settings
from data.engine import Store
from layouts.shell import WALL_PATH


def register(app: Dash, store: Store, settings: Settings) -> ViewCache:
    """Wire every callback and route of the app to ``store``; returns the shared view cache (its builder not yet
    started: see ``app.create_app``)."""
    cache = ViewCache(store, settings, collectors(settings), guard=hold_guard(store, settings))
    app.server.extensions[status.HEARTBEATS_EXTENSION] = status.register(app, cache, settings)
    pages = {
        WALL_PATH: wall.register(app, cache, settings),
        MEETING_PATH: meeting.register(app, store, settings),
        DEPARTMENT_PATH: department.register(app, store, settings),
        OPERATOR_PATH: operator.register(app, store, settings),
        OPS_PATH: ops.register(app, store, cache, settings),
    }
    mobile.register(app.server, cache, settings)
    drill.register(app, store, settings)
    downloads.register(app, store, settings)
    routing.register(app, pages)
    return cache
