"""The HTML page Dash serves, tailored per view: every index preloads the bundled fonts; the wall's index leaves
out the meeting view's AG Grid bundle (1.3 MB of script the wall never renders). So the first paint on a hall
screen waits for less."""

from __future__ import annotations

import re
from typing import Any

import flask
from dash import Dash

WALL_PATH = "/wall"
MEETING_ONLY_SCRIPTS = re.compile(r'<script src="[^"]*/dash_ag_grid/[^"]*"></script>\s*')
FONTS = ("NotoSansSC-Battlemap-Regular.woff2", "NotoSansSC-Battlemap-Bold.woff2")


def font_preloads(assets_url: str) -> str:
    return "".join(
        f'<link rel="preload" href="{assets_url}fonts/{name}" as="font" type="font/woff2" crossorigin>'
        for name in FONTS
    )


class BattlemapDash(Dash):
    """``Dash`` with the per-view index above (everything else unchanged)."""

    def interpolate_index(self, **kwargs: Any) -> str:
        if flask.has_request_context() and flask.request.path.rstrip("/") == WALL_PATH:
            kwargs["scripts"] = MEETING_ONLY_SCRIPTS.sub("", kwargs["scripts"])
        kwargs["css"] = font_preloads(self.get_asset_url("")) + kwargs["css"]
        return super().interpolate_index(**kwargs)
