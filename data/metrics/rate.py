"""``Rate``: a numerator over a denominator, kept as counts so the wall can show "573 / 584" beside "98.1%";
and ``RateQuery``, a rate as one aggregate SELECT, fetched whole or per group."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, func, select

from data.metrics.sql import count_if


@dataclass(frozen=True)
class Rate:
    """``numerator ÷ denominator``; ``value`` is None (not 0) when nothing was counted in the denominator."""

    numerator: float
    denominator: float
    label: str = ""

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> float | None:
        value = self.value
        return None if value is None else round(value * 100, 1)

    def or_nan(self) -> float:
        """``value`` with NaN for "no data", for DataFrame columns."""
        value = self.value
        return math.nan if value is None else value


@dataclass(frozen=True)
class RateQuery:
    """A rate as SQL: the aggregate ``numerator`` and ``denominator`` over the rows of ``source`` matching ``where``."""

    source: FromClause
    numerator: ColumnElement[Any]
    denominator: ColumnElement[Any]
    where: tuple[ColumnElement[bool], ...]
    label: str = ""

    def fetch(self, conn: Connection) -> Rate:
        query = select(self.numerator, self.denominator).select_from(self.source).where(*self.where)
        numerator, denominator = conn.execute(query).one()
        return Rate(float(numerator or 0), float(denominator or 0), self.label)

    def fetch_by(self, conn: Connection, key: ColumnElement[Any]) -> dict[Any, Rate]:
        """The rate of each value of ``key`` (a group with no rows at all is absent)."""
        query = select(key, self.numerator, self.denominator).select_from(self.source).where(*self.where).group_by(key)
        return {group: Rate(float(n or 0), float(d or 0), self.label) for group, n, d in conn.execute(query)}


def counted_rate(
    source: FromClause, numerator: ColumnElement[bool], where: Iterable[ColumnElement[bool]], label: str = ""
) -> RateQuery:
    """Rows matching ``numerator`` among the rows matching ``where`` (the denominator)."""
    return RateQuery(source, count_if(numerator), func.count(), tuple(where), label)
