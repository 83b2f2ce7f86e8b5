"""``Rate``: a numerator over a denominator, kept as counts so the wall can show "573 / 584" beside "98.1%";
``RateQuery``, a rate as one aggregate SELECT, fetched whole or per group; and ``Tally``, a count summed from a
summary table."""

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
        """The rate of each value of ``key`` (a group with nothing in its denominator is absent)."""
        query = select(key, self.numerator, self.denominator).select_from(self.source).where(*self.where).group_by(key)
        return {group: Rate(float(n or 0), float(d), self.label) for group, n, d in conn.execute(query) if d}


def counted_rate(
    source: FromClause, numerator: ColumnElement[bool], where: Iterable[ColumnElement[bool]], label: str = ""
) -> RateQuery:
    """Rows matching ``numerator`` among the rows matching ``where`` (the denominator)."""
    return RateQuery(source, count_if(numerator), func.count(), tuple(where), label)


def summed_rate(
    source: FromClause,
    numerator: ColumnElement[Any],
    denominator: ColumnElement[Any],
    where: Iterable[ColumnElement[bool]],
    label: str = "",
) -> RateQuery:
    """Σ ``numerator`` ÷ Σ ``denominator`` over the rows of a summary table matching ``where``."""
    return RateQuery(source, func.sum(numerator), func.sum(denominator), tuple(where), label)


@dataclass(frozen=True)
class Tally:
    """A count read from a summary table: Σ ``measure`` over the rows of ``source`` matching ``where``."""

    source: FromClause
    measure: ColumnElement[Any]
    where: tuple[ColumnElement[bool], ...]

    def count(self, conn: Connection) -> int:
        query = select(func.coalesce(func.sum(self.measure), 0)).select_from(self.source).where(*self.where)
        return int(conn.execute(query).scalar_one())

    def count_by(self, conn: Connection, key: ColumnElement[Any], source: FromClause | None = None) -> dict[Any, int]:
        """The count per value of ``key`` (``source``: the summary joined to where ``key`` lives); groups summing
        to 0 are left out, as a row count would leave them out."""
        total = func.sum(self.measure)
        query = (
            select(key, total)
            .select_from(self.source if source is None else source)
            .where(*self.where)
            .group_by(key)
            .having(total != 0)
        )
        return {group: int(n) for group, n in conn.execute(query)}
