"""What every collector needs besides the connection: the settings, the as-of instant and the wall's period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from config import Settings
from data.clock import local_now
from data.kpi import banded
from data.metrics.scope import Scope
from layouts.format import mask_name

PERIOD_LABEL = "近12个月"


def optional_float(value: Any) -> float | None:
    """A number from a query result, with NaN / NA / None as None (JSON has no NaN)."""
    return None if value is None or pd.isna(value) else float(value)


def optional_int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


@dataclass(frozen=True)
class ViewContext:
    settings: Settings
    now: datetime

    @classmethod
    def current(cls, settings: Settings) -> ViewContext:
        return cls(settings, local_now(settings.timezone))

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def period_start(self) -> date:
        """The first day of the twelve months that end today (the wall's period, 近12个月)."""
        try:
            year_ago = self.today.replace(year=self.today.year - 1)
        except ValueError:
            year_ago = self.today.replace(year=self.today.year - 1, day=28)
        return year_ago + timedelta(days=1)

    @property
    def period_scope(self) -> Scope:
        """The twelve months up to today: the wall's default period. A rolling year, not the calendar year, so a
        drive such as 清障 that runs across New Year is shown whole."""
        return Scope.at(self.now, start=self.period_start, end=self.today)

    @property
    def all_time(self) -> Scope:
        return Scope.at(self.now)

    def mask(self, enterprise: str | None) -> str:
        """An enterprise name as the wall may show it (the privacy settings applied)."""
        s = self.settings
        return mask_name(enterprise, s.mask_keep_prefix, s.mask_keep_suffix, s.mask_enterprise_names)

    def status(self, threshold: str, share: float | None) -> str | None:
        """The KPI band of ``share`` by the configured threshold ``threshold`` (``data.kpi.banded``)."""
        return banded(self.settings, threshold, share)
