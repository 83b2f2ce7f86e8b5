"""The KPI layer: a rate of the metric catalogue read once with its target, its band and the band's word, for
every surface that shows it (the wall's 总览, the meeting and department views, the brief, any public view).

A KPI's thresholds are ``[thresholds].<metric key>`` in the configuration (green at or above ``green``, red below
``red``, yellow between); the status scale and its words are ``data.status``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from config import Settings
from data.metrics.catalogue import metric
from data.metrics.rate import Rate
from data.metrics.scope import Scope
from data.status import STATUSES


def band(value: float | None, green: float, red: float) -> str | None:
    """A KPI's status from its thresholds: ``value >= green`` green, ``value < red`` red, yellow between; None
    when there is no value (nothing counted)."""
    if value is None:
        return None
    if value >= green:
        return "green"
    return "red" if value < red else "yellow"


def banded(settings: Settings, threshold: str, value: float | None) -> str | None:
    """The band of ``value`` by the configured threshold ``threshold`` (None when it is not configured)."""
    rule = settings.thresholds.get(threshold)
    return band(value, rule.green, rule.red) if rule else None


def target(settings: Settings, threshold: str) -> float | None:
    """The configured green threshold of a KPI (its target), or None."""
    rule = settings.thresholds.get(threshold)
    return rule.green if rule else None


@dataclass(frozen=True)
class Kpi:
    """One KPI as every surface shows it: the metric's catalogue ``key`` and ``name``, its ``rate`` (numerator and
    denominator kept), the configured ``target`` and the ``status`` band (None without thresholds or data)."""

    key: str
    name: str
    rate: Rate
    target: float | None
    status: str | None

    @property
    def value(self) -> float | None:
        return self.rate.value

    @property
    def word(self) -> str | None:
        """The band said in words (达标 / 接近目标 / 未达标), printed beside its colour."""
        return STATUSES[self.status].band_word if self.status else None


def kpi_of(settings: Settings, key: str, rate: Rate) -> Kpi:
    """The KPI of catalogue metric ``key`` for an already computed ``rate``."""
    return Kpi(key, metric(key).name, rate, target(settings, key), banded(settings, key, rate.value))


def read_kpi(conn: Connection, scope: Scope, settings: Settings, key: str) -> Kpi:
    """Compute catalogue rate ``key`` for ``scope`` and band it."""
    entry = metric(key)
    if not entry.is_rate or entry.compute is None:
        raise ValueError(f"指标 {key}（{entry.name}）不是比率，不能作为 KPI")
    return kpi_of(settings, key, entry.compute(conn, scope, settings))
