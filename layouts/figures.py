"""Plotly figure builders for the panels; each takes plain lists and returns a themed figure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from data.status import STATUSES
from layouts.theme import ACCENT, ACCENT_2, ACCENT_3, MUTED, SERIES, TEXT, base_figure


def month_ticks(months: Sequence[str]) -> tuple[list[str], list[tuple[str, float]]]:
    """'2025-12', '2026-01', '2026-02' → (['12月', '1月', '2月'], [('2025年', 0.0), ('2026年', 1.5)]): the months'
    labels, and each year with the centre of its months' positions, where it is written once below them (two years'
    labels never run together, as '12月<br>2025' and '1月<br>2026' did side by side)."""
    names = [f"{int(month[5:])}月" if len(month) == 7 else month for month in months]
    positions: dict[str, list[int]] = {}
    for i, month in enumerate(months):
        if len(month) == 7:
            positions.setdefault(f"{month[:4]}年", []).append(i)
    return names, [(year, sum(at) / len(at)) for year, at in positions.items()]


def monthly_bars_figure(months: Sequence[str], **layout: Any) -> go.Figure:
    """An empty figure for grouped bars by month: the months ('YYYY-MM') as a category axis labelled 'N月', each
    year written once under its months, and the legend in the top margin, above the plot whatever the panel's
    height; ``layout`` overrides (give ``margin`` room for the two rows of labels: ``b`` ≥ 60, ``t`` ≥ 40)."""
    names, years = month_ticks(months)
    figure = base_figure(
        showlegend=True,
        barmode="group",
        bargap=0.3,
        xaxis={"type": "category", "tickangle": 0, "tickmode": "array", "tickvals": list(months), "ticktext": names},
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "font": {"color": MUTED, "size": 16}},
        **layout,
    )
    for year, centre in years:
        figure.add_annotation(
            text=year,
            x=centre,
            xref="x",
            y=0,
            yref="paper",
            yshift=-30,
            yanchor="top",
            showarrow=False,
            font={"color": MUTED, "size": 16},
        )
    return figure


def trend_figure(
    months: Sequence[str], received: Sequence[int], closed: Sequence[int], on_time: Sequence[float | None]
) -> go.Figure:
    """Monthly appeals received and closed (bars) with the 按时办结率 line on a second axis."""
    figure = monthly_bars_figure(
        months,
        margin={"l": 52, "r": 56, "t": 40, "b": 60},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0.5, 1.02],
            "tickformat": ".0%",
            "showgrid": False,
            "tickfont": {"color": ACCENT_3},
        },
    )
    figure.add_bar(x=list(months), y=list(received), name="受理", marker_color=ACCENT_2)
    figure.add_bar(x=list(months), y=list(closed), name="办结", marker_color=ACCENT)
    figure.add_scatter(
        x=list(months),
        y=list(on_time),
        name="按时办结率",
        yaxis="y2",
        mode="lines+markers",
        line={"color": ACCENT_3, "width": 3},
        marker={"size": 7},
    )
    return figure


def bad_review_bars(months: Sequence[str], bad: Sequence[int], rectified: Sequence[int]) -> go.Figure:
    """差评 received each month (bars) and how many of them are rectified (bars beside them)."""
    figure = monthly_bars_figure(months, margin={"l": 44, "r": 12, "t": 40, "b": 60})
    figure.add_bar(x=list(months), y=list(bad), name="差评", marker_color=SERIES[4])
    figure.add_bar(x=list(months), y=list(rectified), name="已整改", marker_color=ACCENT)
    figure.update_yaxes(nticks=4)
    return figure


def ranking_bars(
    names: Sequence[str],
    values: Sequence[float | None],
    text: Sequence[str],
    colours: Sequence[str] | str = ACCENT,
    room: float = 0.0,
) -> go.Figure:
    """Horizontal bars, first name on top, each labelled with its formatted value at full size (never shrunk to fit);
    ``room`` leaves that share of the longest bar free to its right, for labels longer than the right margin."""
    figure = base_figure(margin={"l": 8, "r": 72, "t": 8, "b": 8, "autoexpand": True}, bargap=0.3)
    figure.add_bar(
        y=list(names),
        x=[v if v is not None else 0 for v in values],
        orientation="h",
        marker_color=colours,
        text=list(text),
        textposition="outside",
        textfont={"color": TEXT, "size": 16},
        constraintext="none",
        cliponaxis=False,
    )
    figure.update_yaxes(autorange="reversed", automargin=True, tickfont={"color": TEXT, "size": 16}, showgrid=False)
    figure.update_xaxes(visible=False)
    longest = max((v for v in values if v is not None), default=0)
    if room and longest > 0:
        figure.update_xaxes(range=[0, longest * (1 + room)])
    return figure


def rank_line(periods: Sequence[str], ranks: Sequence[int | None], n_cities: int | None) -> go.Figure:
    """The provincial rank over quarters; rank 1 on top, each point labelled 第N名."""
    figure = base_figure(margin={"l": 44, "r": 24, "t": 24, "b": 36})
    figure.add_scatter(
        x=list(periods),
        y=list(ranks),
        mode="lines+markers+text",
        text=[f"第{r}名" if r else "" for r in ranks],
        textposition="top center",
        textfont={"color": TEXT, "size": 16},
        line={"color": ACCENT, "width": 4},
        marker={"size": 12, "color": ACCENT},
        cliponaxis=False,
    )
    top = (n_cities or max([r for r in ranks if r] or [1])) + 1
    figure.update_yaxes(autorange=False, range=[top, 0], dtick=4 if top > 8 else 1)
    return figure


def rank_lines(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[int | None]]], n_cities: int | None
) -> go.Figure:
    """Several provincial rankings over quarters in one chart with a legend: rank 1 on top, each point labelled
    第N名 (the first series above its points, the others below, so two close lines keep their labels apart)."""
    figure = base_figure(
        showlegend=True,
        margin={"l": 44, "r": 24, "t": 44, "b": 36},
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "font": {"color": TEXT, "size": 18}},
    )
    for i, (name, ranks) in enumerate(series):
        colour = SERIES[i % len(SERIES)]
        figure.add_scatter(
            x=list(periods),
            y=list(ranks),
            name=name,
            mode="lines+markers+text",
            text=[f"第{r}名" if r else "" for r in ranks],
            textposition="top center" if i == 0 else "bottom center",
            textfont={"color": colour, "size": 17},
            line={"color": colour, "width": 4, "dash": "solid" if i == 0 else "dash"},
            marker={"size": 12, "color": colour, "symbol": "circle" if i == 0 else "diamond"},
            cliponaxis=False,
        )
    every = [r for _name, ranks in series for r in ranks if r]
    top = (n_cities or max(every or [1])) + 1
    figure.update_yaxes(autorange=False, range=[top, 0], dtick=4 if top > 8 else 1)
    figure.update_xaxes(type="category", tickfont={"color": TEXT, "size": 16})
    return figure


def target_bars(
    names: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    last_year: Sequence[float | None],
) -> go.Figure:
    """Completion against target (bars, as shares of target) with last year's level as markers."""
    figure = base_figure(showlegend=True, margin={"l": 56, "r": 16, "t": 36, "b": 48}, bargap=0.4)
    figure.add_bar(x=list(names), y=list(values), name="完成", marker_color=ACCENT)
    figure.add_scatter(
        x=list(names),
        y=list(targets),
        name="目标",
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 40, "line": {"width": 4, "color": "#ffb86b"}},
    )
    figure.add_scatter(
        x=list(names),
        y=list(last_year),
        name="去年同期",
        mode="markers",
        marker={"symbol": "diamond", "size": 12, "color": MUTED},
    )
    return figure


