"""The status scale of the battle map in one place: each status's code, word, shape and colours (screen and print).

Projects are lit by it (受阻 / 相对迟缓 / 进展顺利), KPI tiles are banded on it, and the wall, the meeting view and the
brief (PDF and Excel) print its word beside its colour — every one of them reads this map, never a copy.

A status's code is its default colour (red = 受阻); which colour each status is lit in is the ``[status] colours``
setting (a warning system's red = 受阻 by default, or an honours board's red = 进展顺利), applied once at start by
:func:`use_colours`. The word is printed beside the colour either way.
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


@dataclass(frozen=True)
class Colour:
    """A lamp colour: its name, on the dark screens, on white paper."""

    name: str
    screen: str
    paper: str


PALETTE: dict[str, Colour] = {
    "red": Colour("红", "#ff4d4f", "#C62828"),
    "yellow": Colour("黄", "#ffcc1a", "#A86E00"),
    "green": Colour("绿", "#20d67b", "#2E7D32"),
}
WORDS = {"red": ("受阻", "未达标", "■"), "yellow": ("相对迟缓", "接近目标", "▲"), "green": ("进展顺利", "达标", "●")}
SETTING_KEYS = {"red": "blocked", "yellow": "slow", "green": "on_track"}
"""Each status's key in ``[status] colours`` (blocked = 受阻, slow = 相对迟缓, on_track = 进展顺利)."""
DEFAULT_COLOURS = {"blocked": "red", "slow": "yellow", "on_track": "green"}
"""The ``[status] colours`` default: each status lit in the colour of its code (a warning system's reading)."""


def status_scale(colours: Mapping[str, str]) -> dict[str, Status]:
    """The scale with each status lit in ``colours[its setting key]`` (a colour of ``PALETTE``)."""
    scale = {}
    for code, (word, band_word, shape) in WORDS.items():
        colour = PALETTE[colours[SETTING_KEYS[code]]]
        scale[code] = Status(code, colour.name, word, band_word, shape, colour.screen, colour.paper)
    return scale


STATUSES: dict[str, Status] = status_scale(DEFAULT_COLOURS)


def use_colours(colours: Mapping[str, str]) -> None:
    """Light every status in its configured colour from now on (the app calls this once, at start)."""
    STATUSES.update(status_scale(colours))


def status_css() -> str:
    """The CSS custom properties that paint each status class in its colour (``--bm-status-red`` is the colour
    status red — 受阻 — is lit in)."""
    return ":root{" + "".join(f"--bm-status-{code}:{s.colour};" for code, s in STATUSES.items()) + "}"


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
