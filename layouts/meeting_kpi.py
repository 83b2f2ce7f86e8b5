"""The meeting view's KPI tile: its figure (clickable to the rows behind it), the counts in its note (each
clickable), its status band and its 口径 on click — for the meeting and department views' subjects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import html

from layouts import format as fmt
from layouts.drill import drill_link


@dataclass(frozen=True)
class Link:
    """A clickable count inside a figure's note: ``text`` before it, the count, the measure it opens."""

    text: str
    count: int
    measure: str


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    unit: str
    measure: str | None
    links: tuple[Link, ...] = ()
    status: str | None = None
    class_name: str = ""
    basis: tuple[str, ...] = ()
    """The 口径 shown on click: the metric's definition (from the catalogue), its counts, its period."""
    note: str = ""
    """A line under the value when the tile has no counts to click (a rank's path)."""


def kpi_tile(kpi: Kpi, section: str = "") -> html.Div:
    value = (
        drill_link(kpi.value, kpi.measure, class_name="bm-kpi-value")
        if kpi.measure
        else html.Span(kpi.value, className="bm-kpi-value")
    )
    note = []
    for i, link in enumerate(kpi.links):
        note += [" · " if i else "", link.text, drill_link(fmt.count(link.count), link.measure)]
    status = f" bm-status-{kpi.status}" if kpi.status else ""
    return html.Div(
        [
            html.Div(kpi.label, className="bm-counter-label"),
            html.Div([value, html.Span(kpi.unit, className="bm-counter-unit")], className="bm-counter-value"),
            html.Div(note or kpi.note, className="bm-counter-note") if note or kpi.note else None,
            _basis(kpi.basis),
        ],
        className=f"bm-counter bm-kpi{status} {kpi.class_name} {section}".strip(),
    )


def _basis(lines: Sequence[str]) -> html.Details | None:
    """The 口径 behind a figure, opened by a click (a native disclosure: no script, keyboard-reachable)."""
    if not lines:
        return None
    return html.Details([html.Summary("口径"), *(html.P(line) for line in lines)], className="bm-kpi-basis")
