"""营商环境评价: the city's provincial rank over quarters (overall, and the key-area ranking 重点指标领域) and the 18
evaluation areas with score, rank and movement.

Evaluations are city-level, so they take no ``Scope``; periods are 'YYYYQn' labels, which sort as text. The key-area
ranking is stored as the indicator at ``KEY_RANKING_POSITION`` (named by ``[evaluation] key_ranking``): it is a
ranking, not an area.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, func, select

from data.schema import Indicator, IndicatorEval

EVALUATION = IndicatorEval.__table__
INDICATOR = Indicator.__table__
ev = EVALUATION.c
KEY_RANKING_POSITION = 0
AREA = INDICATOR.c.position > KEY_RANKING_POSITION


def rank_movement(previous: int | None, current: int | None) -> int | None:
    """Ranking movement = previous rank − current rank: positive = moved up (16 → 12 is +4); None if either is
    unknown."""
    if previous is None or current is None or pd.isna(previous) or pd.isna(current):
        return None
    return int(previous) - int(current)


def _ranks(conn: Connection, which: ColumnElement[bool]) -> pd.DataFrame:
    query = select(ev.period, ev.score, ev.rank, ev.n_cities).where(which).order_by(ev.period)
    frame = pd.DataFrame(conn.execute(query).all(), columns=["period", "score", "rank", "n_cities"])
    previous = [None, *frame["rank"].iloc[:-1]] if len(frame) else []
    movement = [rank_movement(before, now) for before, now in zip(previous, frame["rank"], strict=True)]
    frame["movement"] = pd.array(movement, dtype="Int64")
    return frame


def overall_ranks(conn: Connection) -> pd.DataFrame:
    """The city's overall rank per period, oldest first: columns period, score, rank, n_cities, movement
    (movement against the period before; missing for the first).

    口径：全省营商环境评价排名 = 省里按季度公布的本市综合排名（名次越小越好；较上期 = 上期名次 − 本期名次）。
    """
    return _ranks(conn, ev.indicator_id.is_(None))


def key_ranks(conn: Connection) -> pd.DataFrame:
    """The city's rank over the key indicator areas (重点指标领域) per period, oldest first — the province's second
    ranking; columns as ``overall_ranks``.

    口径：重点指标领域排名 = 省里按季度公布的本市重点指标领域排名（名次越小越好）。
    """
    key = select(INDICATOR.c.id).where(INDICATOR.c.position == KEY_RANKING_POSITION)
    return _ranks(conn, ev.indicator_id.in_(key))


def rank_trend(ranks: pd.DataFrame) -> str:
    """A ranking's path in words, first to latest: ``16→12→9→6`` (empty without ranks)."""
    return "→".join(str(int(r)) for r in ranks["rank"] if not pd.isna(r))


def _area_periods(conn: Connection, period: str | None) -> tuple[str | None, str | None]:
    """The period to show (the latest with area results when None) and the one before it that has results."""
    areas = ev.indicator_id.in_(select(INDICATOR.c.id).where(AREA))
    if period is None:
        period = conn.execute(select(func.max(ev.period)).where(areas)).scalar_one()
    if period is None:
        return None, None
    previous = conn.execute(select(func.max(ev.period)).where(areas, ev.period < period)).scalar_one()
    return period, previous


def area_table(conn: Connection, period: str | None = None) -> pd.DataFrame:
    """Every evaluation area in framework order (``indicator.position``): columns name, score, rank, previous_rank,
    movement (= previous_rank − rank). Areas without a result show missing values. ``frame.attrs`` carries
    ``period`` and ``previous_period``."""
    period, previous = _area_periods(conn, period)
    results: dict[tuple[str, int], Any] = {}
    if period is not None:
        query = select(ev.period, ev.indicator_id, ev.score, ev.rank).where(
            ev.indicator_id.is_not(None), ev.period.in_([p for p in (period, previous) if p])
        )
        results = {(row.period, row.indicator_id): row for row in conn.execute(query)}
    rows = []
    areas = select(INDICATOR.c.id, INDICATOR.c.name).where(AREA).order_by(INDICATOR.c.position)
    for indicator_id, name in conn.execute(areas):
        now, before = results.get((period, indicator_id)), results.get((previous, indicator_id))
        rank = now.rank if now else None
        previous_rank = before.rank if before else None
        rows.append(
            {
                "name": name,
                "score": now.score if now and now.score is not None else float("nan"),
                "rank": rank,
                "previous_rank": previous_rank,
                "movement": rank_movement(previous_rank, rank),
            }
        )
    frame = pd.DataFrame(rows, columns=["name", "score", "rank", "previous_rank", "movement"])
    for column in ("rank", "previous_rank", "movement"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    frame.attrs.update(period=period, previous_period=previous)
    return frame


def weakest_areas(conn: Connection, period: str | None = None, n: int = 5) -> pd.DataFrame:
    """The ``n`` areas ranked lowest in the province (对标提升): worst rank first, lower score first on a tie."""
    table = area_table(conn, period)
    ranked = table[table["rank"].notna()]
    return ranked.sort_values(["rank", "score"], ascending=[False, True]).head(n).reset_index(drop=True)
