"""The import's progress line (etl/progress.py): a long file shows it from the start, a short one prints nothing."""

from __future__ import annotations

import io

from etl.progress import LONG_FILE_ROWS, Progress


def test_a_short_file_prints_no_progress() -> None:
    stream = io.StringIO()
    progress = Progress(stream, "small.csv", None)
    progress.advance(LONG_FILE_ROWS - 1)
    progress.close()
    assert stream.getvalue() == ""


def test_a_long_file_of_known_length_shows_its_bar_before_the_first_row() -> None:
    stream = io.StringIO()
    Progress(stream, "big.xlsx", 40_000)
    assert stream.getvalue() == "\r导入 big.xlsx  [..............................] 0/40,000 行"


def test_a_long_file_of_unknown_length_shows_progress_after_its_first_long_chunk_at_once() -> None:
    stream = io.StringIO()
    progress = Progress(stream, "big.csv", None)
    progress.advance(LONG_FILE_ROWS)  # well within the half-second redraw interval
    assert stream.getvalue() == f"\r导入 big.csv  {LONG_FILE_ROWS:,} 行"
    progress.advance(5)  # the next redraw waits for the interval
    assert stream.getvalue() == f"\r导入 big.csv  {LONG_FILE_ROWS:,} 行"
    progress.close()
    assert stream.getvalue().endswith(f"\r导入 big.csv  {LONG_FILE_ROWS + 5:,} 行\n")
