"""Counts of drill-down measures by department and by district / park, for the meeting view's breakdown tables.

Each cell is ``drilldown.count`` of its measure for the scope narrowed to its row — the department by name, the
region by code (a county with its parks) — so a click on it opens exactly that many rows. A project board is built
once per row and its colours counted from it; the other boards built in Python (the programmes') are grouped by
their department column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Connection

from config import RagRule, RegionConfig
from config.settings import DEFAULT_UNVISITED_DAYS
from data import drilldown
from data import drilldown_programmes as programmes
from data.metrics.scope import Scope


@dataclass(frozen=True)
class CountRow:
    """One row of a breakdown: its name, the count of each measure, the department or region that narrows it."""

    name: str
    counts: dict[str, int]
    department: str = ""
    region: str = ""


def _project_subject(keys: Sequence[str]) -> str | None:
    subjects = {drilldown.measure(key).subject for key in keys}
    subject = subjects.pop() if len(subjects) == 1 else None
    return subject if subject in drilldown.PROJECT_KINDS else None


def _board_counts(board: pd.DataFrame, keys: Sequence[str]) -> dict[str, int]:
    """The counts of project measures ``keys`` (``….all`` or ``….<colour>``) on one board."""
    statuses = board["status"].value_counts().to_dict()
    return {key: len(board) if key.endswith(".all") else int(statuses.get(key.split(".")[1], 0)) for key in keys}


def counts(
    conn: Connection, scope: Scope, keys: Sequence[str], rule: RagRule, days: int = DEFAULT_UNVISITED_DAYS
) -> dict[str, int]:
    """``drilldown.count`` of each of ``keys`` for ``scope`` (a project board read once for all its colours);
    ``days`` is the window of ``visits.unvisited`` (``[visits] unvisited_days``), as the click-through counts it."""
    subject = _project_subject(keys)
    if subject is not None:
        return _board_counts(drilldown.rows(conn, scope, f"{subject}.all", rule), keys)
    return {key: drilldown.count(conn, scope, key, rule, unvisited_days=days) for key in keys}


def by_department(
    conn: Connection, scope: Scope, keys: Sequence[str], rule: RagRule, days: int = DEFAULT_UNVISITED_DAYS
) -> tuple[CountRow, ...]:
    """One row per department with rows in any of ``keys``, the most of the first measure first."""
    subject = _project_subject(keys)
    if subject is not None:
        board = drilldown.rows(conn, scope, f"{subject}.all", rule)
        grouped = {name: _board_counts(part, keys) for name, part in board.groupby("department")}
    elif all(drilldown.measure(key).subject in programmes.BUILDERS for key in keys):
        sizes = {key: drilldown.rows(conn, scope, key, rule).groupby("department").size() for key in keys}
        names = {name for values in sizes.values() for name in values.index}
        grouped = {name: {key: int(sizes[key].get(name, 0)) for key in keys} for name in names}
    else:
        per_key = {key: drilldown.count_by_department(conn, scope, key, unvisited_days=days) for key in keys}
        names = {name for values in per_key.values() for name in values}
        grouped = {name: {key: per_key[key].get(name, 0) for key in keys} for name in names}
    rows = [CountRow(str(name), values, department=str(name)) for name, values in grouped.items()]
    return tuple(sorted(rows, key=lambda r: (*(-r.counts[k] for k in keys), r.name)))


def regions_in_scope(scope: Scope, regions: Sequence[RegionConfig]) -> Iterator[tuple[str, Scope]]:
    """Each configured district / park within the scope's regions (all of them when it names none; a chosen county
    brings its parks): its name as the breakdowns show it (a park marked 园区) and the scope narrowed to it."""
    chosen = set(scope.region_codes)
    for region in regions:
        if chosen and region.code not in chosen and region.parent not in chosen:
            continue
        name = f"{region.name}（园区）" if region.type == "park" else region.name
        yield name, replace(scope, region_codes=(region.code,))


def by_region(
    conn: Connection,
    scope: Scope,
    keys: Sequence[str],
    rule: RagRule,
    regions: Sequence[RegionConfig],
    days: int = DEFAULT_UNVISITED_DAYS,
) -> tuple[CountRow, ...]:
    """One row per configured district / park within the scope's regions that has rows in any of ``keys``."""
    rows = []
    for name, narrowed in regions_in_scope(scope, regions):
        values = counts(conn, narrowed, keys, rule, days)
        if any(values.values()):
            rows.append(CountRow(name, values, region=narrowed.region_codes[0]))
    return tuple(rows)
