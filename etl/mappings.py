"""Saved import mappings (导入方案): when a file fails on its headers or labels, the operator maps them once; the
mapping is kept with who saved it and when, and every later file of that source — the same kind and header set —
is read with it, from /operator, ``battlemap etl import`` and the inbox alike.

A source is known by its header set: the cleaned headers of its header row (``etl.headers.clean_header``), so a
file that adds, drops or renames a column is a new source. A mapping adds headers to fields and labels to values
(``etl.vocab``); it never removes what the catalogue or the TOML file already accept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from config import ConfigError, Settings
from data import audit
from data.audit import CLI_ACTOR
from data.clock import local_now
from data.engine import Store
from data.mappings import all_mappings, delete_mapping, save_mapping
from etl.headers import HEADER_SCAN_ROWS, HeaderMatch, clean_header, header_text, merge_rows
from etl.kinds import KINDS, SourceKind
from etl.vocab import Vocabulary, allowed_values


class MappingError(ValueError):
    """A mapping that names an unknown kind, field or value; the message (Chinese) says which."""


def header_key(cells: Sequence[object]) -> str | None:
    """The hash of a header row's cleaned headers (order and spelling details ignored); ``None`` for < 2 headers."""
    cleaned = sorted({clean_header(c) for c in cells} - {""})
    if len(cleaned) < 2:
        return None
    return hashlib.sha1("\x1f".join(cleaned).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SavedMapping:
    id: int
    kind: str
    header_key: str
    headers: tuple[str, ...]
    columns: Mapping[str, str]  # header as written → field name
    labels: Mapping[str, Mapping[str, object]]  # field name → label → stored value
    source: str | None
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime

    def vocabulary(self, base: Vocabulary) -> Vocabulary:
        """``base`` with this mapping's headers and labels laid over it."""
        by_field: dict[str, tuple[str, ...]] = {}
        for header, name in self.columns.items():
            by_field[name] = (*by_field.get(name, ()), header)
        return base.merged({self.kind: by_field}, {self.kind: self.labels})

    def note(self) -> str:
        return (
            f"已按导入方案 #{self.id}（{self.updated_by} {self.updated_at:%Y-%m-%d %H:%M} 保存）"
            "对应表头和取值；可在“数据操作”页或用 battlemap etl mappings 查看、删除"
        )


def load_mappings(store: Store) -> list[SavedMapping]:
    with store.read() as conn:
        rows = all_mappings(conn)
    return [
        SavedMapping(
            **{**r, "headers": tuple(r["headers"] or ()), "labels": r["labels"] or {}, "columns": r["columns"] or {}}
        )
        for r in rows
    ]


def find_mapping(
    mappings: Sequence[SavedMapping], grid: Sequence[Sequence[object]], kind: SourceKind | None = None
) -> SavedMapping | None:
    """The mapping whose header set is a header row (or two-row header) of ``grid``, of ``kind`` when given."""
    if not mappings:
        return None
    known = {(m.kind, m.header_key): m for m in mappings if kind is None or m.kind == kind.name}
    keys = {m.header_key for m in known.values()}
    rows = list(grid[:HEADER_SCAN_ROWS])
    for i, row in enumerate(rows):
        for cells in (row, merge_rows(row, rows[i + 1]) if i + 1 < len(rows) else row):
            key = header_key(cells)
            if key in keys:
                return next(m for (_k, h), m in known.items() if h == key)
    return None


def check_mapping(settings: Settings, kind_name: str, columns: Mapping[str, str], labels: Mapping) -> None:
    """Raise :class:`MappingError` unless every field and value of the mapping exists for the kind."""
    if kind_name not in KINDS:
        raise MappingError(f"未知的数据类型 {kind_name}")
    kind = KINDS[kind_name]
    names = {f.name for f in kind.fields}
    unknown = sorted(set(columns.values()) - names)
    if unknown:
        raise MappingError(f"“{kind.label}”没有字段 {'、'.join(unknown)}")
    try:
        Vocabulary.from_settings(settings).merged({}, {kind_name: labels})
    except ConfigError as exc:
        raise MappingError(str(exc)) from exc


def store_mapping(
    store: Store,
    settings: Settings,
    kind: str,
    headers: Sequence[str],
    columns: Mapping[str, str],
    labels: Mapping[str, Mapping[str, object]],
    user: str,
    source: str | None = None,
) -> int:
    """Save (or extend) the mapping of the source whose header row is ``headers``; returns its id."""
    key = header_key(headers)
    if key is None:
        raise MappingError("表头少于两列，无法保存导入方案")
    clean_columns = {header_text(h): name for h, name in columns.items() if name}
    clean_labels = {name: {str(k): v for k, v in values.items()} for name, values in labels.items() if values}
    check_mapping(settings, kind, clean_columns, clean_labels)
    now = local_now(settings.timezone)
    with store.write() as conn:
        mapping_id = save_mapping(conn, kind, key, list(headers), clean_columns, clean_labels, source, user, now)
        fields = "、".join(f"{h}→{name}" for h, name in clean_columns.items())
        values = sum(len(v) for v in clean_labels.values())
        detail = "；".join(filter(None, (source, fields, f"取值对照 {values} 项" if values else "")))
        audit.record(conn, now, user, "mapping.save", f"#{mapping_id} {kind}", detail)
        return mapping_id


def remove_mapping(store: Store, mapping_id: int, user: str = CLI_ACTOR) -> bool:
    with store.write() as conn:
        removed = delete_mapping(conn, mapping_id)
        if removed:
            audit.record(conn, store.now(), user, "mapping.delete", f"#{mapping_id}")
        return removed


def mapping_hint(kind: SourceKind, match: HeaderMatch, unknown: Mapping[str, Sequence[object]]) -> dict:
    """What /operator shows to map a file once: its headers next to the fields, its unknown values next to the
    allowed ones (JSON-ready)."""
    return {
        "kind": kind.name,
        "kind_label": kind.label,
        "headers": list(match.written),
        "columns": _matched(match),
        "fields": [{"name": f.name, "label": f.label, "required": f.required} for f in kind.fields],
        "unknown": {name: [str(v) for v in values] for name, values in unknown.items()},
        "allowed": {name: [str(v) for v in allowed_values(kind.field(name))] for name in unknown},
    }


def _matched(match: HeaderMatch) -> dict[str, str]:
    by_label = {f.label: f.name for f in match.kind.fields}
    return {written: by_label[label] for label, written in match.headers.items()}


def mappings_text(mappings: Sequence[SavedMapping]) -> str:
    """The ``battlemap etl mappings`` listing."""
    if not mappings:
        return "还没有保存的导入方案（在“数据操作”页导入失败的文件旁边可以保存）"
    lines = []
    for m in mappings:
        kind = KINDS[m.kind].label if m.kind in KINDS else m.kind
        lines.append(
            f"#{m.id}  {kind}  保存：{m.created_by} {m.created_at:%Y-%m-%d %H:%M}"
            f"  最后修改：{m.updated_by} {m.updated_at:%Y-%m-%d %H:%M}  来源文件：{m.source or '—'}"
        )
        lines.append(f"    表头：{'、'.join(m.headers)}")
        for header, name in m.columns.items():
            field = KINDS[m.kind].field(name).label if m.kind in KINDS else name
            lines.append(f"    表头“{header}” → 「{field}」")
        for name, values in m.labels.items():
            field = KINDS[m.kind].field(name).label if m.kind in KINDS else name
            lines.extend(f"    「{field}」“{label}” → {value}" for label, value in values.items())
    return "\n".join(lines)
