"""How a source kind is declared: its fields (canonical name, Chinese header, aliases, type, rules) and its table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import Table

FieldType = Literal["str", "text", "int", "float", "date", "datetime", "bool", "month", "quarter", "period"]
RefKind = Literal[
    "region", "park", "department", "enterprise", "project", "cadre", "indicator", "action_group", "squad"
]


@dataclass(frozen=True)
class Field:
    """One column of a source.

    ``name`` is the canonical name used from the reader on; ``column`` the database column it lands in
    (a reference field such as ``region`` lands in ``region_id``). ``label`` is the canonical Chinese header,
    ``aliases`` the other headers offices use. ``labels`` maps label values to stored values (满意 → 4).
    """

    name: str
    label: str
    type: FieldType = "str"
    required: bool = False
    aliases: tuple[str, ...] = ()
    ref: RefKind | None = None
    choices: tuple[str, ...] | None = None
    labels: Mapping[str, object] = field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    personal: bool = False
    column: str | None = None

    @property
    def db_column(self) -> str:
        if self.column:
            return self.column
        return f"{self.name}_id" if self.ref else self.name

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class SourceKind:
    """A kind of source file or upstream table, e.g. ``appeals`` (企业诉求台账) → table ``appeal``."""

    name: str
    label: str
    table: Table
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    file_prefixes: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @property
    def key_columns(self) -> tuple[str, ...]:
        return tuple(self.field(name).db_column for name in self.key)

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)
