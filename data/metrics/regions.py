"""The city's regions as the wall's schematic tile map places them (``region.tile_x`` / ``tile_y``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from data.metrics.scope import REGION


@dataclass(frozen=True)
class RegionTile:
    """A county-level unit or park with its tile position (column ``x``, row ``y``)."""

    code: str
    name: str
    type: str
    parent_code: str | None
    x: int
    y: int


def region_tiles(conn: Connection) -> list[RegionTile]:
    """Every region that has a tile position, in region-code order (regions without one are not on the map)."""
    rc = REGION.c
    query = (
        select(rc.code, rc.name, rc.type, rc.parent_code, rc.tile_x, rc.tile_y)
        .where(rc.tile_x.is_not(None), rc.tile_y.is_not(None))
        .order_by(rc.code)
    )
    return [RegionTile(*row) for row in conn.execute(query)]
