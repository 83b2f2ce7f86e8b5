"""The words an import understands beyond the catalogue: extra headers and value labels per kind and field.

Three layers, later ones winning: each field's own aliases and labels (``etl.kinds``), the deployment's TOML
(``[etl.aliases.KIND] field = ["…"]``, ``[etl.labels.KIND.field] "label" = value``) and a saved mapping
(导入方案) of the source being imported. Labels are compared the way a person reads them: full-width folded,
traditional characters simplified, spaces ignored, letters in any case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from config import ConfigError, Settings
from etl.hanzi import fold_text, to_simplified
from etl.kinds import KINDS, Field, SourceKind

_SPACES = re.compile(r"[\s\u3000\xa0]+")

Aliases = Mapping[str, Mapping[str, tuple[str, ...]]]
Labels = Mapping[str, Mapping[str, Mapping[str, object]]]


def label_key(text: str) -> str:
    """A label as compared: ``“ 辦理 完畢 ”`` and ``办理完毕`` are the same label."""
    return _SPACES.sub("", to_simplified(fold_text(text))).lower()


def _check(aliases: Aliases, labels: Labels, where: str) -> None:
    """Every kind and field named exists, and every label maps to a value the field accepts."""
    for section, table in (("aliases", aliases), ("labels", labels)):
        for kind_name, fields in table.items():
            if kind_name not in KINDS:
                known = ", ".join(KINDS)
                raise ConfigError(f"{where}: [etl.{section}.{kind_name}] 不是已知的数据类型（可选：{known}）")
            names = {f.name for f in KINDS[kind_name].fields}
            unknown = sorted(set(fields) - names)
            if unknown:
                raise ConfigError(
                    f"{where}: [etl.{section}.{kind_name}] 中的字段 {'、'.join(unknown)} 不存在"
                    f"（可选：{', '.join(sorted(names))}）"
                )
    for kind_name, fields in labels.items():
        for name, values in fields.items():
            f = KINDS[kind_name].field(name)
            allowed = allowed_values(f)
            wrong = [f"“{k}” = {v!r}" for k, v in values.items() if allowed and v not in allowed and v is not None]
            if wrong:
                raise ConfigError(
                    f"{where}: [etl.labels.{kind_name}.{name}] {'、'.join(wrong)} 不是「{f.label}」可用的值"
                    f"（可选：{'/'.join(map(str, allowed))}）"
                )


def allowed_values(f: Field) -> tuple[object, ...]:
    """The values a labelled field stores (its choices, else the distinct values of its labels)."""
    if f.choices:
        return f.choices
    return tuple(dict.fromkeys(v for v in f.labels.values() if v is not None))


@dataclass(frozen=True)
class Vocabulary:
    aliases: Aliases = field(default_factory=dict)
    labels: Labels = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> Vocabulary:
        where = str(settings.config_path or "config/default.toml")
        _check(settings.etl.aliases, settings.etl.labels, where)
        return cls(settings.etl.aliases, settings.etl.labels)

    def merged(self, aliases: Aliases, labels: Labels) -> Vocabulary:
        """This vocabulary with a saved mapping's headers and labels laid over it."""
        _check(aliases, labels, "导入方案")
        return Vocabulary(_overlay(self.aliases, aliases), _overlay(self.labels, labels))

    def extra_headers(self, kind: SourceKind) -> dict[str, tuple[str, ...]]:
        return {name: tuple(headers) for name, headers in self.aliases.get(kind.name, {}).items()}

    def value_map(self, kind: SourceKind, f: Field) -> dict[str, object]:
        """Label key → stored value for ``f``: its choices as themselves, its labels, then the configured ones."""
        return self._maps.get((kind.name, f.name)) or _value_map(f, self.labels.get(kind.name, {}).get(f.name, {}))

    @cached_property
    def _maps(self) -> dict[tuple[str, str], dict[str, object]]:
        return {
            (kind, name): _value_map(KINDS[kind].field(name), values)
            for kind, fields in self.labels.items()
            for name, values in fields.items()
        }


def _value_map(f: Field, extra: Mapping[str, object]) -> dict[str, object]:
    mapping: dict[str, object] = {label_key(c): c for c in f.choices or ()}
    mapping.update({label_key(k): v for k, v in f.labels.items()})
    mapping.update({label_key(k): v for k, v in extra.items()})
    return mapping


def _overlay(base: Mapping, top: Mapping) -> dict:
    out = {k: dict(v) for k, v in base.items()}
    for kind, fields in top.items():
        for name, values in fields.items():
            current = out.setdefault(kind, {}).get(name)
            if isinstance(values, Mapping):
                out[kind][name] = {**(current or {}), **values}
            else:
                out[kind][name] = tuple(dict.fromkeys([*(current or ()), *values]))
    return out


DEFAULT = Vocabulary()
