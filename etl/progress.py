"""A progress line for long imports, written to stderr (never stdout, which carries ``--json``)."""

from __future__ import annotations

import time
from typing import TextIO

MIN_INTERVAL_S = 0.5
LONG_FILE_ROWS = 10_000  # a file this long shows its bar from the start and always ends with a final line
WIDTH = 30


class Progress:
    """``导入 文件名  [#####.....]  120,000/400,000 行`` redrawn in place at most twice a second."""

    def __init__(self, stream: TextIO, label: str, total: int | None) -> None:
        self.stream, self.label, self.total = stream, label, total
        self.done = 0
        self._drawn_at = time.monotonic()  # short files finish before the first draw and print nothing
        self._drawn = False
        if total is not None and total >= LONG_FILE_ROWS:  # a long file shows its bar at once, before its first chunk
            self._draw()

    def advance(self, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if now - self._drawn_at >= MIN_INTERVAL_S or (not self._drawn and self.done >= LONG_FILE_ROWS):
            self._draw()
            self._drawn_at = now

    def _draw(self) -> None:
        if self.total:
            filled = min(WIDTH, WIDTH * self.done // self.total)
            bar = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self.done:,}/{self.total:,} 行"
        else:
            bar = f"{self.done:,} 行"
        self.stream.write(f"\r导入 {self.label}  {bar}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn or self.done >= LONG_FILE_ROWS:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
