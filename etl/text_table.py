"""Plain-text tables for the terminal, aligned by display width: a CJK character takes two columns (``wcwidth``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wcwidth import wcswidth

GAP = "  "


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (汉字 and full-width forms two, combining marks none)."""
    width = wcswidth(text)
    return width if width >= 0 else sum(max(wcswidth(c), 0) for c in text)


def clip(text: str, width: int) -> str:
    """``text`` on one line and at most ``width`` display columns (cut with …)."""
    line = _one_line(text)
    if display_width(line) <= width:
        return line
    out, used = [], 1
    for char in line:
        used += max(wcswidth(char), 0)
        if used > width:
            break
        out.append(char)
    return "".join(out) + "…"


def _one_line(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns (on the left when ``right``)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def text_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[int] = (), indent: str = ""
) -> list[str]:
    """The lines of a table: every column as wide as its widest cell, ``right`` = indexes of right-aligned
    columns (numbers); the last column is not padded, so lines carry no trailing spaces."""
    cells = [[str(c) for c in header], *([_one_line(c) for c in row] for row in rows)]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    last = len(header) - 1
    return [
        indent
        + GAP.join(
            pad(cell, widths[i], i in right) if i < last or i in right else cell for i, cell in enumerate(row)
        ).rstrip()
        for row in cells
    ]
