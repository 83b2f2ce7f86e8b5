"""The demo city 淮川市 (DESIGN §7): one deterministic year of every source kind, placed relative to an anchor
day so it always looks current, loaded through the single loading path; and the reset that clears a store for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TextIO

import pandas as pd
from sqlalchemy import delete

from config import Settings
from data.clock import local_now, local_today
from data.engine import Store
from data.labels import source_kind_name
from data.metrics.scope import quarter_of
from data.schema import Base, Department
from etl.demo import appeals, drive, evaluation, grid, programmes
from etl.demo.city import DemoCity
from etl.kinds import KINDS, SourceKind
from etl.load import LoadResult, bump_data_version, load_frame
from etl.quarters import issue_history_quarters

# Dimension tables seeded from the configuration survive a reset (departments only those the config names), and so
# do the accounts.
KEPT_TABLES = {
    *("region", "action_group", "department", "indicator", "workday", "data_version"),
    *("app_user", "login_failure"),
}


def _anchor_day(settings: Settings, anchor: date | str | None) -> date:
    if anchor is None:
        return local_today(settings.timezone)
    return date.fromisoformat(anchor) if isinstance(anchor, str) else anchor


def _canonical(kind: SourceKind, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The kind's fields only, in catalogue order; a kind the demo does not generate gets an empty frame."""
    names = [f.name for f in kind.fields]
    if frame is None:
        return pd.DataFrame(columns=names)
    return frame[[n for n in names if n in frame.columns]].reset_index(drop=True)


def generate_demo(settings: Settings, anchor: date | str | None = None) -> dict[str, pd.DataFrame]:
    """Every kind's frame (canonical field names, references by name), in ``KINDS`` load order.

    The 12 months end at ``anchor`` (default: today in the city's timezone); the same anchor always gives the same
    data. Awards stay empty: the quarter's candidates are computed, not invented.
    """
    city = DemoCity(settings, _anchor_day(settings, anchor))
    register = grid.enterprises(city)
    crew = grid.cadres(city, register)
    links = grid.assignments(city, register, crew)
    tickets = appeals.appeals(city, register)
    frames = {
        "enterprises": register,
        "cadres": crew,
        "assignments": links,
        "visits": grid.visits(city, links, crew),
        "squads": programmes.squads(city),
        "appeals": programmes.route_appeals(city, tickets),
        "clearance": programmes.route_issues(city, drive.clearance(city)),
        **drive.projects(city),
        "reviews": evaluation.reviews(city),
        "refusals": appeals.refusals(city, tickets),
        "service_items": evaluation.service_items(city),
        "indicator_eval": evaluation.indicator_eval(city),
        "econ_metrics": evaluation.econ_metrics(city),
        "reform_measures": programmes.reform_measures(city),
        "clean_wind": programmes.clean_wind(city),
    }
    return {name: _canonical(kind, frames.get(name)) for name, kind in KINDS.items()}


def load_demo(
    store: Store, settings: Settings, anchor: date | str | None = None, progress: TextIO | None = None
) -> list[LoadResult]:
    """Generate the demo year ending at ``anchor`` and load each kind through ``etl.load.load_frame``
    (source ``演示数据：<the kind's name>``); prints one line per kind to ``progress`` if given. Kinds without rows
    (awards) are not loaded."""
    results = []
    for name, frame in generate_demo(settings, anchor).items():
        if frame.empty:
            continue
        kind = KINDS[name]
        if progress is not None:
            print(f"载入演示数据：{kind.label} {len(frame):,} 行…", file=progress, flush=True)
        results.append(load_frame(store, settings, kind, frame, source=f"演示数据：{source_kind_name(name)}"))
    now = local_now(settings.timezone)
    with store.write() as conn:  # the demo's year is history: its closed quarters are issued as loaded
        first = quarter_of(_anchor_day(settings, anchor) - timedelta(days=365))
        issued = issue_history_quarters(conn, settings, now, first)
        if issued:
            bump_data_version(conn, now)
    return results


def reset_store(store: Store, settings: Settings) -> None:
    """Delete every fact row, enterprise, cadre and load record, and the departments the config does not name,
    in one write transaction; the configured dimensions stay and the data version goes up."""
    configured = [d.name for d in settings.departments]
    with store.write() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                conn.execute(delete(table))
        conn.execute(delete(Department.__table__).where(Department.__table__.c.name.not_in(configured)))
        bump_data_version(conn, local_now(settings.timezone))


__all__ = ["generate_demo", "load_demo", "reset_store"]
