"""The soak benchmark's arithmetic: when imports are due (quickly during the warm-up, then on a fixed schedule that a
slow import does not drift) and the slope it prints."""

import pytest

from bench.soak import next_import_due, slope_per_hour

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
