"""The demo city's frame of reference: the anchor day and its 12-month window, the geography and departments
from the settings, the working-day calendar, and the seeded random streams every generator draws from."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import numpy as np
import pandas as pd

from config import Settings
from etl.workdays import calendar_days

SEED = 20_261_127
WEEKEND_WEIGHT = 0.15
LASTING_DAYS = 21
OFFICE_OPENS, OFFICE_SPAN = 8 * 3600 + 1800, 9 * 3600 + 1800

# Where an appeal about a park goes locally: the park's committee where the city has one, else its county.
PARK_OFFICES = {
    "淮川经济技术开发区": "淮川经开区管委会",
    "淮川高新技术产业开发区": "淮川高新区管委会",
    "东湖工业园": "东湖工业园管委会",
    "西山循环经济产业园": "西山循环经济产业园管委会",
}


@dataclass(frozen=True)
class DemoCity:
    """Everything the generators share; ``start``..``anchor`` (inclusive) is the demo's year."""

    settings: Settings
    anchor: date
    seed: int = SEED
    counties: tuple[str, ...] = field(init=False)
    parks: tuple[str, ...] = field(init=False)
    park_county: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        regions = self.settings.regions
        by_code = {r.code: r.name for r in regions}
        object.__setattr__(self, "counties", tuple(r.name for r in regions if r.type != "park"))
        object.__setattr__(self, "parks", tuple(r.name for r in regions if r.type == "park"))
        object.__setattr__(
            self,
            "park_county",
            {r.name: by_code.get(r.parent or "", self.counties[0]) for r in regions if r.type == "park"},
        )

    @property
    def start(self) -> date:
        return (pd.Timestamp(self.anchor) - pd.DateOffset(years=1) + pd.Timedelta(days=1)).date()

    @property
    def lasting_start(self) -> date:
        """The first day for rows the wall counts whole (清障 issues, 观察员 leads, services launched): three weeks
        into the window, so the wall's rolling 12 months still hold all of them three weeks after loading."""
        return self.start + timedelta(days=LASTING_DAYS)

    def rng(self, stream: str) -> np.random.Generator:
        """An independent, reproducible random stream per generator, so one generator's changes leave the
        others' data as it was."""
        return np.random.Generator(np.random.PCG64([self.seed, zlib.crc32(stream.encode())]))

    @cached_property
    def departments(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.settings.departments)

    @cached_property
    def group_departments(self) -> dict[str, tuple[str, ...]]:
        """专项行动组 → its departments (city bureaus and utilities; the county governments are all in one group)."""
        return {
            g: tuple(d.name for d in self.settings.departments if d.action_group == g)
            for g in self.settings.action_groups
        }

    def local_office(self, region: str) -> str:
        """The local government department answering for ``region`` (a county or a park)."""
        office = PARK_OFFICES.get(region)
        if office in self.departments:
            return office
        county = self.park_county.get(region, region)
        return f"{county}政府"

    @cached_property
    def workdays(self) -> np.ndarray:
        """Working days (datetime64[D], sorted) from a year before the window to a year after the anchor."""
        rows, _warnings = calendar_days(range(self.start.year - 1, self.anchor.year + 2))
        return np.array([r["day"] for r in rows if r["is_workday"]], dtype="datetime64[D]")

    def random_days(self, rng: np.random.Generator, n: int, first: date, last: date) -> np.ndarray:
        """``n`` days between ``first`` and ``last`` (inclusive), working days ``1 / WEEKEND_WEIGHT`` times likelier."""
        days = np.arange(np.datetime64(first, "D"), np.datetime64(last, "D") + 1)
        weights = np.where(np.isin(days, self.workdays), 1.0, WEEKEND_WEIGHT)
        return rng.choice(days, size=n, p=weights / weights.sum())

    def office_moments(self, rng: np.random.Generator, n: int, first: date, last: date) -> np.ndarray:
        """``n`` timestamps (datetime64[s]) on days as :meth:`random_days`, mostly in office hours."""
        days = self.random_days(rng, n, first, last).astype("datetime64[s]")
        seconds = np.clip(rng.normal(13.5, 2.6, n), 7.5, 21.5) * 3600
        return days + seconds.astype("timedelta64[s]")

    def add_workdays(self, days: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The ``counts``-th working day after each of ``days`` (as ``etl.workdays.add_workdays`` counts)."""
        first_after = np.searchsorted(self.workdays, days.astype("datetime64[D]"), side="right")
        return self.workdays[first_after + np.asarray(counts) - 1]

    def days_before_anchor(self, days: int) -> date:
        return self.anchor - timedelta(days=days)


def in_office_hours(moments: np.ndarray) -> np.ndarray:
    """Each timestamp moved within its own day into office hours (00:00–24:00 mapped onto 08:30–18:00), so a
    deadline at the end of a day still holds and the order within a day is kept."""
    days = moments.astype("datetime64[D]")
    seconds = (moments - days).astype("timedelta64[s]").astype(int)
    return days.astype("datetime64[s]") + (OFFICE_OPENS + seconds * OFFICE_SPAN // 86_400).astype("timedelta64[s]")


def as_dates(values: np.ndarray) -> pd.Series:
    """datetime64 values as a pandas date column (midnight timestamps, which the loader stores as dates)."""
    return pd.Series(pd.to_datetime(values)).dt.normalize()


def pick(rng: np.random.Generator, choices: dict[str, float], n: int) -> np.ndarray:
    """``n`` draws from ``choices`` (value → relative weight)."""
    values = np.array(list(choices))
    weights = np.array(list(choices.values()), dtype=float)
    return rng.choice(values, size=n, p=weights / weights.sum())
