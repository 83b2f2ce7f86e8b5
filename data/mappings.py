"""The saved import mappings (导入方案) in the store: read them, save one (a new source, or the same source's mapping
extended) and remove one. Who saved or changed a mapping and when is kept on its row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from data.schema import ImportMapping

COLUMNS = (
    "id",
    "kind",
    "header_key",
    "headers",
    "columns",
    "labels",
    "source",
    "created_by",
    "created_at",
    "updated_by",
    "updated_at",
)


def all_mappings(conn: Connection) -> list[dict]:
    """Every mapping as a dict of its columns, oldest first."""
    table = ImportMapping.__table__
    rows = conn.execute(select(*(table.c[c] for c in COLUMNS)).order_by(table.c.id))
    return [dict(r._mapping) for r in rows]


def save_mapping(
    conn: Connection,
    kind: str,
    header_key: str,
    headers: list[str],
    columns: dict[str, str],
    labels: dict[str, dict[str, object]],
    source: str | None,
    user: str,
    now: datetime,
) -> int:
    """Insert the mapping, or lay ``columns`` and ``labels`` over the stored one of the same kind and header set."""
    table = ImportMapping.__table__
    found = conn.execute(
        select(table.c.id, table.c.columns, table.c.labels).where(
            table.c.kind == kind, table.c.header_key == header_key
        )
    ).first()
    if found is None:
        values = {"kind": kind, "header_key": header_key, "headers": headers, "created_by": user, "created_at": now}
        return conn.execute(
            insert(table).values(
                **values, columns=columns, labels=labels, source=source, updated_by=user, updated_at=now
            )
        ).inserted_primary_key[0]
    merged_labels = {k: dict(v) for k, v in (found.labels or {}).items()}
    for name, values in labels.items():
        merged_labels.setdefault(name, {}).update(values)
    conn.execute(
        update(table)
        .where(table.c.id == found.id)
        .values(
            columns={**(found.columns or {}), **columns},
            labels=merged_labels,
            source=source,
            updated_by=user,
            updated_at=now,
        )
    )
    return found.id


def delete_mapping(conn: Connection, mapping_id: int) -> bool:
    table = ImportMapping.__table__
    return conn.execute(delete(table).where(table.c.id == mapping_id)).rowcount > 0
