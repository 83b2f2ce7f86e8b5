"""The soak benchmark's arithmetic: when imports are due (quickly during the warm-up, then on a fixed schedule that a
slow import does not drift) and the slope it prints with its margin."""

import pytest

from bench.soak import next_import_due, slope_margin_per_hour, slope_per_hour

WARMUP_END, WARMUP_GAP, GAP = 1200.0, 10.0, 300.0


def test_imports_follow_each_other_quickly_during_the_warm_up() -> None:
    assert next_import_due(0.0, WARMUP_END, WARMUP_GAP, GAP) == 10.0
    assert next_import_due(23.5, WARMUP_END, WARMUP_GAP, GAP) == 33.5


def test_the_first_import_after_the_warm_up_waits_a_whole_gap() -> None:
    assert next_import_due(1195.0, WARMUP_END, WARMUP_GAP, GAP) == 1500.0


def test_the_schedule_after_the_warm_up_does_not_drift_with_slow_imports() -> None:
    assert next_import_due(1500.0, WARMUP_END, WARMUP_GAP, GAP) == 1800.0
    assert next_import_due(1540.0, WARMUP_END, WARMUP_GAP, GAP) == 1800.0  # started 40 s late: still 1800
    assert next_import_due(1830.0, WARMUP_END, WARMUP_GAP, GAP) == 2100.0  # ran past one: the next free slot


def test_slope_is_per_hour_and_zero_for_a_flat_or_single_series() -> None:
    # 1 MB every 30 minutes → 2 MB/h, by hand
    assert slope_per_hour([0.0, 1800.0, 3600.0], [10.0, 11.0, 12.0]) == pytest.approx(2.0)
    assert slope_per_hour([0.0, 1800.0, 3600.0], [10.0, 10.0, 10.0]) == pytest.approx(0.0)
    assert slope_per_hour([5.0], [10.0]) == 0.0


def test_slope_margin_is_the_95_percent_half_width_by_hand() -> None:
    # t = 0, 1, 2, 3 h; values 0, 2, 1, 3: slope 0.8/h, intercept 0.3; residuals -0.3, 0.9, -0.9, 0.3 → Σr² = 1.8,
    # s² = 1.8 / 2 = 0.9, Σ(t − 1.5)² = 5 h² → margin = 1.96 × √0.9 / √5 = 0.8316 per hour
    hours = [0.0, 3600.0, 7200.0, 10800.0]
    assert slope_per_hour(hours, [0.0, 2.0, 1.0, 3.0]) == pytest.approx(0.8)
    assert slope_margin_per_hour(hours, [0.0, 2.0, 1.0, 3.0]) == pytest.approx(1.96 * 0.9**0.5 / 5**0.5)
    assert slope_margin_per_hour(hours, [1.0, 2.0, 3.0, 4.0]) == pytest.approx(0.0)  # on a line: no doubt
    assert slope_margin_per_hour(hours[:2], [1.0, 2.0]) == 0.0  # two points: no residual to judge by
