"""The wall's look in one place: palette, font, Plotly defaults, and the status scale of ``data.status`` keyed as the
view code uses it (colours, words and shapes by status code)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from data.status import STATUSES

FONT_FAMILY = "'Battlemap Sans', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"

BACKGROUND = "#030b1f"
PANEL = "#071a3a"
GRID = "rgba(90, 160, 255, 0.18)"
TEXT = "#e8f3ff"
MUTED = "#8fb3d9"
ACCENT = "#35e0ff"
ACCENT_2 = "#3c8dff"
ACCENT_3 = "#a98bff"
SERIES = (ACCENT, ACCENT_2, ACCENT_3, "#5effc8", "#ffb86b")

STATUS_WORDS = {code: s.word for code, s in STATUSES.items()}
STATUS_SHAPES = {code: s.shape for code, s in STATUSES.items()}

# The wall's canvas has a fixed size in CSS pixels (the browser scales it as a whole), so a wall figure is drawn
# once at its panel's size and never needs resizing: not responsive, which saves a second full redraw per figure.
WALL_GRAPH_CONFIG: dict[str, Any] = {"displayModeBar": False, "staticPlot": True, "responsive": False}
MEETING_GRAPH_CONFIG: dict[str, Any] = {"displayModeBar": False, "responsive": True, "displaylogo": False}


def base_figure(**layout: Any) -> go.Figure:
    """An empty figure with the wall's transparent background, font and axes; ``layout`` overrides.

    Margins are fixed: no plotly.py template (the default one adds 7 KB to every figure sent and turns on
    ``automargin`` for every axis) and no margin pushed by a legend (``autoexpand`` off) — plotly.js draws a
    figure a second time whenever a margin moves. A figure whose axis labels vary in width turns both back on."""
    figure = go.Figure(layout={"template": "none"})
    figure.update_layout(
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"family": FONT_FAMILY, "color": TEXT, "size": 16},
        margin={"l": 56, "r": 16, "t": 16, "b": 40, "autoexpand": False},
        showlegend=False,
        autosize=True,
        uirevision="wall",
        xaxis={"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "tickfont": {"color": MUTED}},
        yaxis={"gridcolor": GRID, "linecolor": GRID, "zeroline": False, "tickfont": {"color": MUTED}},
        legend={"orientation": "h", "x": 0, "y": 1.12, "font": {"color": MUTED, "size": 15}},
    )
    figure.update_layout(**layout)
    return figure
