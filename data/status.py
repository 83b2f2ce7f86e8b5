"""The status scale of the battle map in one place: each status's code, word, shape and colours (screen and print).

Projects are lit by it (受阻 / 相对迟缓 / 进展顺利), KPI tiles are banded on it, and the wall, the meeting view and the
brief (PDF and Excel) print its word beside its colour — every one of them reads this map, never a copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """``word``: what the status means (shown beside the colour, so it reads for colour-blind viewers and on LEDs
    whose colours drift); ``band_word``: the same status said of a KPI against its target; ``colour``: on the dark
    screens; ``print_colour``: on white paper (the PDF brief)."""

    code: str
    colour_name: str
    word: str
    band_word: str
    shape: str
    colour: str
    print_colour: str


STATUSES: dict[str, Status] = {
    "red": Status("red", "红", "受阻", "未达标", "■", "#ff4d4f", "#C62828"),
    "yellow": Status("yellow", "黄", "相对迟缓", "接近目标", "▲", "#ffcc1a", "#A86E00"),
    "green": Status("green", "绿", "进展顺利", "达标", "●", "#20d67b", "#2E7D32"),
}
STATUS_ORDER = ("red", "yellow", "green")
"""Most severe first: the order of lamps, counts and lists."""


def status_word(code: str) -> str:
    return STATUSES[code].word


def status_of_word(word: str) -> str | None:
    """The code whose word is ``word`` (受阻 → red), or None."""
    return next((s.code for s in STATUSES.values() if s.word == word), None)


def status_counts_text(
    counts: Mapping[str, int], unit: str = "", separator: str = " · ", codes: Sequence[str] = STATUS_ORDER
) -> str:
    """Counts per status in words, most severe first: ``受阻 2 · 相对迟缓 5 · 进展顺利 18`` (``unit`` after each
    count; ``codes``: which statuses, in order)."""
    return separator.join(f"{STATUSES[c].word} {counts.get(c, 0)}{unit}" for c in codes)
