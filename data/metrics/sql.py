"""Portable SQL pieces the metrics share: conditional counts, month keys and time differences that compile on
both SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Float, case, extract, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """The number of rows matching ``condition`` (0, never NULL, when none do)."""
    return func.count(case((condition, 1)))


def month_key(column: ColumnElement[Any]) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """(year, month) of a date or timestamp column, to GROUP BY; ``month_label`` turns them into 'YYYY-MM'."""
    return extract("year", column), extract("month", column)


def month_label(year: Any, month: Any) -> str:
    return f"{int(year):04d}-{int(month):02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from ``first`` to ``last``, both included (to fill the months a count has none in)."""
    year, month = int(first[:4]), int(first[5:])
    months = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        months.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class seconds_between(FunctionElement[float]):
    """``later − earlier`` in seconds, for two timestamp columns (NULL if either is NULL)."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between)
def _seconds_between_postgresql(element: seconds_between, compiler: Any, **kw: Any) -> str:
    earlier, later = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({later} - {earlier}))"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    earlier, later = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"(CAST(strftime('%s', {later}) AS INTEGER) - CAST(strftime('%s', {earlier}) AS INTEGER))"


class day_of(FunctionElement[date]):
    """The calendar day of a timestamp column (NULL stays NULL), for the summary tables' day keys."""

    type = Date()
    inherit_cache = True
    name = "day_of"


@compiles(day_of)
def _day_of_default(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class rare(FunctionElement[Any]):
    """``condition`` with the hint that few rows match it: on SQLite ``likelihood(condition, 0.001)``, so without
    histograms the planner still reads such rows (those closed today) by their index rather than scanning a year's
    range of another index; elsewhere the condition as it is (PostgreSQL's planner has the histograms). Untyped, so
    SQLite's ``WHERE`` takes it bare (a boolean would become ``… = 1``, which no index serves)."""

    inherit_cache = True
    name = "rare"


@compiles(rare)
def _rare_default(element: rare, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(rare, "sqlite")
def _rare_sqlite(element: rare, compiler: Any, **kw: Any) -> str:
    return f"likelihood({compiler.process(element.clauses, **kw)}, 0.001)"
