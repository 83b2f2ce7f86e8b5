"""Panel components shared by the wall and the meeting view: framed panels, flip counters, lamps, arrows, tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dash import dcc, html
from plotly.graph_objects import Figure

from data.status import STATUS_ORDER
from layouts import format as fmt
from layouts.pages.sources import KEY_ATTRIBUTE
from layouts.theme import STATUS_SHAPES, STATUS_WORDS, WALL_GRAPH_CONFIG

Child = Any


def panel(
    title: str, children: Child, class_name: str = "", panel_id: str | None = None, key: str | None = None
) -> html.Section:
    """A framed panel with a short title tab; ``class_name`` places it on the page grid; ``key`` is its stable id
    within a wall page (``data-panel``), by which the page's declaration names its sources."""
    props: dict[str, Any] = {"id": panel_id} if panel_id else {}
    if key:
        props[KEY_ATTRIBUTE] = key
    return html.Section(
        [html.Div(html.Span(title), className="bm-panel-tab"), html.Div(children, className="bm-panel-body")],
        className=f"bm-panel {class_name}".strip(),
        **props,
    )


def flip_digits(text: str, class_name: str = "") -> html.Span:
    """Each digit on its own flip card; separators (``,`` ``.`` ``/``) sit between the cards."""
    cells = [html.Span(char, className="bm-flip-card" if char.isdigit() else "bm-flip-sep") for char in text]
    return html.Span(cells, className=f"bm-flip {class_name}".strip())


def counter(
    label: str,
    value: str,
    unit: str = "",
    note: Child = None,
    status: str | None = None,
    class_name: str = "",
) -> html.Div:
    """A headline figure: label, flip-card value with its unit, and a line of note underneath."""
    status_class = f" bm-status-{status}" if status else ""
    return html.Div(
        [
            html.Div(label, className="bm-counter-label"),
            html.Div(
                [flip_digits(value), html.Span(unit, className="bm-counter-unit") if unit else None],
                className="bm-counter-value",
            ),
            html.Div(note, className="bm-counter-note") if note is not None else None,
        ],
        className=f"bm-counter{status_class} {class_name}".strip(),
    )


def rag_lamps(counts: Mapping[str, int], number: Callable[[str, str], Child] | None = None) -> list[html.Span]:
    """One lamp per status, most severe first: shape, count and word. ``number(status, text)`` renders the count
    (default plain text; the meeting view makes it a drill-down link)."""

    def plain(_status: str, text: str) -> Child:
        return html.Span(text, className="bm-rag-num")

    render = number or plain
    return [
        html.Span(
            [
                html.Span(STATUS_SHAPES[s], className="bm-lamp-shape"),
                render(s, fmt.count(counts.get(s, 0))),
                html.Span(STATUS_WORDS[s], className="bm-rag-word"),
            ],
            className=f"bm-rag bm-status-{s}",
        )
        for s in STATUS_ORDER
    ]


def status_lamp(status: str | None, word: str | None = None) -> html.Span:
    """A status lamp that never relies on colour alone: shape + colour + word (``data.status``)."""
    if status is None:
        return html.Span("—", className="bm-lamp bm-lamp-none")
    return html.Span(
        [html.Span(STATUS_SHAPES[status], className="bm-lamp-shape"), html.Span(word or STATUS_WORDS[status])],
        className=f"bm-lamp bm-status-{status}",
    )


def status_tag(status: str | None, text: str) -> html.Span:
    """A value written in its KPI band's colour with the band's shape before it."""
    if status is None:
        return html.Span(text, className="bm-tag")
    return html.Span(
        [html.Span(STATUS_SHAPES[status], className="bm-lamp-shape"), text], className=f"bm-tag bm-status-{status}"
    )


def rank_movement(movement: int | None, words: bool = False) -> html.Span:
    """Ranking movement (previous − current): ▲3 up, ▼2 down, — unchanged or unknown; with ``words`` the direction
    is also written (▲ 上升 3, ▼ 下降 2, — 持平), not told by colour alone."""
    if movement is None or not movement:
        flat = ("— 持平" if movement == 0 else "— 无上期") if words else "—"
        return html.Span(flat, className="bm-move bm-move-flat")
    up = movement > 0
    text = f"{'▲ 上升' if up else '▼ 下降'} {abs(movement)}" if words else f"{'▲' if up else '▼'}{abs(movement)}"
    return html.Span(text, className=f"bm-move bm-move-{'up' if up else 'down'}")


def table(headers: Sequence[str], rows: Sequence[Sequence[Child]], class_name: str = "") -> html.Table:
    """A plain table; cells may be text or components. ``class_name`` sets column widths in CSS."""
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h) for h in headers])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        className=f"bm-table {class_name}".strip(),
    )


def stat(label: str, value: Child, class_name: str = "") -> html.Div:
    """A small labelled figure inside a panel."""
    return html.Div(
        [html.Div(value, className="bm-stat-value"), html.Div(label, className="bm-stat-label")],
        className=f"bm-stat {class_name}".strip(),
    )


def stats_row(items: Sequence[tuple[str, Child]], big: bool = False) -> html.Div:
    """A row of labelled figures, ``items`` as (label, value)."""
    return html.Div(
        [stat(label, value) for label, value in items], className="bm-stats bm-stats-big" if big else "bm-stats"
    )


def stats_panel(
    title: str, items: Sequence[tuple[str, Child]], big: bool = False, class_name: str = "", key: str | None = None
) -> html.Section:
    """A panel holding a row of labelled figures, ``items`` as (label, value)."""
    return panel(title, stats_row(items, big), class_name, key=key)


def graph(figure: Figure, graph_id: str | None = None, config: dict[str, Any] | None = None) -> dcc.Graph:
    """A Plotly figure filling its panel, with no mode bar."""
    props: dict[str, Any] = {"id": graph_id} if graph_id else {}
    return dcc.Graph(
        figure=figure,
        config=config or WALL_GRAPH_CONFIG,
        className="bm-graph",
        style={"height": "100%", "width": "100%"},
        **props,
    )


def pager(pages: Sequence[Child]) -> html.Div:
    """Pages of a list shown one at a time; the wall's clientside tick turns them (no endless scrolling)."""
    classes = ["bm-pager-page bm-pager-active", *["bm-pager-page"] * (len(pages) - 1)]
    return html.Div(
        [html.Div(page, className=cls) for page, cls in zip(pages, classes, strict=False)],
        className="bm-pager",
        **{"data-pages": str(len(pages))},
    )


def empty_note(text: str = "暂无数据") -> html.Div:
    return html.Div(text, className="bm-empty")
