"""The wall's headline counters against tests/fixtures_metrics.py, for the year 2026 as of 2026-10-15."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from config import load_settings
from data.metrics.headline import headline
from tests.fixtures_metrics import YEAR

SETTINGS = load_settings(environ={})


def test_headline_of_the_year(metric_conn):
    h = headline(metric_conn, YEAR, SETTINGS)
    # appeals received in 2026: A1..A9; on time 5 of 8 owed (A5 closed before its due time); strict 满意率 3 of 6
    assert h.appeals == 9
    assert (h.on_time_rate.numerator, h.on_time_rate.denominator) == (5, 8)
    assert (h.satisfaction_rate.numerator, h.satisfaction_rate.denominator) == (3, 6)
    # 清障 found in 2026: I1..I6, I8 (7); closed by today I1, I2, I5
    assert (h.clearance_closed, h.clearance_total, h.clearance_rate.percent) == (3, 7, 42.9)
    # 为企办实事: P1 red, P3 red, P5 yellow, P2 green
    assert h.projects == {"red": 2, "yellow": 1, "green": 1}
    # latest rank 2026Q3: 6, before it 10 → up 4, of 16 cities
    assert (h.rank, h.previous_rank, h.movement, h.n_cities) == (6, 10, 4, 16)
    # the path of the overall rank, and the key-area ranking (重点指标领域: 9 in 2026Q2, 5 in 2026Q3) beside it
    assert (h.rank_trend, h.key_rank, h.key_rank_trend) == ("16→12→10→6", 5, "9→5")
    # 亲清观察员: A2, A4, A6, A8, A9; solved A4, A6, A9
    assert (h.observer_leads, h.observer_solved) == (5, 3)


def test_headline_rank_is_as_of_today(metric_conn):
    # in May 2026 the latest published quarter on file is 2026Q2 (rank 10, before it 12)
    h = headline(metric_conn, replace(YEAR, today=date(2026, 5, 10)), SETTINGS)
    assert (h.rank, h.previous_rank, h.movement) == (10, 12, 2)
