"""Build the wall's bundled web font: a subset of Noto Sans CJK SC (SIL OFL 1.1) from Debian's fonts-noto-cjk.

Keeps ASCII, Latin-1 punctuation, the GB2312 symbol rows and level-1 hanzi (3,755 common characters), and every
character used in the project's source (labels, config, demo names), so a few MB cover everything the wall shows.
A build step, not a runtime dependency: ``pip install -e ".[dev]" && python tools/build_font.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
NOTO = Path("/usr/share/fonts/opentype/noto")
OUT = ROOT / "assets" / "fonts"
SOURCES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
TARGETS = ("NotoSansSC-Battlemap-Regular.woff2", "NotoSansSC-Battlemap-Bold.woff2")
SCANNED = ("*.py", "*.js", "*.css", "*.toml", "*.md")
SCANNED_DIRS = ("app.py", "cli.py", "config", "data", "etl", "layouts", "callbacks", "assets")
EXTRA = "▲▼■●◆▣◇○△□—–…·×÷≥≤±％‰※→←↑↓⚠⏸"


def gb2312_characters() -> set[str]:
    """GB2312 rows 1–9 (symbols, full-width forms) and 16–55 (level-1 hanzi)."""
    chars: set[str] = set()
    for row in [*range(0xA1, 0xAA), *range(0xB0, 0xD8)]:
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def project_characters() -> set[str]:
    chars: set[str] = set()
    for entry in SCANNED_DIRS:
        path = ROOT / entry
        files = [path] if path.is_file() else [f for pattern in SCANNED for f in path.rglob(pattern)]
        for file in files:
            chars.update(ch for ch in file.read_text(encoding="utf-8", errors="ignore") if ord(ch) > 0x7F)
    return chars


def wanted_text() -> str:
    ascii_printable = {chr(c) for c in range(0x20, 0x7F)}
    latin = {chr(c) for c in range(0xA0, 0x100)}
    return "".join(sorted(ascii_printable | latin | gb2312_characters() | project_characters() | set(EXTRA)))


def build(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    text = wanted_text()
    written = []
    for source, target in zip(SOURCES, TARGETS, strict=True):
        collection = TTCollection(str(NOTO / source))
        font = next(f for f in collection.fonts if f["name"].getDebugName(4).startswith("Noto Sans CJK SC"))
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "tnum", "pnum", "palt", "vert", "locl", "ccmp"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        path = out / target
        font.flavor = "woff2"
        font.save(str(path))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for path in build(args.out):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
