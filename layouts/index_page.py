"""The HTML page Dash serves, tailored per view: every index preloads the bundled fonts. The wall's index is cut to
what a kiosk Chromium runs there: no meeting-view bundles (AG Grid 1.3 MB, the unused DataTable loader), the
regenerator runtime (the only part of @babel/polyfill the renderer needs on a current Chromium) instead of the
100 KB polyfill, and the graph component's lazy chunk preloaded instead of fetched after the first graph mounts.
So the first paint on a hall screen waits for less."""

from __future__ import annotations

import re
from typing import Any

import flask
from dash import Dash

from data.status import status_css

WALL_PATH = "/wall"
FONTS = ("NotoSansSC-Battlemap-Regular.woff2", "NotoSansSC-Battlemap-Bold.woff2")
REGENERATOR = "vendor/regenerator-runtime-0.13.11.js"
NOT_ON_THE_WALL = re.compile(r'<script src="[^"]*/(?:dash_ag_grid/|dash_table/bundle)[^"]*"></script>\s*')
POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
GRAPH_CHUNK = "dash/dcc/async-graph.js"


def font_preloads(assets_url: str) -> str:
    return "".join(
        f'<link rel="preload" href="{assets_url}fonts/{name}" as="font" type="font/woff2" crossorigin>'
        for name in FONTS
    )


class BattlemapDash(Dash):
    """``Dash`` with the per-view index above (everything else unchanged). The regenerator runtime is left out
    of the assets Dash adds to every page (the meeting view keeps the full polyfill for older office browsers)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        runtime_file = REGENERATOR.rsplit("/", 1)[-1]  # Dash matches assets_ignore against file names
        super().__init__(*args, assets_ignore=re.escape(runtime_file), **kwargs)

    def interpolate_index(self, **kwargs: Any) -> str:
        if flask.has_request_context() and flask.request.path.rstrip("/") == WALL_PATH:
            scripts = NOT_ON_THE_WALL.sub("", kwargs["scripts"])
            runtime = f'<script src="{self.get_asset_url(REGENERATOR)}"></script>'
            kwargs["scripts"] = POLYFILL.sub(lambda _m: runtime, scripts, count=1)
            chunk = f"{self.config.requests_pathname_prefix}_dash-component-suites/{GRAPH_CHUNK}"
            kwargs["css"] = f'<link rel="preload" href="{chunk}" as="script">' + kwargs["css"]
        status = f"<style>{status_css()}</style>"  # each status lit in its configured colour
        kwargs["css"] = font_preloads(self.get_asset_url("")) + kwargs["css"] + status
        return super().interpolate_index(**kwargs)
