"""What the meeting and department views' filters offer, read from the store: the departments known so far."""

from __future__ import annotations

from sqlalchemy import Connection, select

from data.schema import Department


def department_names(conn: Connection) -> list[str]:
    """Every department in the store, by name (the importer adds one the first time a file names it)."""
    return [name for (name,) in conn.execute(select(Department.name).order_by(Department.name))]
