"""The frames around the pages: the root (URL → page), the wall's fixed canvas with its header, and the meeting view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dash import dcc, html

WALL_PATH = "/wall"
MEETING_PATH = "/"
PAGE_TYPE = "wall-page"
DOT_TYPE = "wall-dot"


@dataclass(frozen=True)
class PageSpec:
    """One rotating page: its name (which builder), its title on screen and its dwell time in seconds."""

    name: str
    title: str
    dwell: int


@dataclass(frozen=True)
class WallSpec:
    """What the wall's browser needs to know up front: no data, only presentation settings."""

    title: str
    canvas: tuple[int, int]
    pages: tuple[PageSpec, ...]
    refresh_seconds: int
    reload_hour: int
    timezone: str
    status_url: str = "/api/status"
    screen: str = ""

    def client_config(self) -> dict[str, Any]:
        return {
            "canvas": list(self.canvas),
            "pages": [{"name": p.name, "title": p.title, "dwell": p.dwell} for p in self.pages],
            "refresh_seconds": self.refresh_seconds,
            "reload_hour": self.reload_hour,
            "timezone": self.timezone,
            "status_url": self.status_url,
            "screen": self.screen,
        }


def root_layout(page: Any = None, path: str | None = None) -> html.Div:
    """The app's layout: the URL and the slot the routing callback fills with the wall or the meeting view —
    or that already holds ``page``, the page for ``path``."""
    return html.Div(
        [dcc.Location(id="url", refresh=False), dcc.Store(id="page-served", data=path), html.Div(page, id="page-root")],
        id="app-root",
    )


def _header(title: str, pages: Sequence[PageSpec], qr: Any, qr_corner: str) -> html.Header:
    """The header band: page name and dots, the title, clock and freshness; the QR code (if any) sits in the band
    beside the page name (``top-left``) or the clock (``top-right``), the only place on the canvas no panel uses."""
    left = html.Div(
        [
            html.Div(id="page-title", className="bm-page-title"),
            html.Div(
                [
                    html.Span(str(n), title=p.title, className="bm-dot", id={"type": DOT_TYPE, "index": n - 1})
                    for n, p in enumerate(pages, 1)
                ],
                className="bm-dots",
            ),
        ],
        className="bm-header-left",
    )
    right = html.Div(
        [
            html.Div(id="wall-clock", className="bm-clock"),
            html.Div(
                [
                    html.Span(id="wall-asof", className="bm-asof"),
                    html.Span(id="wall-stale", className="bm-stale"),
                ],
                className="bm-freshness",
            ),
            html.Div(id="wall-offline", className="bm-offline"),
        ],
        className="bm-header-right",
    )
    sides = ([qr, left], [right]) if qr_corner == "top-left" else ([left], [qr, right])
    sides = tuple([part for part in side if part is not None] for side in sides)
    return html.Header(
        [
            html.Div(sides[0], className="bm-header-side bm-header-side-left"),
            html.Div(html.H1(title), className="bm-title-band"),
            html.Div(sides[1], className="bm-header-side bm-header-side-right"),
        ],
        className="bm-header bm-wall-header",
    )


def wall_shell(
    spec: WallSpec, status: dict[str, Any] | None = None, qr: Any = None, qr_corner: str = "top-right"
) -> html.Div:
    """The kiosk view: a fixed design canvas (scaled to the window in the browser) with every page stacked in it.

    All pages live in the DOM at once; rotation only switches which one is visible, so changing pages never
    reloads anything and figures keep their size. ``status``: the status document the page starts with (its
    version lets the first page be fetched at once); ``qr``: the QR code to the phone view, in the header at
    ``qr_corner`` (None: none).
    """
    width, height = spec.canvas
    pages = [
        html.Div(id={"type": PAGE_TYPE, "index": i}, className="bm-page", **{"data-page": page.name})
        for i, page in enumerate(spec.pages)
    ]
    canvas = html.Div(
        [
            _header(spec.title, spec.pages, qr, qr_corner),
            html.Main(pages, className="bm-pages"),
            html.Div(id="wall-notice", className="bm-notice"),
            html.Div(html.Div(id="wall-quiet-clock", className="bm-quiet-clock"), className="bm-quiet"),
        ],
        id="wall-canvas",
        className="bm-canvas",
        style={"width": f"{width}px", "height": f"{height}px"},
    )
    return html.Div(
        [
            canvas,
            dcc.Store(id="wall-config", data=spec.client_config()),
            dcc.Store(id="wall-status", data=status),
            dcc.Store(id="wall-version", data=(status or {}).get("version")),
            dcc.Store(id="wall-nav", data=None),
            dcc.Store(id="wall-want", data=None),
            dcc.Store(id="wall-rendered", data={}),
            dcc.Interval(id="wall-tick", interval=spec.pages[0].dwell * 1000 if spec.pages else 30_000),
            dcc.Interval(id="wall-poll", interval=spec.refresh_seconds * 1000),
        ],
        id="wall-viewport",
        className="bm-wall-viewport",
    )
