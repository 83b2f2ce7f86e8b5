"""The public screens' headline figures through the plausibility hold (``etl.holds``) before any browser gets them:
the 总览 view of each new build carries the confirmed value of a figure whose change waits for an operator, with that
value's as-of time, and the band of a held rate follows the value shown. The wall, ``/m`` and /ops read the result."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from config import Settings
from data.clock import local_now
from data.engine import Store
from data.holds import FIGURES, Band
from data.kpi import banded
from etl.holds import review_figures
from layouts import format as fmt
from layouts.pages.overview import OverviewView

log = logging.getLogger(__name__)

Guard = Callable[[dict[str, Any], Mapping[str, Any], str, Mapping[str, datetime]], dict[str, Any]]
GUARDED_PAGE = "overview"
RATE_BANDS = {  # a rate's field → (its band's field, the KPI threshold it is banded by)
    "on_time": ("on_time_status", "on_time_rate"),
    "satisfaction": ("satisfaction_status", "satisfaction_strict"),
    "resolution": ("resolution_status", "resolution_rate"),
    "clearance_share": ("clearance_status", "clearance_close_rate"),
}


def held_view(view: OverviewView, shown: Mapping[str, Any], settings: Settings) -> OverviewView:
    """``view`` with each held figure at its confirmed value (counts as integers), the band of a held rate by that
    value, and ``held`` naming the as-of time of each."""
    changes: dict[str, Any] = {}
    held: dict[str, str] = {}
    for key, decision in shown.items():
        if not decision.held:
            continue
        value = decision.value
        changes[key] = value if key in RATE_BANDS or value is None else int(value)
        if key in RATE_BANDS:
            band_field, threshold = RATE_BANDS[key]
            changes[band_field] = banded(settings, threshold, value)
        held[key] = fmt.stamp(decision.held_as_of) if decision.held_as_of else "上次确认时"
    return replace(view, **changes, held=held) if held else view


def hold_guard(store: Store, settings: Settings) -> Guard:
    """The view cache's guard: ``(views, previous views, build token, sources' as-of) → views``. If the check itself
    fails, the previous build's 总览 stays (never an unchecked figure)."""
    band = Band(settings.screens.count_drop_percent, settings.screens.rate_jump_points)

    def guard(
        views: dict[str, Any], previous: Mapping[str, Any], token: str, per_source: Mapping[str, datetime]
    ) -> dict[str, Any]:
        view = views.get(GUARDED_PAGE)
        if not isinstance(view, OverviewView):
            return views
        try:
            figures = {f.key: getattr(view, f.key) for f in FIGURES}
            as_of = max(per_source.values()) if per_source else None
            shown = review_figures(store, band, figures, (token, as_of, local_now(settings.timezone)))
            return {**views, GUARDED_PAGE: held_view(view, shown, settings)}
        except Exception:
            log.exception("总览指标的合理性检查失败，保留上一版总览")
            return {**views, GUARDED_PAGE: previous.get(GUARDED_PAGE)}

    return guard
