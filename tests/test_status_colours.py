"""Which colour means which status (``[status] colours``): red = 受阻 by default, an honours board's swap when
configured, a mapping that would light two statuses alike refused; the word always printed beside the colour."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from config import ConfigError, load_settings
from data import drilldown
from data.status import DEFAULT_COLOURS, PALETTE, STATUSES, status_css, use_colours
from layouts.components import status_lamp

HONOURS = '[status]\ncolours = { blocked = "green", slow = "yellow", on_track = "red" }\n'


@pytest.fixture
def honours_board(tmp_path: Path) -> Iterator[None]:
    path = tmp_path / "honours.toml"
    path.write_text(HONOURS, encoding="utf-8")
    use_colours(load_settings(environ={"BATTLEMAP_CONFIG": str(path)}).status_colours)
    yield
    use_colours(DEFAULT_COLOURS)


def test_red_means_blocked_by_default() -> None:
    assert load_settings(environ={}).status_colours == {"blocked": "red", "slow": "yellow", "on_track": "green"}
    assert (STATUSES["red"].word, STATUSES["red"].colour, STATUSES["red"].colour_name) == ("受阻", "#ff4d4f", "红")
    assert status_css() == (":root{--bm-status-red:#ff4d4f;--bm-status-yellow:#ffcc1a;--bm-status-green:#20d67b;}")


def test_an_honours_board_lights_progress_red_and_keeps_the_words(honours_board: None) -> None:
    blocked, on_track = STATUSES["red"], STATUSES["green"]
    assert (blocked.word, blocked.colour, blocked.print_colour, blocked.colour_name) == (
        "受阻", PALETTE["green"].screen, PALETTE["green"].paper, "绿",
    )  # fmt: skip
    assert (on_track.word, on_track.colour) == ("进展顺利", PALETTE["red"].screen)
    assert "--bm-status-red:#20d67b;" in status_css() and "--bm-status-green:#ff4d4f;" in status_css()
    # a lamp still says what it means, whatever its colour; the rows behind it are named by the word alone
    lamp = status_lamp("red")
    assert "受阻" in str(lamp.to_plotly_json())
    assert drilldown.measure("projects.red").label == "受阻项目"


@pytest.mark.parametrize(
    "colours",
    [
        '{ blocked = "red", slow = "red", on_track = "green" }',  # two statuses alike
        '{ blocked = "red", slow = "yellow", on_track = "green", paused = "red" }',  # not a status
        '{ blocked = "blue", slow = "yellow", on_track = "green" }',  # not a lamp colour
    ],
)
def test_a_mapping_that_cannot_be_read_is_refused(tmp_path: Path, colours: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(f"[status]\ncolours = {colours}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[status\] colours"):
        load_settings(environ={"BATTLEMAP_CONFIG": str(path)})