def progress_scatter(
    names: Sequence[str], time_share: Sequence[float], investment_share: Sequence[float], colours: Sequence[str]
) -> go.Figure:
    """Investment completion against time progress: above the diagonal is ahead of time."""
    figure = base_figure(margin={"l": 64, "r": 24, "t": 16, "b": 56})
    figure.add_scatter(
        x=[0, 1], y=[0, 1], mode="lines", line={"color": MUTED, "dash": "dash", "width": 2}, hoverinfo="skip"
    )
    figure.add_scatter(
        x=list(time_share),
        y=list(investment_share),
        mode="markers",
        text=list(names),
        marker={"size": 16, "color": list(colours), "line": {"width": 1, "color": TEXT}},
    )
    figure.update_xaxes(range=[0, 1.05], tickformat=".0%", title={"text": "时间进度", "font": {"color": MUTED}})
    figure.update_yaxes(range=[0, 1.1], tickformat=".0%", title={"text": "投资完成率", "font": {"color": MUTED}})
    return figure


def column_bars(names: Sequence[str], values: Sequence[float], colour: str = ACCENT) -> go.Figure:
    """Vertical bars, each labelled with its value on top."""
    figure = base_figure(margin={"l": 48, "r": 16, "t": 28, "b": 40}, bargap=0.35)
    figure.add_bar(
        x=list(names),
        y=list(values),
        marker_color=colour,
        text=[f"{v:,.0f}" for v in values],
        textposition="outside",
        textfont={"color": TEXT, "size": 18},
        cliponaxis=False,
    )
    figure.update_xaxes(tickfont={"color": TEXT, "size": 16})
    return figure


def completion_bars(names: Sequence[str], shares: Sequence[float | None], statuses: Sequence[str | None]) -> go.Figure:
    """Completion of target per indicator as horizontal bars against the 100 % line; colour = its KPI band."""
    colours = [STATUSES[s].colour if s in STATUSES else ACCENT for s in statuses]
    figure = ranking_bars(names, shares, [f"{s:.1%}" if s is not None else "—" for s in shares], colours)
    figure.add_vline(x=1.0, line={"color": TEXT, "width": 2, "dash": "dot"})
    figure.update_xaxes(visible=True, range=[0, 1.25], tickformat=".0%", showgrid=True)
    return figure
