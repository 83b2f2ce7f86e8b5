"""Dimensions from configuration: the city and its regions, action groups, departments, indicators, and the
working-day calendar (``etl.calendar``: the config's and imported arrangements over the package)."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from config import Settings
from data.clock import local_now
from data.metrics.evaluation import KEY_RANKING_POSITION
from data.schema import ActionGroup, DataVersion, Department, Indicator, Region
from etl.calendar import refresh_calendar
from etl.load import bump_data_version

CALENDAR_YEARS_BACK = 3
CALENDAR_YEARS_AHEAD = 1


def _upsert_by(conn: Connection, table, key: str, rows: list[dict]) -> int:
    """Insert rows whose ``key`` is new, update the others; returns how many rows were new."""
    existing = dict(conn.execute(select(table.c[key], table.c.id)).all())
    new = [r for r in rows if r[key] not in existing]
    if new:
        conn.execute(insert(table), new)
    for r in rows:
        if r[key] in existing:
            conn.execute(update(table).where(table.c.id == existing[r[key]]).values(**r))
    return len(new)


def seed_dimensions(conn: Connection, settings: Settings, current_year: int) -> list[str]:
    """Make the dimension tables match the configuration (idempotent); returns notes for the operator."""
    notes: list[str] = []
    regions = [
        {
            "code": settings.city_code,
            "name": settings.city_name,
            "type": "city",
            "parent_code": None,
            "tile_x": None,
            "tile_y": None,
        }
    ]
    regions += [
        {
            "code": r.code,
            "name": r.name,
            "type": r.type,
            "parent_code": r.parent or settings.city_code,
            "tile_x": r.tile[0] if r.tile else None,
            "tile_y": r.tile[1] if r.tile else None,
        }
        for r in settings.regions
    ]
    _upsert_by(conn, Region.__table__, "code", regions)

    _upsert_by(conn, ActionGroup.__table__, "name", [{"name": g} for g in settings.action_groups])
    group_ids = dict(conn.execute(select(ActionGroup.name, ActionGroup.id)).all())
    _upsert_by(
        conn,
        Department.__table__,
        "name",
        [{"name": d.name, "type": d.type, "action_group_id": group_ids[d.action_group]} for d in settings.departments],
    )
    areas = [{"name": n, "position": i} for i, n in enumerate(settings.indicators, 1)]
    key_ranking = [{"name": settings.key_ranking, "position": KEY_RANKING_POSITION}]
    _upsert_by(conn, Indicator.__table__, "name", [*areas, *key_ranking])

    years = range(current_year - CALENDAR_YEARS_BACK, current_year + CALENDAR_YEARS_AHEAD + 1)
    change = refresh_calendar(conn, settings, years)
    notes.extend(change.notes)
    if change.appeals_recounted:
        notes.append(f"工作日历已变化：重新计算了 {change.appeals_recounted} 件诉求的办理时限")
    if conn.execute(select(DataVersion.id)).first() is None:
        conn.execute(insert(DataVersion.__table__).values(id=1, version=0))
    elif change.appeals_recounted:
        bump_data_version(conn, local_now(settings.timezone))
    return notes
