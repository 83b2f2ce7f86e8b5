"""``/m``: the public phone view the wall's QR code opens — the 总览 headline counters of the view cache's latest
complete build, so a phone shows exactly the figures, data version and as-of time the wall shows (held figures
included), and nothing a wall would not show."""

from __future__ import annotations

from flask import Flask, Response

from auth.policy import MOBILE_PATH
from callbacks.status import freshness
from callbacks.views import ViewCache
from config import Settings
from layouts.mobile import mobile_page

OVERVIEW = "overview"
MIN_REFRESH_SECONDS = 30


def register(server: Flask, cache: ViewCache, settings: Settings) -> None:
    def mobile() -> Response:
        snapshot = cache.snapshot(wait=True)
        refresh = max(settings.refresh_seconds, MIN_REFRESH_SECONDS)
        if snapshot is None:
            page = mobile_page(settings.title, None, "—", [], None, refresh)
        else:
            status = freshness(snapshot.source_as_of, settings)
            view = snapshot.views.get(OVERVIEW)
            page = mobile_page(settings.title, view, status["as_of"], status["stale"], snapshot.token, refresh)
        response = Response(page, mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(MOBILE_PATH, "battlemap_mobile", mobile)
