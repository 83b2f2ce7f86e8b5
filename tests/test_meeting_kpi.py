"""The meeting view's KPI tile (layouts/meeting_kpi.py): a figure without rows behind it (a rank) is drawn as large
as one that opens its rows."""

from __future__ import annotations

from layouts.meeting_kpi import Kpi, kpi_tile


def _value_of(tile):  # type: ignore[no-untyped-def]
    counter_value = next(c for c in tile.children if c is not None and c.className == "bm-counter-value")
    return counter_value.children[0]


def test_a_figure_with_and_without_a_drill_down_share_the_value_style() -> None:
    rank = _value_of(kpi_tile(Kpi("全省营商环境评价排名", "6", "/16", None, note="16→12→9→6")))
    appeals = _value_of(kpi_tile(Kpi("企业诉求", "8,943", "件", "appeals.all")))
    assert (rank.children, appeals.children) == ("6", "8,943")
    assert "bm-kpi-value" in rank.className.split()
    assert "bm-kpi-value" in appeals.className.split()
