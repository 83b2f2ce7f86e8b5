"""好差评 metrics against values worked out by hand on tests/fixtures_metrics.py (reviews R1–R11, as of 2026-10-15).

差评 (level 1–2): R4 (real name, due 07-20, rectified 07-18, revisited), R5 (real name, due 08-10, rectified 08-15),
R6 (ruled mistaken), R7 (due 10-30), R9 (real name, due 09-30, not rectified, revisit after today),
R10 (2025, real name, due 2026-01-05, rectified 01-04), R11 (due 08-01, not rectified).
"""

from __future__ import annotations

from dataclasses import replace

from data.metrics import reviews
from tests.fixtures_metrics import ALL, D2, Q3, YEAR


def fraction(rate):
    return rate.numerator, rate.denominator


def test_good_and_bad_review_rates(metric_conn):
    # 2026: R1..R9, R11 (10); 5 or 4: R1, R2, R8; 1 or 2: R4, R5, R6, R7, R9, R11
    assert fraction(reviews.good_review_rate(metric_conn, YEAR)) == (3, 10)
    assert fraction(reviews.bad_review_rate(metric_conn, YEAR)) == (6, 10)
    # Q3: all of 2026 but R8 (June) → 9; good R1, R2; bad the same six
    assert fraction(reviews.good_review_rate(metric_conn, Q3)) == (2, 9)
    assert fraction(reviews.bad_review_rate(metric_conn, Q3)) == (6, 9)
    assert reviews.review_count(metric_conn, YEAR) == 10
    assert reviews.review_count(metric_conn, ALL) == 11


def test_rectify_rates(metric_conn):
    # 2026 差评 due by today, not ruled mistaken: R4, R5, R9, R11; rectified by today R4, R5; on time R4
    assert fraction(reviews.bad_review_rectify_rate(metric_conn, YEAR)) == (2, 4)
    assert fraction(reviews.bad_review_rectify_on_time_rate(metric_conn, YEAR)) == (1, 4)
    # all time adds R10 (rectified a day early): rectified R4, R5, R10; on time R4, R10
    assert fraction(reviews.bad_review_rectify_rate(metric_conn, ALL)) == (3, 5)
    assert fraction(reviews.bad_review_rectify_on_time_rate(metric_conn, ALL)) == (2, 5)
    # as of 08-12: due R4, R5 (08-10), R11 (08-01); R5 is rectified only on 08-15
    as_of = replace(YEAR, today=YEAR.today.replace(month=8, day=12))
    assert fraction(reviews.bad_review_rectify_rate(metric_conn, as_of)) == (1, 3)


def test_realname_bad_revisit_rate(metric_conn):
    # real-name 差评 of 2026: R4, R5, R9; revisited by today: R4 (R9's revisit is after today)
    assert fraction(reviews.realname_bad_revisit_rate(metric_conn, YEAR)) == (1, 3)
    as_of = replace(YEAR, today=YEAR.today.replace(day=20))
    assert fraction(reviews.realname_bad_revisit_rate(metric_conn, as_of)) == (2, 3)


def test_filters(metric_conn):
    # 市税务局 in 2026: R4, R5, R9 — no good review
    assert fraction(reviews.good_review_rate(metric_conn, replace(YEAR, department_names=(D2,)))) == (0, 3)
    # 淮川区 incl. park: R1, R2, R3, R6 (park), R7, R11 → good R1, R2
    assert fraction(reviews.good_review_rate(metric_conn, replace(YEAR, region_codes=("HC01",)))) == (2, 6)
    # 资源要素保障 = 供电公司: R11, due 08-01, never rectified
    assert fraction(reviews.bad_review_rectify_rate(metric_conn, replace(YEAR, action_group="资源要素保障"))) == (0, 1)


def test_bad_reviews_by_month(metric_conn):
    # 2026 差评 by month: July R4 (rectified 07-18), R11; August R5 (rectified 08-15), R6 (ruled mistaken, still a
    # 差评); September R7, R9 — neither rectified
    frame = reviews.bad_reviews_by_month(metric_conn, YEAR)
    assert frame.values.tolist() == [["2026-07", 2, 1], ["2026-08", 2, 1], ["2026-09", 2, 0]]
    # all time adds R10 (2025-12, rectified): the months between are filled with nothing
    frame = reviews.bad_reviews_by_month(metric_conn, ALL)
    assert frame["month"].tolist()[:3] == ["2025-12", "2026-01", "2026-02"] and len(frame) == 10
    assert frame.iloc[0].tolist() == ["2025-12", 1, 1] and frame.iloc[1].tolist() == ["2026-01", 0, 0]
    # as of 08-12, R5's rectification (08-15) has not happened yet
    as_of = replace(YEAR, today=YEAR.today.replace(month=8, day=12))
    frame = reviews.bad_reviews_by_month(metric_conn, as_of)
    assert frame.values.tolist()[:2] == [["2026-07", 2, 1], ["2026-08", 2, 0]]
