"""The meeting and department views' KPI tiles from the metric layer: a rated KPI's tile, and the 口径 every tile
opens on click (the catalogue's name and Chinese formula, the counts behind the figure, the period)."""

from __future__ import annotations

from data import kpi as data_kpi
from data.metrics.catalogue import metric
from data.metrics.rate import Rate
from data.metrics.scope import Scope
from layouts import format as fmt
from layouts.meeting_kpi import Kpi, Link


def basis(key: str, scope: Scope, counts: str) -> tuple[str, ...]:
    """The 口径 of catalogue metric ``key`` as a tile shows it on click: the metric's catalogue name, its formula
    in Chinese (the ``口径：`` paragraph of its definition's docstring), the counts behind the figure, the period."""
    start = scope.start.isoformat() if scope.start else "最早"
    period = f"期间 {start} 至 {(scope.end or scope.today).isoformat()}，截至 {scope.moment:%Y-%m-%d %H:%M}"
    entry = metric(key)
    formula = (f"口径：{entry.caliber}",) if entry.caliber else ()
    return (f"指标：{entry.name}", *formula, counts, period)


def rate_basis(key: str, scope: Scope, rate: Rate) -> tuple[str, ...]:
    return basis(key, scope, f"分子 {rate.numerator:,.0f} ÷ 分母 {rate.denominator:,.0f}")


def rate_tile(
    kpi: data_kpi.Kpi, scope: Scope, measure: str | None, links: tuple[Link, ...] = (), class_name: str = ""
) -> Kpi:
    """The tile of a rated KPI: its value in percent, its band, the counts behind it as links, its 口径."""
    value = fmt.percent_number(kpi.value)
    return Kpi(kpi.name, value, "%", measure, links, kpi.status, class_name, rate_basis(kpi.key, scope, kpi.rate))
