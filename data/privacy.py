"""The one scrubber for free text on public surfaces (the wall, and any later public view): it masks mobile and
fixed-line telephone numbers, 18-digit resident ID numbers (check character ``X`` included) and every person's
name held in the configured personal-name fields (``[privacy] personal_name_fields``, ``table.column``), wherever
they stand inside a string.

``scrubber(conn, fields)`` reads the names once per build; ``Scrubber.text`` masks one string and ``scrub`` walks a
view (dataclasses, mappings, sequences) and returns a copy whose every string has been masked.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from data.schema import Base

NUMBER_MASK = "***"
NAME_MASK = "**"
MIN_NAME_LENGTH = 2
_D = "[0-9０-９]"
_SEP = r"[-－—\s]?"
_NOT_DIGIT_BEFORE, _NOT_DIGIT_AFTER = r"(?<![0-9０-９])", r"(?![0-9０-９])"
PATTERNS = (
    # resident ID: 17 digits and a check digit or X (before the phone patterns: an ID contains phone-like runs)
    re.compile(rf"{_NOT_DIGIT_BEFORE}{_D}{{17}}[0-9０-９XxＸｘ]{_NOT_DIGIT_AFTER}"),
    # mobile: 1[3-9]x xxxx xxxx, with an optional +86 and spaces or hyphens between the groups
    re.compile(
        rf"{_NOT_DIGIT_BEFORE}(?:[+＋]?(?:86|８６){_SEP})?[1１][3-9３-９]{_D}(?:{_SEP}{_D}{{4}}){{2}}{_NOT_DIGIT_AFTER}"
    ),
    # fixed line: an area code 0xx or 0xxx (in brackets or not), 7 or 8 digits, an optional extension
    re.compile(
        rf"{_NOT_DIGIT_BEFORE}[(（]?[0０]{_D}{{2,3}}[)）]?{_SEP}[2-9２-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"
        rf"(?:(?:转|-|ext\.?){_D}{{1,5}})?{_NOT_DIGIT_AFTER}"
    ),
)


class PrivacyConfigError(ValueError):
    """A configured personal-name field that the store does not have."""


def _column(field: str) -> Any:
    table_name, _, column_name = field.partition(".")
    table = Base.metadata.tables.get(table_name)
    if table is None or column_name not in table.c:
        raise PrivacyConfigError(
            f"[privacy] personal_name_fields 中的 {field!r} 不是数据库中的字段"
            "（应写作 表名.字段名，如 appeal.contact_name）"
        )
    return table.c[column_name]


def check_fields(fields: Iterable[str]) -> None:
    for field in fields:
        _column(field)


class Scrubber:
    """Masks telephone numbers, ID numbers and the given personal names inside any string."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in (name.strip() for name in names if name) if len(n) >= MIN_NAME_LENGTH)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    def text(self, value: str) -> str:
        for pattern in PATTERNS:
            value = pattern.sub(NUMBER_MASK, value)
        return self._names(value) if self.names else value

    def _names(self, value: str) -> str:
        """Each longest known name found, left to right, replaced by its first character and the mask."""
        out, i, n = [], 0, len(value)
        while i < n:
            for length in self.lengths:
                if i + length <= n and value[i : i + length] in self.names:
                    out.append(value[i] + NAME_MASK)
                    i += length
                    break
            else:
                out.append(value[i])
                i += 1
        return "".join(out)

    def scrub(self, value: Any) -> Any:
        """A copy of ``value`` with every string in it masked (dataclass fields, mapping values, sequence items)."""
        if isinstance(value, str):
            return self.text(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self.scrub(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
            return dataclasses.replace(value, **changes)
        if isinstance(value, Mapping):
            return type(value)({key: self.scrub(item) for key, item in value.items()})  # type: ignore[call-arg]
        if isinstance(value, tuple) and hasattr(value, "_fields"):
            return type(value)(*(self.scrub(item) for item in value))
        if isinstance(value, list | tuple):
            return type(value)(self.scrub(item) for item in value)
        return value


def scrubber(conn: Connection, fields: Iterable[str]) -> Scrubber:
    """A scrubber knowing every name now held in the personal-name ``fields``."""
    names: set[str] = set()
    for field in fields:
        column = _column(field)
        names.update(v for v in conn.execute(select(column).distinct().where(column.is_not(None))).scalars() if v)
    return Scrubber(names)
